// Push on a phone: the member turns push on for this device on the profile (Chromium cannot
// subscribe without its vendor's push service here, so the page's PushManager is stubbed to
// answer a subscription at the test's own push service), sees the device listed, and a new pack
// reaches the test service encrypted and signed; its decrypted message is handed to the service
// worker as the push service would, which shows it, and a tap opens the pack in the feed.
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import webPush from 'web-push';
import { QueueName } from '../../apps/api/src/infra/queue/queue-name';
import { NotificationScheduler } from '../../apps/api/src/modules/notifications/notification-scheduler';
import { TEST_PASSWORD } from '../support/context';
import { newPack } from '../support/packs';
import { TestBrowserKeys, TestPushService, verifyVapid } from '../support/push-service';
import { waitFor } from '../support/wait';
import { expectCount, horizontalOverflow, screenshot, smallTapTargets, useJourney } from './browser';

const service = new TestPushService();
const vapid = webPush.generateVAPIDKeys();
beforeAll(() => service.start());
afterAll(() => service.stop());

const { server, ctx, openPage } = useJourney(() => ({
  web: true,
  workers: true,
  env: {
    OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${service.port}`,
    PUSH_SERVICE_CA_FILE: service.caFile,
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
  },
}));

it('a member turns push on on their phone, gets a new pack, and a tap opens it in the feed', async () => {
  const { org, advocate } = await ctx.newOrg('Push Oy');
  await (
    await ctx.signIn(advocate)
  )
    .patch('/api/me/notification-preferences')
    .send({ packAlerts: 'immediately' })
    .expect(200);
  // Another device of theirs, switched off.
  await ctx.newPushDevice(advocate);
  const keys = new TestBrowserKeys();
  const endpoint = service.endpoint(`/journey/${advocate.id}`);
  const { context, page } = await openPage({ locale: 'en-US', viewport: 'phone', serviceWorkers: 'allow' });
  await context.grantPermissions(['notifications'], { origin: server.baseUrl });
  await context.addInitScript(
    ({ endpoint, p256dh, auth, serverKey }) => {
      let subscribed = false;
      const subscription = {
        endpoint,
        expirationTime: null,
        toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
        unsubscribe: async () => {
          subscribed = false;
          return true;
        },
      };
      PushManager.prototype.getSubscription = async () => (subscribed ? (subscription as never) : null);
      PushManager.prototype.subscribe = async (options) => {
        // The page subscribes with the server's VAPID key, as a real push service requires.
        if (options?.applicationServerKey !== serverKey) throw new Error('wrong applicationServerKey');
        subscribed = true;
        return subscription as never;
      };
    },
    { endpoint, p256dh: keys.p256dh, auth: keys.auth.toString('base64url'), serverKey: vapid.publicKey },
  );

  await page.goto(`${server.baseUrl}/login`);
  await page.locator('input[name="email"]').fill(advocate.email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL('**/feed');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.goto(`${server.baseUrl}/profile`);

  const section = page.getByRole('region', { name: 'Push notifications' });
  await section.getByRole('button', { name: 'Turn on push on this device' }).click();
  const current = section.getByRole('listitem').filter({ hasText: 'This device' });
  await current.waitFor();
  await section.getByRole('button', { name: 'Turn on push on this device' }).waitFor({ state: 'detached' });
  expect(await current.getByRole('switch').isChecked()).toBe(true);
  // The other device is listed too, switched off.
  expect(await section.getByRole('listitem').count()).toBe(2);
  await section.scrollIntoViewIfNeeded();
  expect(await horizontalOverflow(page)).toBe(0);
  expect(await smallTapTargets(page, 44)).toEqual([]);
  await screenshot(page, 'profile-push-en-phone');

  // A new pack: the server encrypts and signs it for this device and sends it to the push service.
  const pack = await newPack(server.dataSource, org.id, {
    title: 'Summer is here',
    status: 'published',
    variants: [{ network: 'linkedin', captionTemplate: 'Summer {{link}}' }],
  });
  await server.app.get(NotificationScheduler).tick();
  await waitFor(
    async () => service.at(`/journey/${advocate.id}`).length,
    (n) => n > 0,
    15_000,
  );
  const [received] = service.at(`/journey/${advocate.id}`);
  expect(verifyVapid(received!.headers).publicKey).toBe(vapid.publicKey);
  const message = keys.decrypt(received!.body);
  expect(JSON.parse(message)).toEqual({
    title: 'Push Oy',
    body: 'New to share: Summer is here',
    url: `/feed?pack=${pack.id}`,
  });
  expect(await server.app.get<Queue>(getQueueToken(QueueName.Push)).getJobCounts('failed')).toEqual({
    failed: 0,
  });

  // The push service's hand-off to the browser: the message reaches the service worker's push event.
  const cdp = await context.newCDPSession(page);
  const registrationId = await new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${server.baseUrl}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
    void cdp.send('ServiceWorker.enable');
  });
  // This Chromium has no notification platform (every origin is denied), so the worker's
  // showNotification is stubbed, as PushManager is in the page: it records what the worker shows.
  const [worker] = context.serviceWorkers();
  await worker!.evaluate(() => {
    const scope = self as unknown as {
      registration: { showNotification: (title: string, options: object) => Promise<void> };
      shown: { title: string; options: { body?: string; data?: unknown } }[];
    };
    scope.shown = [];
    scope.registration.showNotification = async (title, options) => {
      scope.shown.push({ title, options });
    };
  });
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: server.baseUrl,
    registrationId,
    data: message,
  });
  const shown = await waitFor(
    () =>
      worker!.evaluate(() =>
        (
          self as unknown as { shown: { title: string; options: { body?: string; data?: unknown } }[] }
        ).shown.map(({ title, options }) => ({ title, body: options.body, data: options.data })),
      ),
    (list) => list.length > 0,
    10_000,
  );
  expect(shown).toEqual([
    { title: 'Push Oy', body: 'New to share: Summer is here', data: { url: `/feed?pack=${pack.id}` } },
  ]);
  await cdp.detach();

  // A tap: the worker's notificationclick, with the notification it showed, opens the pack in the
  // app's window.
  await page.goto(`${server.baseUrl}/profile`);
  await worker!.evaluate(() => {
    const scope = self as unknown as {
      shown: { title: string; options: { data?: unknown } }[];
      dispatchEvent: (event: Event) => boolean;
    };
    const [first] = scope.shown;
    const click = Object.assign(new Event('notificationclick'), {
      notification: { title: first!.title, data: first!.options.data, close: () => undefined },
      waitUntil: (promise: Promise<unknown>) => void promise.catch(() => undefined),
    });
    scope.dispatchEvent(click);
  });
  await page.waitForURL(`**/feed?pack=${pack.id}`);
  await page.getByText('Summer is here').first().waitFor();
  await screenshot(page, 'push-opened-pack-en-phone');

  // In Finnish, on another sign-in: both devices listed, neither of them this one.
  await (await ctx.signIn(advocate)).put('/api/me/locale').send({ locale: 'fi' }).expect(200);
  const { page: fiPage } = await openPage({ locale: 'fi-FI', viewport: 'phone' });
  await fiPage.goto(`${server.baseUrl}/login`);
  await fiPage.locator('input[name="email"]').fill(advocate.email);
  await fiPage.locator('input[name="password"]').fill(TEST_PASSWORD);
  await fiPage.locator('button[type="submit"]').click();
  await fiPage.waitForURL('**/feed');
  await fiPage.goto(`${server.baseUrl}/profile`);
  const fiSection = fiPage.getByRole('region', { name: 'Push-ilmoitukset' });
  await fiSection.getByRole('button', { name: 'Ota push käyttöön tällä laitteella' }).waitFor();
  await expectCount(fiSection.getByRole('listitem'), 2);
  await fiSection.getByRole('switch', { name: 'Push laitteella Chrome, Android' }).waitFor();
  await fiSection.scrollIntoViewIfNeeded();
  await screenshot(fiPage, 'profile-push-fi-phone');
});
