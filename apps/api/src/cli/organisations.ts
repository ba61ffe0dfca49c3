import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../infra/config/config';
import { DataDirLockedError } from '../infra/embedded/data-dir-lock';
import {
  type NewOrganisationRequest,
  ProvisioningInputError,
  validateNewOrganisation,
} from '../modules/people/provisioning-input';
import type { ProvisioningService } from '../modules/people/provisioning.service';
import type { SsoSettingsService } from '../modules/sso/sso-settings.service';

/** A command-line tool talks to its terminal, not to the log. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: unknown) => process.stderr.write(`${String(line)}\n`);

const USAGE = [
  'Usage:',
  '  org:create --name <name> --admin <e-mail> [--slug <slug>] [--timezone <IANA zone>] [--locale en|fi]',
  '  org:list',
  '  org:approve-domain --org <slug> --domain <domain>   (verify a single sign-on domain without DNS)',
].join('\n');

/** Exit codes: 0 done (or nothing to do), 1 failed, 2 bad command or option, 78 bad configuration. */
const EXIT = { ok: 0, failed: 1, usage: 2, config: 78 } as const;

class UsageError extends Error {}

function createRequest(args: readonly string[]): NewOrganisationRequest {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        name: { type: 'string' },
        admin: { type: 'string' },
        slug: { type: 'string' },
        timezone: { type: 'string' },
        locale: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const text = (key: string) => (typeof values[key] === 'string' ? values[key] : undefined);
  return {
    name: text('name'),
    admin: text('admin'),
    slug: text('slug'),
    timezone: text('timezone'),
    locale: text('locale'),
  };
}

/**
 * The API's own modules (no HTTP server, no queue workers) on the configured database and Redis:
 * what the CLI writes goes through the same services, and its e-mail through the same queue, as
 * what the API writes.
 */
interface CliServices {
  readonly provisioning: ProvisioningService;
  readonly sso: SsoSettingsService;
}

async function withApp<T>(work: (app: CliServices) => Promise<T>): Promise<T> {
  // Loaded only now: a bad option is refused before the application's modules are read.
  const { NestFactory } = require('@nestjs/core') as typeof import('@nestjs/core');
  const { DataSource } = require('typeorm') as typeof import('typeorm');
  const { AppModule } = require('../app.module') as typeof import('../app.module');
  const { startRuntime } = require('../infra/runtime') as typeof import('../infra/runtime');
  const { ProvisioningService } =
    require('../modules/people/provisioning.service') as typeof import('../modules/people/provisioning.service');
  const { SsoSettingsService: SsoSettings } =
    require('../modules/sso/sso-settings.service') as typeof import('../modules/sso/sso-settings.service');
  // Quiet unless asked: the operator reads this tool's lines, and the log goes to stderr.
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    // Nothing is clicked here: no click-shipping thread.
    CLICK_COUNTING: 'false',
  });
  const runtime = await startRuntime(config);
  try {
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot({
        config,
        services: runtime.services,
        workers: false,
        logDestination: process.stderr,
      }),
      { logger: false },
    );
    try {
      // A database the API has not started on yet gets its tables first, as the API's start does.
      await app.get(DataSource).runMigrations({ transaction: 'each' });
      return await work({ provisioning: app.get(ProvisioningService), sso: app.get(SsoSettings) });
    } finally {
      await app.close();
    }
  } finally {
    await runtime.stop();
  }
}

async function create(args: readonly string[]): Promise<number> {
  const input = validateNewOrganisation(createRequest(args));
  const config = loadConfig();
  return withApp(async ({ provisioning }) => {
    const result = await provisioning.createOrganisation(input);
    const { organisation } = result;
    if (!result.created) {
      say(`Organisation "${organisation.slug}" (${organisation.name}) already exists, nothing changed.`);
      return EXIT.ok;
    }
    say(
      `Created organisation "${organisation.slug}" (${organisation.name}), time zone ${organisation.timezone}, language ${organisation.defaultLocale}.`,
    );
    say(
      `Invited ${input.admin} as its first admin: the invitation e-mail is queued for the workers to send.`,
    );
    say(`Invitation link (works once, until ${result.expiresAt}):`);
    say(`  ${result.invitationUrl}`);
    if (!config.PUBLIC_URL)
      complain(`Note: PUBLIC_URL is not set, so the link starts with ${config.publicUrl}.`);
    if (!config.SMTP_URL)
      complain(`Note: SMTP_URL is not set: the e-mail is written under ${config.DATA_DIR}/outbox.`);
    return EXIT.ok;
  });
}

async function list(args: readonly string[]): Promise<number> {
  if (args.length) throw new UsageError(`org:list takes no options, got ${args.join(' ')}`);
  return withApp(async ({ provisioning }) => {
    const organisations = await provisioning.list();
    if (!organisations.length) {
      say('No organisations. Create one with `npm run org:create -- --name <name> --admin <e-mail>`.');
      return EXIT.ok;
    }
    const header = ['SLUG', 'NAME', 'TIME ZONE', 'LOCALE', 'ACTIVE MEMBERS', 'CREATED'];
    const rows = [
      header,
      ...organisations.map((o) => [
        o.slug,
        o.name,
        o.timezone,
        o.defaultLocale,
        String(o.members),
        new Date(o.createdAt).toISOString().slice(0, 10),
      ]),
    ];
    const widths = header.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
    for (const row of rows) {
      say(
        row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd(),
      );
    }
    return EXIT.ok;
  });
}

/** The operator's proof of a single sign-on domain, for organisations that cannot publish a TXT record. */
async function approveDomain(args: readonly string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: { org: { type: 'string' }, domain: { type: 'string' } },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const org = typeof values.org === 'string' ? values.org : undefined;
  const domain = typeof values.domain === 'string' ? values.domain : undefined;
  if (!org || !domain) throw new UsageError('org:approve-domain needs --org <slug> and --domain <domain>');
  const { AppError } = require('../infra/http/app-error') as typeof import('../infra/http/app-error');
  const { checkDomainName } =
    require('../modules/sso/domain-name') as typeof import('../modules/sso/domain-name');
  try {
    // Refused before anything starts: not a domain name, or a public mail service.
    checkDomainName(domain);
  } catch (error) {
    if (error instanceof AppError) {
      complain(`--domain: ${error.message} Nothing was written.`);
      return EXIT.usage;
    }
    throw error;
  }
  return withApp(async ({ sso }) => {
    try {
      const result = await sso.approveByOperator(org, domain);
      say(
        `Verified ${result.domain.domain} for "${result.organisation.slug}" (${result.organisation.name}): its addresses can sign in through the organisation's provider.`,
      );
      return EXIT.ok;
    } catch (error) {
      if (error instanceof AppError) {
        complain(`${error.message} Nothing was written.`);
        return error.status === 409 ? EXIT.failed : EXIT.usage;
      }
      throw error;
    }
  });
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  try {
    if (command === 'create') return await create(args);
    if (command === 'list') return await list(args);
    if (command === 'approve-domain') return await approveDomain(args);
    throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  } catch (error) {
    if (error instanceof ProvisioningInputError) {
      complain(`--${error.field} ${error.message}. Nothing was written.`);
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      complain(`${error.message}\n${USAGE}`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      complain(`Configuration error: ${error.message}`);
      return EXIT.config;
    }
    throw error;
  }
}

void main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof DataDirLockedError) complain(error.message);
    else complain(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(EXIT.failed);
  });
