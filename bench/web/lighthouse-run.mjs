// One Lighthouse run for bench:web, in a process of its own (Lighthouse is an ES module; the
// benchmarks compile to CommonJS): `node lighthouse-run.mjs <debugging port> <url> <report.json>`.
// Lighthouse's default configuration (the mobile profile, simulated throttling), performance only,
// in a new tab of the browser at the port, whose profile is signed in.
//
// The tab has no service worker: the app registers one after its load event, which then precaches
// the app shell and answers the page's later requests (its API calls, the picture). Lighthouse's
// simulation sees neither the worker's own traffic nor the bytes of what it answers (they come as
// 0 bytes transferred, and the page's chunks as hits of the disk cache the precache filled), so left
// in, the feed's data and picture would load for free. `serviceWorker` is removed from `navigator`
// before any script of the page runs, as Playwright's `serviceWorkers: 'block'` does, and the app
// runs as it does where there is none.
import { writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const [port, url, reportPath] = process.argv.slice(2);
if (!port || !url || !reportPath) {
  process.stderr.write('Usage: node lighthouse-run.mjs <port> <url> <report.json>\n');
  process.exit(2);
}

const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
try {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(() => {
    delete Navigator.prototype.serviceWorker;
  });
  const result = await lighthouse(
    url,
    {
      port: Number(port),
      output: 'json',
      onlyCategories: ['performance'],
      locale: 'en-US',
      logLevel: 'error',
    },
    undefined,
    page,
  );
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  writeFileSync(reportPath, String(result.report));
  await page.close();
} finally {
  await browser.disconnect();
}
