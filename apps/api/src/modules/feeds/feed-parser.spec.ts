import { parseFeed } from './feed-parser';
import { FeedFetchError } from './feeds.errors';
import { firstImageSource, htmlToText, textToParagraphs, truncate } from './html-text';
import { parseXml, textOf } from './xml-document';

const BASE = 'https://blog.example.com/feed.xml';
const parse = (xml: string | Buffer, contentType?: string) =>
  parseFeed(typeof xml === 'string' ? Buffer.from(xml) : xml, BASE, contentType);

const refusal = (xml: string): string => {
  try {
    parse(xml);
  } catch (error) {
    if (error instanceof FeedFetchError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('parseFeed: RSS 2.0', () => {
  const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Heimo &amp; friends</title>
    <link>https://blog.example.com/</link>
    <item>
      <title><![CDATA[Spring <em>launch</em> & more]]></title>
      <link>https://blog.example.com/spring</link>
      <guid isPermaLink="false">post-1</guid>
      <description>&lt;p&gt;Hello&amp;nbsp;world &amp;amp; you&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Second&lt;/p&gt;</description>
      <enclosure url="/img/spring.jpg" type="image/jpeg" length="1000"/>
      <pubDate>Tue, 10 Mar 2026 09:00:00 GMT</pubDate>
    </item>
    <item>
      <title>Media item</title>
      <link>https://blog.example.com/media</link>
      <media:content url="https://cdn.example.com/video.mp4" medium="video"/>
      <media:content url="https://cdn.example.com/photo.png" medium="image"/>
    </item>
    <item>
      <title>Thumbnail item</title>
      <guid>https://blog.example.com/thumb</guid>
      <media:group><media:thumbnail url="https://cdn.example.com/thumb.webp"/></media:group>
    </item>
    <item>
      <title>Inline image</title>
      <link>javascript:alert(1)</link>
      <content:encoded><![CDATA[<p>Text</p><img src="data:image/png;base64,AAAA"><img alt="x" src='/inline.gif?a=1&amp;b=2'>]]></content:encoded>
    </item>
  </channel>
</rss>`;

  it('reads titles, CDATA, entities, links, guids and dates', () => {
    const feed = parse(rss);
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Heimo & friends');
    const [first] = feed.entries;
    expect(first).toEqual({
      guid: 'post-1',
      title: 'Spring launch & more',
      summary: 'Hello world & you\n\nSecond',
      link: 'https://blog.example.com/spring',
      imageUrl: 'https://blog.example.com/img/spring.jpg',
      publishedAt: new Date('2026-03-10T09:00:00Z'),
    });
  });

  it('finds the image in media:content, media:thumbnail or the first <img> of the content', () => {
    const [, media, thumbnail, inline] = parse(rss).entries;
    expect(media?.imageUrl).toBe('https://cdn.example.com/photo.png');
    expect(thumbnail?.imageUrl).toBe('https://cdn.example.com/thumb.webp');
    expect(thumbnail?.guid).toBe('https://blog.example.com/thumb');
    expect(thumbnail?.link).toBe('https://blog.example.com/thumb');
    expect(inline?.imageUrl).toBe('https://blog.example.com/inline.gif?a=1&b=2');
    expect(inline?.summary).toBe('Text');
  });

  it('never takes a javascript: link, and keys an item without guid or link by its content', () => {
    const inline = parse(rss).entries[3]!;
    expect(inline.link).toBeNull();
    expect(inline.guid).toMatch(/^content:[0-9a-f]{64}$/);
    expect(parse(rss).entries[3]!.guid).toBe(inline.guid);
  });

  it('resolves namespaces by URI, whatever the prefix', () => {
    const feed = parse(`<rss><channel><item><title>x</title><guid>g</guid>
      <m:thumbnail xmlns:m="http://search.yahoo.com/mrss/" url="https://cdn.example.com/a.jpg"/>
      <media:thumbnail xmlns:media="urn:something-else" url="https://cdn.example.com/wrong.jpg"/>
    </item></channel></rss>`);
    expect(feed.entries[0]?.imageUrl).toBe('https://cdn.example.com/a.jpg');
  });

  it('bounds the summary and the title', () => {
    const long = 'word '.repeat(1000);
    const feed = parse(
      `<rss><channel><item><title>${long}</title><description>${long}</description></item></channel></rss>`,
    );
    expect(Array.from(feed.entries[0]!.title).length).toBeLessThanOrEqual(200);
    expect(Array.from(feed.entries[0]!.summary).length).toBeLessThanOrEqual(1000);
    expect(feed.entries[0]!.summary.endsWith('…')).toBe(true);
  });

  it('decodes the encoding the declaration names', () => {
    const xml = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>'),
      Buffer.from([0x48, 0xe4, 0x6d, 0x65]),
      Buffer.from('</title></channel></rss>'),
    ]);
    expect(parse(xml).title).toBe('Häme');
  });
});

describe('parseFeed: Atom 1.0', () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example.org/">
  <title type="text">News</title>
  <entry>
    <title type="html">Hello &lt;b&gt;there&lt;/b&gt;</title>
    <id>tag:news.example.org,2026:1</id>
    <link rel="alternate" href="posts/1"/>
    <link rel="enclosure" type="image/png" href="/images/1.png"/>
    <updated>2026-03-01T10:00:00Z</updated>
    <summary>Plain &amp; simple</summary>
  </entry>
  <entry>
    <title>Second</title>
    <id>tag:news.example.org,2026:2</id>
    <link href="https://news.example.org/posts/2"/>
    <published>2026-03-02T10:00:00Z</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <img src="/images/2.jpg"/></p></div></content>
  </entry>
</feed>`;

  it('reads entries with ids, alternate links, enclosures and text constructs', () => {
    const feed = parse(atom);
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('News');
    expect(feed.entries[0]).toEqual({
      guid: 'tag:news.example.org,2026:1',
      title: 'Hello there',
      summary: 'Plain & simple',
      link: 'https://news.example.org/posts/1',
      imageUrl: 'https://news.example.org/images/1.png',
      publishedAt: new Date('2026-03-01T10:00:00Z'),
    });
    expect(feed.entries[1]).toMatchObject({
      summary: 'Body',
      link: 'https://news.example.org/posts/2',
      imageUrl: 'https://news.example.org/images/2.jpg',
    });
  });
});

describe('parseFeed: a DOCTYPE without an internal subset', () => {
  const rss091 = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91">
  <channel>
    <title>Old news</title>
    <link>https://blog.example.com/</link>
    <description>Since 1999</description>
    <language>en</language>
    <item>
      <title>Caf&eacute; opens</title>
      <link>https://blog.example.com/cafe</link>
      <description>Coffee &amp; cake</description>
    </item>
  </channel>
</rss>`;

  it("reads RSS 0.91 with its public DOCTYPE, never fetching the DTD, and decodes the DTD's HTML entities", () => {
    const feed = parse(Buffer.from(rss091, 'latin1'));
    expect(feed.title).toBe('Old news');
    expect(feed.entries).toEqual([
      expect.objectContaining({
        title: 'Café opens',
        summary: 'Coffee & cake',
        link: 'https://blog.example.com/cafe',
      }),
    ]);
  });

  it.each([
    ['a bare name', '<!DOCTYPE rss>'],
    ['a system identifier', '<!DOCTYPE rss SYSTEM "rss.dtd">'],
    ['identifiers holding [ and >', `<!DOCTYPE rss PUBLIC '-//x [y]//EN' "http://x/a>b[1].dtd" >`],
    ['line breaks and a comment before it', '<!-- hi -->\n<!DOCTYPE\n  rss\n>'],
  ])('accepts %s', (_, doctype) => {
    expect(
      parse(`<?xml version="1.0"?>${doctype}<rss version="2.0"><channel><title>T</title></channel></rss>`)
        .title,
    ).toBe('T');
  });
});

describe('parseFeed: refusals', () => {
  it.each([
    [
      'an empty internal DTD subset',
      '<?xml version="1.0"?><!DOCTYPE rss []><rss><channel/></rss>',
      'feed.unsafe_xml',
    ],
    [
      'an internal subset after a public identifier',
      '<!DOCTYPE rss PUBLIC "-//x//EN" "http://x/a.dtd" [<!ENTITY t "T">]><rss><channel><title>&t;</title></channel></rss>',
      'feed.unsafe_xml',
    ],
    ['a lower-case doctype', '<!doctype rss><rss><channel/></rss>', 'feed.unsafe_xml'],
    ['an unclosed DOCTYPE', '<!DOCTYPE rss PUBLIC "-//x//EN', 'feed.not_a_feed'],
    ['a DOCTYPE without a name', '<!DOCTYPE><rss><channel/></rss>', 'feed.not_a_feed'],
    ['markup inside a DOCTYPE', '<!DOCTYPE rss <!ENTITY x "y">><rss><channel/></rss>', 'feed.not_a_feed'],
    ['two DOCTYPEs', '<!DOCTYPE rss><!DOCTYPE rss><rss><channel/></rss>', 'feed.not_a_feed'],
    ['a DOCTYPE inside the root', '<rss><!DOCTYPE rss><channel/></rss>', 'feed.not_a_feed'],
    [
      'an external entity (XXE)',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>',
      'feed.unsafe_xml',
    ],
    [
      'a billion laughs',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><rss>&lol2;</rss>',
      'feed.unsafe_xml',
    ],
    ['an ENTITY declaration', '<rss><!ENTITY x "y"><channel/></rss>', 'feed.unsafe_xml'],
    [
      'an HTML page',
      '<!DOCTYPE html><html><head><title>Blog</title></head><body></body></html>',
      'feed.not_a_feed',
    ],
    ['HTML without a doctype', '<html><body><p>hi</body></html>', 'feed.not_a_feed'],
    ['XML that is not a feed', '<?xml version="1.0"?><note><to>x</to></note>', 'feed.not_a_feed'],
    ['mismatched tags', '<rss><channel></rss></channel>', 'feed.not_a_feed'],
    ['an unclosed element', '<rss><channel>', 'feed.not_a_feed'],
    ['two roots', '<rss><channel/></rss><rss/>', 'feed.not_a_feed'],
    ['text only', 'just some words', 'feed.not_a_feed'],
    ['an empty body', '', 'feed.not_a_feed'],
    ['JSON', '{"items":[]}', 'feed.not_a_feed'],
    ['RSS without a channel', '<rss version="2.0"></rss>', 'feed.not_a_feed'],
  ])('refuses %s', (_, xml, code) => {
    expect(refusal(xml)).toBe(code);
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    expect(refusal(`<rss>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</rss>`)).toBe('feed.not_a_feed');
  });
});

describe('xml and text helpers', () => {
  it('decodes character references but leaves unknown entities as written', () => {
    expect(textOf(parseXml('<a>&#x41;&#66;&amp;&nbsp;&#0;</a>'))).toBe('AB&&nbsp;\uFFFD');
  });

  it('decodes every named HTML entity and numeric references, and marks invalid ones', () => {
    expect(htmlToText('Next &rarr; later &hellip; &notin; &Aring;', 100)).toBe('Next → later … ∉ Å');
    expect(htmlToText('&#8594;&#x2192;&#X2192; &#128;', 100)).toBe('→→→ €');
    expect(htmlToText('a&#0;b&#xD800;c&#x110000;d&#99999999999;e', 100)).toBe(
      'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe',
    );
    expect(htmlToText('&nosuch; &#xZZ; &; & &amp;amp;', 100)).toBe('&nosuch; &#xZZ; &; & &amp;');
  });

  it('reads an entity in an imported title once: XML first, then HTML', () => {
    const feed = parse(`<rss version="2.0"><channel><title>Blog</title>
      <item><title>Launch &amp;rarr; now &amp;amp; later</title><link>https://blog.example.com/a</link></item>
    </channel></rss>`);
    expect(feed.entries[0]?.title).toBe('Launch → now & later');
  });

  it('decodes an image address as an attribute value, where "&copy=" is not ©', () => {
    expect(firstImageSource('<img src="/i.png?a=1&copy=2&amp;b=&#x33;">')).toBe('/i.png?a=1&copy=2&b=3');
  });

  it('keeps paragraphs of Atom plain text and cleans each as one line', () => {
    expect(textToParagraphs('  One\ttwo\r\n\r\n\u202eThree  \n', 100)).toBe('One two\n\nThree');
  });

  it('turns HTML into text without scripts, styles or bidi overrides', () => {
    expect(htmlToText('<style>p{}</style><p>A<br>B</p><!-- c --><p>Ä&auml;\u202e</p>', 100)).toBe(
      'A\n\nB\n\nÄä',
    );
  });

  it('keeps a lone < as text and drops an unclosed script to the end', () => {
    expect(htmlToText('1 < 2 and <b>bold</b>', 100)).toBe('1 < 2 and bold');
    expect(htmlToText('before<script>alert(1)', 100)).toBe('before');
  });

  it('reads hostile markup in linear time: ten times the input takes well under a hundred times as long', () => {
    // A ratio measured in this run, not a time limit: a loaded machine slows both sizes alike, while
    // a quadratic scan would take about 100 times as long for ten times the input.
    const hostile: ReadonlyArray<(n: number) => string> = [
      (n) => '<p'.repeat(n),
      (n) => '<script '.repeat(n),
      (n) => `<img ${' '.repeat(n * 5)}`,
      (n) => '<img a=b>'.repeat(n),
      (n) => '<!--'.repeat(n),
    ];
    const timeOf = (html: string) => {
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = process.hrtime.bigint();
        htmlToText(html, 1000);
        firstImageSource(html);
        best = Math.min(best, Number(process.hrtime.bigint() - started));
      }
      return best;
    };
    for (const make of hostile) {
      timeOf(make(40_000)); // warms the code paths up, so the small size is not measured cold
      const small = timeOf(make(40_000));
      const large = timeOf(make(400_000));
      expect(large / small).toBeLessThan(40);
    }
  });

  it('truncates at a word and never splits a character', () => {
    expect(truncate('hello wonderful world', 18)).toBe('hello wonderful…');
    expect(Array.from(truncate('😀'.repeat(10), 5))).toHaveLength(5);
  });
});
