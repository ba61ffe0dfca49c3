import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../infra/config/config';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { migrateWithLock, migrationStatus } from '../infra/database/migrate';
import { schemaDrift } from '../infra/database/schema-drift';
import { DataDirLockedError, lockDataDir } from '../infra/embedded/data-dir-lock';
import { startEmbeddedPostgres } from '../infra/embedded/embedded-postgres';

/** A command-line tool talks to its terminal, not to the log. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: unknown) => process.stderr.write(`${String(line)}\n`);

/** The repository root, from the source (apps/api/src/cli) or the build (dist/api/apps/api/src/cli). */
function findRepoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('cannot find the repository root (nx.json)');
    dir = parent;
  }
  return dir;
}
const repoRoot = findRepoRoot();
const migrationsDir = join(repoRoot, 'migrations');

/** A throw-away in-memory PostgreSQL (PGlite) with every migration applied. */
async function scratchDatabase() {
  const embedded = await startEmbeddedPostgres();
  const dataSource = createDataSource({ url: embedded.url, singleConnection: true });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      await embedded.stop();
    },
  };
}

function toClassName(name: string, timestamp: number): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') + timestamp;
}

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

async function generate(name: string | undefined): Promise<number> {
  if (!name || !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    complain('Usage: npm run migration:generate -- <kebab-case-name>');
    return 2;
  }
  const scratch = await scratchDatabase();
  try {
    const drift = await schemaDrift(scratch.dataSource);
    if (!drift.up.length) {
      say('The entities and the migrations agree: nothing to generate.');
      return 0;
    }
    const timestamp = Date.now();
    const className = toClassName(name, timestamp);
    const file = `${timestamp}-${name}`;
    const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${drift.up.map((q) => `    await queryRunner.query(${quote(q)});`).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${drift.down
  .reverse()
  .map((q) => `    await queryRunner.query(${quote(q)});`)
  .join('\n')}
  }
}
`;
    writeFileSync(join(migrationsDir, `${file}.ts`), body);
    const indexPath = join(migrationsDir, 'index.ts');
    const index = readFileSync(indexPath, 'utf8');
    const withImport = `import { ${className} } from './${file}';\n` + index;
    const declaration = /(export const migrations[^\n]*?= \[)([\s\S]*?)(\];)/;
    if (!declaration.test(withImport))
      throw new Error('migrations/index.ts has no `export const migrations … = [ … ];`');
    const updated = withImport.replace(declaration, (_, head: string, list: string, tail: string) => {
      const items = list
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      items.push(className);
      return `${head}${items.join(', ')}${tail}`;
    });
    writeFileSync(indexPath, updated);
    say(`Wrote migrations/${file}.ts (${drift.up.length} statements). Review it, then commit it.`);
    return 0;
  } finally {
    await scratch.close();
  }
}

async function check(): Promise<number> {
  const scratch = await scratchDatabase();
  try {
    const drift = await schemaDrift(scratch.dataSource);
    if (drift.up.length) {
      complain(
        'Migration drift: the entities differ from the migrations. Run `npm run migration:generate -- <name>`. Missing:',
      );
      for (const q of drift.up) complain(`  ${q}`);
      return 1;
    }
    say('migrations: entities and migrations agree');
    return 0;
  } finally {
    await scratch.close();
  }
}

/** The configured database (DATABASE_URL, else the embedded one in DATA_DIR), for `use`. */
async function withDatabase<T>(command: string, use: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // The embedded database's files are the running API's while it runs: the lock refuses, naming it.
  if (!config.DATABASE_URL) lockDataDir(config.DATA_DIR, command);
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.DATA_DIR);
  const url = config.DATABASE_URL ?? embedded?.url ?? '';
  const dataSource = createDataSource({ url, singleConnection: !embedded ? false : true });
  await dataSource.initialize();
  try {
    return await use(dataSource);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

async function run(): Promise<number> {
  return withDatabase('npm run migration:run', async (dataSource) => {
    const applied = await migrateWithLock(dataSource, () =>
      say('Another process is migrating the database; waiting for it…'),
    );
    say(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations.');
    return 0;
  });
}

/** Lists every migration as applied or pending; exit status 0 either way. */
async function status(): Promise<number> {
  return withDatabase('npm run migration:status', async (dataSource) => {
    const { migrations, unknown } = await migrationStatus(dataSource);
    for (const migration of migrations)
      say(`${migration.applied ? 'applied' : 'pending'}  ${migration.name}`);
    for (const name of unknown) say(`unknown  ${name}  (applied by a newer version of Heimo)`);
    const pending = migrations.filter((m) => !m.applied).length;
    say(
      `${migrations.length - pending} applied, ${pending} pending` +
        (unknown.length ? `, ${unknown.length} unknown to this version` : ''),
    );
    return 0;
  });
}

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  const commands: Record<string, () => Promise<number>> = {
    generate: () => generate(arg),
    check,
    run,
    status,
  };
  const action = command ? commands[command] : undefined;
  if (!action) {
    complain('Usage: migrations-cli <run|status|generate <name>|check>');
    process.exit(2);
  }
  process.exit(await action());
}

void main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) complain(error.message);
  else complain(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
