// First: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must patch http, pg, ioredis and bullmq before they load.
import './infra/tracing/register';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { Logger } from 'nestjs-pino';
import { bootstrapData, demoWarning, seedsDemo, setupBanner } from './bootstrap';
import { ConfigError, loadConfig } from './infra/config/config';
import { DataDirLockedError } from './infra/embedded/data-dir-lock';
import { Metrics } from './infra/metrics/metrics';
import { startRuntime } from './infra/runtime';
import { DEMO_LOGINS, DEMO_PASSWORD } from './modules/demo/demo-seed';
import { SetupService } from './modules/people/setup.service';
import { RedirectListener } from './modules/sharing/redirect/redirect-listener';
import { Stopper } from './shutdown';

/** Boot lines are for the person at the terminal, before and beside the structured log. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: unknown) => process.stderr.write(`${String(line)}\n`);
/** A step of the start, in the style of `npm start`'s own lines. */
const step = (line: string) => say(`${process.stdout.isTTY ? '\x1b[36m›\x1b[0m' : '›'} ${line}`);

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      complain(`Configuration error: ${error.message}`);
      process.exit(78);
    }
    throw error;
  }
  // From here a signal stops what has started, in order (see Stopper).
  const stopper = new Stopper({ say, complain });
  const embedded = [config.DATABASE_URL ? '' : 'database', config.REDIS_URL ? '' : 'Redis'].filter(Boolean);
  if (embedded.length) step(`Starting the embedded ${embedded.join(' and ')} (data in ${config.DATA_DIR}/)…`);
  const runtime = await startRuntime(config);
  stopper.manage(runtime);
  const app = await createApp({ config, services: runtime.services, workers: config.RUN_WORKERS });
  stopper.manage(runtime, app);
  const warning = demoWarning(config);
  if (warning) app.get(Logger).warn(warning);
  const { seeded } = await bootstrapData(config, app.get(DataSource), step);
  // No organisation and no demo: the first run's setup link (the same at every start until used).
  const setupUrl = seedsDemo(config) ? null : await app.get(SetupService).openLink();
  if (setupUrl) app.get(Logger).warn('No organisation yet: open the setup link printed below to create one.');
  step('Starting the API…');
  await app.listen(config.PORT, config.HOST);
  // The banner comes last: nothing else is written after it in a quiet start.
  say('');
  say(`  Heimo is running at ${config.publicUrl}`);
  say(`  API docs: ${config.publicUrl}/api/docs   health: ${config.publicUrl}/healthz/ready`);
  const redirectPort = app.get(RedirectListener).port;
  if (redirectPort !== null) say(`  Tracked links (/r/…) also on port ${redirectPort}`);
  const metricsPort = app.get(Metrics).port;
  if (metricsPort !== null) say(`  Prometheus metrics on port ${metricsPort} (GET /metrics)`);
  if (!config.DATABASE_URL) say(`  Embedded database and queue, data in ${config.DATA_DIR}/`);
  if (seedsDemo(config)) {
    say(
      `  Demo organisation ${seeded ? 'created' : 'kept from the last start'}. Sign in with password "${DEMO_PASSWORD}" as:`,
    );
    for (const login of DEMO_LOGINS) say(`    ${login.email.padEnd(28)} ${login.roles.join(', ')}`);
  }
  const banner = setupBanner(setupUrl);
  if (banner.length) {
    say('');
    for (const line of banner) say(line);
    say('');
  }
  say('  Press Ctrl-C to stop.');
  say('');
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) complain(error.message);
  else complain(error instanceof Error ? (error.stack ?? error.message) : error);
  // The exit handlers stop the private redis-server and free the data folder.
  process.exit(1);
});
