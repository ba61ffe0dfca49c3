import fc from 'fast-check';
import { MAX_LINK_LENGTH, isDestinationUrl, parseDestinationUrl } from './destination-url';

describe('parseDestinationUrl: refusals', () => {
  it.each([
    ['an empty string', '', 'link.empty'],
    ['a non-string', 42, 'link.malformed'],
    ['null', null, 'link.malformed'],
    ['a javascript: URL', 'javascript:alert(1)', 'link.scheme_not_allowed'],
    ['an upper-case JavaScript: URL', 'JaVaScRiPt:alert(1)', 'link.scheme_not_allowed'],
    ['a data: URL', 'data:text/html;base64,PHNjcmlwdD4=', 'link.scheme_not_allowed'],
    ['a vbscript: URL', 'vbscript:msgbox(1)', 'link.scheme_not_allowed'],
    ['a file: URL', 'file:///etc/passwd', 'link.scheme_not_allowed'],
    ['an ftp: URL', 'ftp://example.com/file', 'link.scheme_not_allowed'],
    ['a mailto: URL', 'mailto:someone@example.com', 'link.scheme_not_allowed'],
    ['a protocol-relative URL', '//evil.example/path', 'link.scheme_missing'],
    ['a bare domain', 'example.com/path', 'link.scheme_missing'],
    ['a bare domain with a port', 'example.com:8080/x', 'link.scheme_missing'],
    ['a relative path', '/just/a/path', 'link.scheme_missing'],
    ['a scheme without slashes', 'http:example.com', 'link.malformed'],
    ['a scheme with one slash', 'https:/example.com', 'link.malformed'],
    ['credentials', 'https://user:pass@example.com/', 'link.credentials_not_allowed'],
    ['a user name only', 'https://user@example.com/', 'link.credentials_not_allowed'],
    [
      'an @ that hides the real host',
      'https://trusted.example@evil.example/',
      'link.credentials_not_allowed',
    ],
    ['a backslash in the authority', 'https://evil.example\\@trusted.example/', 'link.backslash'],
    ['a backslash in the path', 'https://example.com\\path', 'link.backslash'],
    ['a leading space', ' https://example.com', 'link.whitespace'],
    ['a trailing newline', 'https://example.com/\n', 'link.whitespace'],
    ['a space in the path', 'https://example.com/a b', 'link.whitespace'],
    ['a tab', 'https://example.com/\ta', 'link.whitespace'],
    ['a no-break space', 'https://example.com/\u00a0', 'link.whitespace'],
    ['a line separator', 'https://example.com/\u2028', 'link.whitespace'],
    ['a NUL character', 'https://example.com/\u0000', 'link.control_character'],
    ['an escape character', 'https://exa\u001bmple.com', 'link.control_character'],
    ['a DEL character', 'https://example.com/\u007f', 'link.control_character'],
    ['a zero-width space', 'https://exam\u200bple.com', 'link.control_character'],
    ['a right-to-left override', 'https://example.com/\u202etxt.exe', 'link.control_character'],
    ['a lone surrogate', 'https://example.com/\ud800', 'link.malformed'],
    ['no host', 'https:///path', 'link.host_missing'],
    ['an empty authority', 'https://', 'link.host_missing'],
    ['a host with a percent escape', 'https://exa%6dple.com/', 'link.host_invalid'],
    ['a host label starting with a hyphen', 'https://-example.com/', 'link.host_invalid'],
    ['a host with an empty label', 'https://example..com/', 'link.host_invalid'],
    ['a host label of 64 characters', `https://${'a'.repeat(64)}.com/`, 'link.host_invalid'],
    ['a host with a symbol', 'https://exa$mple.com/', 'link.host_invalid'],
    ['an unclosed IPv6 literal', 'https://[::1/', 'link.host_invalid'],
    ['an IPv6 literal with letters beyond hex', 'https://[::g]/', 'link.host_invalid'],
    ['a non-numeric port', 'https://example.com:http/', 'link.port_invalid'],
    ['port 0', 'https://example.com:0/', 'link.port_invalid'],
    ['port 65536', 'https://example.com:65536/', 'link.port_invalid'],
    ['an empty port', 'https://example.com:/', 'link.port_invalid'],
    ['a stray percent sign', 'https://example.com/100%', 'link.bad_percent_encoding'],
    ['a percent followed by non-hex', 'https://example.com/?q=%zz', 'link.bad_percent_encoding'],
    ['a link over the length limit', `https://example.com/${'a'.repeat(MAX_LINK_LENGTH)}`, 'link.too_long'],
  ])('refuses %s', (_name, input, code) => {
    const parsed = parseDestinationUrl(input);
    expect(parsed).toMatchObject({ ok: false, code });
    expect(isDestinationUrl(input)).toBe(false);
  });

  it('refuses a link that becomes too long once its characters are percent-encoded', () => {
    const input = `https://example.com/${'ä'.repeat(700)}`;
    expect(input.length).toBeLessThan(MAX_LINK_LENGTH);
    expect(parseDestinationUrl(input)).toMatchObject({ ok: false, code: 'link.too_long' });
  });
});

describe('parseDestinationUrl: accepted links', () => {
  it.each([
    ['a plain https link', 'https://example.com/blog/post', 'https://example.com/blog/post'],
    ['an http link', 'http://example.com', 'http://example.com/'],
    ['upper-case scheme and host', 'HTTPS://Example.COM/Path', 'https://example.com/Path'],
    ['the default port', 'https://example.com:443/x', 'https://example.com/x'],
    ['another port', 'http://localhost:3000/r/abc', 'http://localhost:3000/r/abc'],
    ['query and fragment', 'https://example.com/a?b=1&c=2#top', 'https://example.com/a?b=1&c=2#top'],
    ['a fragment without a path', 'https://example.com#x', 'https://example.com/#x'],
    [
      'Finnish letters in the path',
      'https://fi.wikipedia.org/wiki/Äänekoski',
      'https://fi.wikipedia.org/wiki/%C3%84%C3%A4nekoski',
    ],
    ['an emoji in the query', 'https://example.com/?q=😀', 'https://example.com/?q=%F0%9F%98%80'],
    ['unsafe ASCII in the query', 'https://example.com/?q="<x>"', 'https://example.com/?q=%22%3Cx%3E%22'],
    ['existing escapes kept', 'https://example.com/a%20b?q=%C3%A4', 'https://example.com/a%20b?q=%C3%A4'],
    ['an IDN host in punycode', 'https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['an IPv6 host', 'http://[2001:DB8::1]:8080/', 'http://[2001:db8::1]:8080/'],
    ['an IPv4 host', 'http://192.0.2.1/x', 'http://192.0.2.1/x'],
    ['a trailing dot in the host', 'https://example.com./', 'https://example.com./'],
  ])('accepts %s', (_name, input, href) => {
    const parsed = parseDestinationUrl(input);
    expect(parsed).toMatchObject({ ok: true, url: { href } });
  });

  it('splits the parts', () => {
    expect(parseDestinationUrl('https://Example.com:8443/a/b?x=1#frag')).toEqual({
      ok: true,
      url: {
        href: 'https://example.com:8443/a/b?x=1#frag',
        scheme: 'https',
        host: 'example.com',
        port: 8443,
        path: '/a/b',
        query: 'x=1',
        fragment: 'frag',
      },
    });
  });

  it('normalises to a fixed point that the platform URL parser reads the same way', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }),
        (input) => {
          const parsed = parseDestinationUrl(input);
          if (!parsed.ok) {
            // fast-check may build hosts WHATWG accepts but DNS does not (e.g. labels over 63); nothing else.
            expect(['link.host_invalid', 'link.too_long']).toContain(parsed.code);
            return;
          }
          const again = parseDestinationUrl(parsed.url.href);
          expect(again).toEqual(parsed);
          const platform = new URL(parsed.url.href);
          expect(platform.protocol).toBe(`${parsed.url.scheme}:`);
          expect(platform.hostname).toBe(parsed.url.host);
          expect(platform.port).toBe(parsed.url.port === null ? '' : String(parsed.url.port));
        },
      ),
      { numRuns: 200 },
    );
  });
});
