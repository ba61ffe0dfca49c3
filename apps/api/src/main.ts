import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { bootstrapData } from './bootstrap';
import { ConfigError, loadConfig } from './infra/config/config';
import { startRuntime } from './infra/runtime';
import { DEMO_LOGINS, DEMO_PASSWORD } from './modules/demo/demo-seed';
import { RedirectListener } from './modules/sharing/redirect/redirect-listener';

/** Boot lines are for the person at the terminal, before and beside the structured log. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: unknown) => process.stderr.write(`${String(line)}\n`);

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
  const runtime = await startRuntime(config);
  const app = await createApp({ config, services: runtime.services, workers: config.RUN_WORKERS });
  const { seeded } = await bootstrapData(config, app.get(DataSource));
  // One shutdown path: close the app (HTTP, workers, pool), then the embedded database and Redis.
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void app
      .close()
      .catch((error: unknown) => complain(error))
      .then(() => runtime.stop())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  if (config.HOST) await app.listen(config.PORT, config.HOST);
  else await app.listen(config.PORT);
  say('');
  say(`  Heimo is running at ${config.publicUrl}`);
  say(`  API docs: ${config.publicUrl}/api/docs   health: ${config.publicUrl}/healthz/ready`);
  const redirectPort = app.get(RedirectListener).port;
  if (redirectPort !== null) say(`  Tracked links (/r/…) also on port ${redirectPort}`);
  if (!config.DATABASE_URL) say(`  Embedded database and queue, data in ${config.DATA_DIR}/`);
  if (config.SEED_DEMO) {
    say(
      `  Demo organisation ${seeded ? 'created' : 'kept from the last start'}. Sign in with password "${DEMO_PASSWORD}" as:`,
    );
    for (const login of DEMO_LOGINS) say(`    ${login.email.padEnd(28)} ${login.roles.join(', ')}`);
  }
  say('');
}

main().catch((error: unknown) => {
  complain(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
