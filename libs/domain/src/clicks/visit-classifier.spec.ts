import { classifyUserAgent, classifyVisit, type PreviewReason, type VisitSignals } from './visit-classifier';

const CHROME_WIN =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Link-preview fetchers, crawlers, HTTP libraries, mail scanners and prefetches: none is a click. */
const PREVIEWS: readonly (readonly [string, VisitSignals, PreviewReason])[] = [
  [
    'LinkedIn',
    { userAgent: 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)' },
    'link_preview',
  ],
  ['X', { userAgent: 'Twitterbot/1.0' }, 'link_preview'],
  [
    'Facebook',
    { userAgent: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)' },
    'link_preview',
  ],
  ['Facebook (Facebot)', { userAgent: 'Facebot' }, 'link_preview'],
  [
    'Meta agent',
    {
      userAgent: 'meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)',
    },
    'link_preview',
  ],
  ['Slack', { userAgent: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' }, 'link_preview'],
  ['Slack image proxy', { userAgent: 'Slack-ImgProxy (+https://api.slack.com/robots)' }, 'link_preview'],
  ['WhatsApp', { userAgent: 'WhatsApp/2.23.20.0 A' }, 'link_preview'],
  ['WhatsApp iOS', { userAgent: 'WhatsApp/2.24.12.78 i' }, 'link_preview'],
  [
    'Discord',
    { userAgent: 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)' },
    'link_preview',
  ],
  ['Telegram', { userAgent: 'TelegramBot (like TwitterBot)' }, 'link_preview'],
  ['Mastodon', { userAgent: 'Mastodon/4.2.10 (http.rb/5.1.1; +https://mastodon.social/)' }, 'link_preview'],
  [
    'Pleroma',
    { userAgent: 'Pleroma 2.6.2; https://pleroma.example <admin@pleroma.example>' },
    'link_preview',
  ],
  [
    'Bluesky',
    { userAgent: 'Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)' },
    'link_preview',
  ],
  ['Skype', { userAgent: 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5' }, 'link_preview'],
  [
    'Teams',
    {
      userAgent:
        'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com',
    },
    'link_preview',
  ],
  [
    'Reddit',
    { userAgent: 'Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)' },
    'link_preview',
  ],
  [
    'Pinterest',
    { userAgent: 'Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)' },
    'link_preview',
  ],
  ['Iframely', { userAgent: 'Iframely/1.3.1 (+https://iframely.com/docs/about)' }, 'link_preview'],
  [
    'Googlebot',
    { userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
    'crawler',
  ],
  [
    'Googlebot smartphone',
    {
      userAgent:
        'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    },
    'crawler',
  ],
  [
    'Bing',
    { userAgent: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' },
    'crawler',
  ],
  [
    'Applebot',
    {
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)',
    },
    'crawler',
  ],
  ['Yandex', { userAgent: 'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)' }, 'crawler'],
  ['Ahrefs', { userAgent: 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)' }, 'crawler'],
  [
    'GPTBot',
    {
      userAgent:
        'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
    },
    'crawler',
  ],
  [
    'ClaudeBot',
    {
      userAgent:
        'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)',
    },
    'crawler',
  ],
  ['curl', { userAgent: 'curl/8.5.0' }, 'http_library'],
  ['Wget', { userAgent: 'Wget/1.21.4' }, 'http_library'],
  ['python-requests', { userAgent: 'python-requests/2.32.3' }, 'http_library'],
  ['Python urllib', { userAgent: 'Python-urllib/3.12' }, 'http_library'],
  ['aiohttp', { userAgent: 'Python/3.12 aiohttp/3.9.5' }, 'http_library'],
  ['Go', { userAgent: 'Go-http-client/2.0' }, 'http_library'],
  ['axios', { userAgent: 'axios/1.7.7' }, 'http_library'],
  ['node-fetch', { userAgent: 'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)' }, 'http_library'],
  ['undici', { userAgent: 'undici' }, 'http_library'],
  ['OkHttp', { userAgent: 'okhttp/4.12.0' }, 'http_library'],
  ['Java', { userAgent: 'Java/17.0.11' }, 'http_library'],
  ['Apache HttpClient', { userAgent: 'Apache-HttpClient/4.5.14 (Java/17.0.2)' }, 'http_library'],
  ['Postman', { userAgent: 'PostmanRuntime/7.39.0' }, 'http_library'],
  [
    'Headless Chrome',
    {
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    },
    'http_library',
  ],
  ['Barracuda', { userAgent: 'Barracuda Sentinel (EE)' }, 'mail_scanner'],
  ['Mimecast', { userAgent: 'Mozilla/5.0 (compatible; Mimecast URL Protect)' }, 'mail_scanner'],
  ['Proofpoint', { userAgent: 'Mozilla/5.0 (compatible; Proofpoint URL Defense)' }, 'mail_scanner'],
  [
    'Microsoft Defender Safe Links',
    { userAgent: 'Mozilla/5.0 (compatible; Microsoft Defender for Office 365 Safe Links)' },
    'mail_scanner',
  ],
  ['Office existence discovery', { userAgent: 'Microsoft Office Existence Discovery' }, 'mail_scanner'],
  [
    'Safe Links referrer',
    { userAgent: CHROME_WIN, referrerHost: 'eur01.safelinks.protection.outlook.com' },
    'mail_scanner',
  ],
  [
    'Proofpoint referrer',
    { userAgent: CHROME_WIN, referrerHost: 'urldefense.proofpoint.com' },
    'mail_scanner',
  ],
  ['Mimecast referrer', { userAgent: CHROME_WIN, referrerHost: 'protect-eu.mimecast.com' }, 'mail_scanner'],
  ['Sec-Purpose prefetch', { userAgent: CHROME_WIN, secPurpose: 'prefetch' }, 'prefetch'],
  ['Sec-Purpose prerender', { userAgent: CHROME_WIN, secPurpose: 'prefetch;prerender' }, 'prefetch'],
  ['Purpose prefetch', { userAgent: CHROME_WIN, purpose: 'prefetch' }, 'prefetch'],
  ['X-Purpose preview', { userAgent: CHROME_WIN, purpose: 'preview' }, 'prefetch'],
  ['X-Moz prefetch', { userAgent: CHROME_WIN, xMoz: 'prefetch' }, 'prefetch'],
  ['empty user agent', { userAgent: '' }, 'empty_user_agent'],
  ['blank user agent', { userAgent: '   ' }, 'empty_user_agent'],
  ['no user agent', {}, 'empty_user_agent'],
  [
    'isbot only: generic spider',
    { userAgent: 'Mozilla/5.0 (compatible; SomeNewSpider/1.0; +https://spider.example/)' },
    'bot',
  ],
];

/** Current browsers, including the in-app browsers of the networks people share on: all clicks. */
const BROWSERS: readonly (readonly [string, string])[] = [
  ['Chrome on Windows', CHROME_WIN],
  [
    'Chrome on macOS',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ],
  [
    'Chrome on Linux',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ],
  [
    'Chrome on Android',
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  ],
  [
    'Chrome on iOS',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  ],
  [
    'Safari on macOS',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  ],
  [
    'Safari on iPhone',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  ],
  [
    'Safari on iPad',
    'Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  ],
  ['Firefox on Windows', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'],
  ['Firefox on macOS', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0'],
  ['Firefox on Linux', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'],
  ['Firefox on Android', 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0'],
  [
    'Firefox on iOS',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15',
  ],
  ['Edge on Windows', `${CHROME_WIN} Edg/131.0.2903.70`],
  [
    'Edge on iOS',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 EdgiOS/131.2903.68 Mobile/15E148 Safari/605.1.15',
  ],
  ['Opera', `${CHROME_WIN} OPR/115.0.0.0`],
  ['Vivaldi', `${CHROME_WIN} Vivaldi/7.0.3495.18`],
  [
    'Samsung Internet',
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36',
  ],
  ['Yandex Browser', `${CHROME_WIN} YaBrowser/24.10.0.0 Safari/537.36`],
  [
    'LinkedIn app (iOS)',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 LinkedInApp/9.30.1 (iPhone; iOS 18.1; Scale/3.00)',
  ],
  [
    'Facebook app (iOS)',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/490.0.0.41.106;FBBV/669282470;FBDV/iPhone16,2;FBMD/iPhone;FBSN/iOS;FBSV/18.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/671002388]',
  ],
  [
    'Facebook app (Android)',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.39 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/489.0.0.66.81;]',
  ],
  [
    'Instagram app',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.39 Mobile Safari/537.36 Instagram 355.0.0.37.103 Android',
  ],
  [
    'X app (iOS)',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Twitter for iPhone/10.68',
  ],
  [
    'Threads app',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Barcelona 356.0.0.29.99 (iPhone16,2; iOS 18_1; en_US; en; scale=3.00; 1179x2556; 674372520)',
  ],
  [
    'Chrome on ChromeOS',
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ],
  [
    'DuckDuckGo browser',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 DuckDuckGo/7 Safari/605.1.15',
  ],
];

describe('classifyVisit', () => {
  it('has a table of at least 40 previews and 20 browsers', () => {
    expect(PREVIEWS.length).toBeGreaterThanOrEqual(40);
    expect(BROWSERS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(PREVIEWS)('counts %s as a preview', (_name, signals, reason) => {
    expect(classifyVisit(signals)).toEqual({ kind: 'preview', reason });
  });

  it.each(BROWSERS)('counts %s as a click', (_name, userAgent) => {
    expect(classifyVisit({ userAgent, referrerHost: 'www.linkedin.com' })).toEqual({
      kind: 'click',
      reason: null,
    });
  });

  it('does not take a navigation header for a prefetch', () => {
    expect(classifyVisit({ userAgent: CHROME_WIN, secPurpose: 'navigate', purpose: '' }).kind).toBe('click');
  });

  it('does not take a referrer that merely mentions a scanner for one', () => {
    expect(
      classifyVisit({ userAgent: CHROME_WIN, referrerHost: 'safelinks.protection.outlook.com.example' }).kind,
    ).toBe('click');
  });

  it('classifies a user agent the same way on its own', () => {
    for (const [, userAgent] of BROWSERS) expect(classifyUserAgent(userAgent).kind).toBe('click');
    expect(classifyUserAgent('curl/8.5.0')).toEqual({ kind: 'preview', reason: 'http_library' });
  });
});
