import { readLinkMetadata, readOEmbed } from './link-metadata';

const PAGE = 'https://news.example.com/articles/office';

describe('readLinkMetadata', () => {
  it('prefers Open Graph, then Twitter, then plain HTML, the first value of each winning', () => {
    const meta = readLinkMetadata(
      `<html><head><title>Plain &amp; simple</title>
      <meta name="description" content="Plain description">
      <meta name="twitter:title" content="Twitter title">
      <META PROPERTY="og:title" CONTENT="First">
      <meta property="og:title" content="Second">
      <meta property="og:image" content="../img/a.png">
      <link rel="canonical" href="/office"></head></html>`,
      PAGE,
    );
    expect(meta).toEqual({
      title: 'First',
      description: 'Plain description',
      imageUrl: 'https://news.example.com/img/a.png',
      siteName: null,
      canonicalUrl: 'https://news.example.com/office',
      oembedUrl: null,
    });
  });

  it('falls back to <title>, and drops addresses that are not http(s)', () => {
    const meta = readLinkMetadata(
      `<title>  Line
      one\u200B </title><meta property="og:image" content="javascript:alert(1)">
      <meta name="twitter:image" content="data:image/png;base64,AAAA">
      <link rel="alternate" type="application/json+oembed" href="//oembed.example.com/?u=1">`,
      PAGE,
    );
    expect(meta.title).toBe('Line one');
    expect(meta.imageUrl).toBeNull();
    expect(meta.oembedUrl).toBe('https://oembed.example.com/?u=1');
  });

  it('cuts a long title to a pack title’s length and answers nulls for no metadata', () => {
    expect([...(readLinkMetadata(`<title>${'a'.repeat(500)}</title>`, PAGE).title ?? '')]).toHaveLength(200);
    expect(readLinkMetadata('<p>Nothing here</p>', PAGE)).toEqual({
      title: null,
      description: null,
      imageUrl: null,
      siteName: null,
      canonicalUrl: null,
      oembedUrl: null,
    });
  });
});

describe('readOEmbed', () => {
  it('reads title, provider and thumbnail, and nothing from what is not a JSON object', () => {
    expect(
      readOEmbed(
        '{"title":"Video","provider_name":"Tube","thumbnail_url":"/t.jpg"}',
        'https://tube.example/oembed',
      ),
    ).toEqual({ title: 'Video', siteName: 'Tube', imageUrl: 'https://tube.example/t.jpg' });
    expect(readOEmbed('[1,2]', 'https://tube.example/')).toEqual({
      title: null,
      siteName: null,
      imageUrl: null,
    });
    expect(readOEmbed('<html>', 'https://tube.example/')).toEqual({
      title: null,
      siteName: null,
      imageUrl: null,
    });
  });
});
