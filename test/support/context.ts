import { randomBytes, scrypt } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  Member,
  type MemberKind,
  type Role,
} from '../../apps/api/src/modules/members/entities/member.entity';
import { FeedSource } from '../../apps/api/src/modules/feeds/entities/feed-source.entity';
import { Organisation } from '../../apps/api/src/modules/organisations/entities/organisation.entity';
import { Team } from '../../apps/api/src/modules/organisations/entities/team.entity';
import { SocialProfile } from '../../apps/api/src/modules/profiles/entities/social-profile.entity';
import { TrainingModule } from '../../apps/api/src/modules/training/entities/training-module.entity';
import { newPack, packsState } from './packs';
import type { TrainingContent, TrainingKind } from '../../apps/api/src/modules/training/training-content';

export const TEST_PASSWORD = 'correct-horse-battery-staple';
let passwordHash: Promise<string> | undefined;

/**
 * The test password as a stored scrypt hash at a low cost (N=2^10 instead of the app's 2^15). The
 * hash carries its parameters and sign-in verifies with those, as for a hash made before a cost
 * rise; so each of the suites' hundreds of sign-ins costs about 1 ms of CPU instead of about 100.
 * Passwords the app hashes itself (invitations, joining) keep the app's cost.
 */
function cheapPasswordHash(password: string): Promise<string> {
  const params = { N: 2 ** 10, r: 8, p: 1 };
  const salt = randomBytes(16);
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, params, (error, key) =>
      error
        ? reject(error)
        : resolve(
            [
              'scrypt',
              params.N,
              params.r,
              params.p,
              salt.toString('base64url'),
              key.toString('base64url'),
            ].join('$'),
          ),
    ),
  );
}

export interface NewMember {
  readonly roles?: Role[];
  readonly kind?: MemberKind;
  readonly status?: Member['status'];
  readonly teamId?: string | null;
  readonly locale?: Member['locale'];
  readonly name?: string;
}

/** Where a context makes its rows and signs in; read at each use, so a server that starts later works. */
export interface TestTarget {
  readonly dataSource: DataSource;
  readonly baseUrl: string;
}

/** Makes real rows for a test: `const { org, admin, curator, advocate } = await ctx.newOrg()`. */
export class TestContext {
  private readonly target: TestTarget;

  constructor(target: TestTarget);
  constructor(dataSource: DataSource, baseUrl: string);
  constructor(dataSourceOrTarget: DataSource | TestTarget, baseUrl?: string) {
    this.target =
      baseUrl === undefined
        ? (dataSourceOrTarget as TestTarget)
        : { dataSource: dataSourceOrTarget as DataSource, baseUrl };
  }

  get dataSource(): DataSource {
    return this.target.dataSource;
  }

  get baseUrl(): string {
    return this.target.baseUrl;
  }

  async newOrg(name = 'Org') {
    const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(4).toString('hex')}`;
    const org = await this.dataSource
      .getRepository(Organisation)
      .save({ name, slug, timezone: 'Europe/Helsinki', defaultLocale: 'en', settings: {} });
    const team = await this.dataSource.getRepository(Team).save({ organisationId: org.id, name: 'Sales' });
    const admin = await this.newMember(org.id, { roles: ['admin'], name: 'Ada Admin' });
    const curator = await this.newMember(org.id, { roles: ['curator'], name: 'Cora Curator' });
    const leader = await this.newMember(org.id, { roles: ['leader'], name: 'Leo Leader' });
    const advocate = await this.newMember(org.id, {
      roles: ['advocate'],
      name: 'Aku Advocate',
      teamId: team.id,
    });
    // Rows for the routes that take a module or profile id. The module applies to nobody and is
    // not required, so it changes no one's training or readiness.
    const trainingModule = await this.newTrainingModule(org.id, {
      title: { en: 'Fixture module' },
      requiredFor: { kinds: [], teamIds: [] },
    });
    const profile = await this.newProfile(advocate, { network: 'linkedin' });
    // A draft for the routes that take a pack id; no schedule, so no job or sweep ever moves it.
    const pack = await newPack(this.dataSource, org.id, { createdById: curator.id });
    // A feed source for the routes that take a source id; switched off, so no poll ever reads it.
    const feedSource = await this.dataSource.getRepository(FeedSource).save({
      organisationId: org.id,
      url: 'https://blog.example.com/feed.xml',
      title: 'Fixture feed',
      enabled: false,
      createdById: curator.id,
    });
    // A paused Slack channel for the routes that take a channel id; paused, so no tick posts to it.
    const [channel] = (await this.dataSource.query(
      `INSERT INTO chat_channels (id, organisation_id, kind, name, url_sealed, url_hint, events, enabled)
       VALUES (gen_random_uuid(), $1, 'slack', 'Fixture channel', 'v1.fixture', 'https://hooks.slack.com/…xxxx', '{}', false)
       RETURNING id`,
      [org.id],
    )) as { id: string }[];
    // A logged e-mail for the routes that take a delivery id; already sent, so no worker touches it.
    const [delivery] = (await this.dataSource.query(
      `INSERT INTO notification_deliveries (organisation_id, member_id, kind, dedupe_key, recipient, locale, subject, status, attempts, sent_at)
       VALUES ($1, $2, 'invitation', $3, $4, 'en', 'Fixture e-mail', 'sent', 1, now()) RETURNING id`,
      [org.id, advocate.id, `fixture:${org.id}`, advocate.email],
    )) as { id: string }[];
    // A switched-off webhook endpoint and a logged delivery for the routes that take their ids; the
    // sealed secret is a stand-in that nothing opens (nothing is sent to a switched-off endpoint).
    const [webhook] = (await this.dataSource.query(
      `INSERT INTO webhook_endpoints (organisation_id, url, events, enabled, secret_sealed)
       VALUES ($1, 'https://hooks.example.com/fixture', '{pack.published}', false, 'v1.fixture') RETURNING id`,
      [org.id],
    )) as { id: string }[];
    const [webhookDelivery] = (await this.dataSource.query(
      `INSERT INTO webhook_deliveries (organisation_id, endpoint_id, message_id, event_type, body, status, attempts)
       VALUES ($1, $2, 'msg_fixture', 'pack.published', '{}', 'succeeded', 1) RETURNING id`,
      [org.id, webhook!.id],
    )) as { id: string }[];
    // A sign-in domain for the routes that take a domain id; never verified, so it serves nobody.
    const [ssoDomain] = (await this.dataSource.query(
      `INSERT INTO sso_domains (organisation_id, domain, token) VALUES ($1, $2, 'fixture') RETURNING id`,
      [org.id, `${slug}.example.test`],
    )) as { id: string }[];
    // An API token for the routes that take a token id; its secret is random and never used.
    const [apiToken] = (await this.dataSource.query(
      `INSERT INTO api_tokens (organisation_id, name, scopes, token_hash, hint, created_by_member_id, expires_at)
       VALUES ($1, 'Fixture token', '{insights:read}', $2, 'heimo_fixt', $3, now() + interval '30 days') RETURNING id`,
      [org.id, randomBytes(32).toString('base64url'), admin.id],
    )) as { id: string }[];
    // An expired share reservation for the routes that take a reservation id; it can never be confirmed.
    const [reservation] = (await this.dataSource.query(
      `INSERT INTO share_reservations (organisation_id, member_id, pack_id, network, code, redirect_url, idempotency_key, idempotency_fingerprint, expires_at)
       VALUES ($1, $2, $3, 'linkedin', $4, 'https://example.com/', 'fixture', 'fixture', now() - interval '1 minute') RETURNING id`,
      [org.id, advocate.id, pack.id, randomBytes(8).toString('hex').slice(0, 10)],
    )) as { id: string }[];
    // A pending suggestion for the routes that take a suggestion id; the tables never decide it.
    const [suggestion] = (await this.dataSource.query(
      `INSERT INTO suggestions (organisation_id, member_id, url, note) VALUES ($1, $2, 'https://example.com/fixture', 'Fixture') RETURNING id`,
      [org.id, advocate.id],
    )) as { id: string }[];
    // A SCIM token and an identity provider's group for the Provisioning routes that take their ids.
    const [scimToken] = (await this.dataSource.query(
      `INSERT INTO api_tokens (organisation_id, name, scopes, token_hash, hint, created_by_member_id)
       VALUES ($1, 'Fixture SCIM token', '{scim}', $2, 'heimo_fixs', $3) RETURNING id`,
      [org.id, randomBytes(32).toString('base64url'), admin.id],
    )) as { id: string }[];
    const [scimGroup] = (await this.dataSource.query(
      `INSERT INTO scim_groups (organisation_id, display_name) VALUES ($1, 'Fixture group') RETURNING id`,
      [org.id],
    )) as { id: string }[];
    return {
      org,
      team,
      admin,
      curator,
      leader,
      advocate,
      trainingModule,
      profile,
      pack,
      feedSource,
      channel: channel!,
      delivery: delivery!,
      webhook: webhook!,
      webhookDelivery: webhookDelivery!,
      ssoDomain: ssoDomain!,
      apiToken: apiToken!,
      reservation: reservation!,
      suggestion: suggestion!,
      scimToken: scimToken!,
      scimGroup: scimGroup!,
    };
  }

  /**
   * A device of the member with push switched off, for routes that take a subscription id (with a
   * session of its own, which is not any agent's); nothing is ever sent to its example.com endpoint.
   */
  async newPushDevice(member: Pick<Member, 'id' | 'organisationId'>): Promise<{ id: string }> {
    const [device] = (await this.dataSource.query(
      `WITH s AS (INSERT INTO sessions (organisation_id, member_id, last_used_at, expires_at, browser, system)
                  VALUES ($1, $2, now(), now() + interval '30 days', 'Chrome', 'Android') RETURNING id)
       INSERT INTO push_subscriptions (organisation_id, member_id, session_id, endpoint, p256dh, auth, enabled)
       SELECT $1, $2, s.id, 'https://push.example.com/fixture', $3, $4, false FROM s RETURNING id`,
      [
        member.organisationId,
        member.id,
        Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url'),
        randomBytes(16).toString('base64url'),
      ],
    )) as { id: string }[];
    return device!;
  }

  /** A training module straight in the database, published as version 1 unless `publish: false`. */
  async newTrainingModule(
    organisationId: string,
    options: Partial<TrainingContent> & { kind?: TrainingKind; publish?: boolean } = {},
  ): Promise<TrainingModule> {
    const title = options.title ?? { en: 'A module', fi: 'Moduuli' };
    const content: TrainingContent = {
      title,
      body:
        options.body ??
        Object.fromEntries(Object.entries(title).map(([locale, text]) => [locale, `# ${text}`])),
      quiz: options.quiz ?? null,
      validityDays: options.validityDays ?? null,
      requiredFor: options.requiredFor ?? { kinds: ['employee', 'fan'], teamIds: [] },
    };
    const published = options.publish ?? true;
    return this.dataSource.getRepository(TrainingModule).save({
      organisationId,
      kind: options.kind ?? 'policy',
      draft: content,
      published: published ? content : null,
      publishedVersion: published ? 1 : 0,
      materialVersion: published ? 1 : 0,
      publishedAt: published ? new Date() : null,
      createdByMemberId: null,
    });
  }

  async newProfile(
    member: Pick<Member, 'id' | 'organisationId'>,
    options: Partial<Pick<SocialProfile, 'network' | 'handle' | 'audienceSize'>> = {},
  ): Promise<SocialProfile> {
    return this.dataSource.getRepository(SocialProfile).save({
      organisationId: member.organisationId,
      memberId: member.id,
      network: options.network ?? 'linkedin',
      handle: options.handle ?? '@someone',
      audienceSize: options.audienceSize ?? 100,
    });
  }

  async newMember(organisationId: string, options: NewMember = {}): Promise<Member> {
    passwordHash ??= cheapPasswordHash(TEST_PASSWORD);
    const repo = this.dataSource.getRepository(Member);
    return repo.save(
      repo.create({
        organisationId,
        email: `m-${randomBytes(5).toString('hex')}@example.test`,
        name: options.name ?? 'Test Member',
        roles: options.roles ?? ['advocate'],
        kind: options.kind ?? 'employee',
        status: options.status ?? 'active',
        teamId: options.teamId ?? null,
        locale: options.locale ?? 'en',
        passwordHash: await passwordHash,
      }),
    );
  }

  async newTeam(organisationId: string, name = `Team ${randomBytes(3).toString('hex')}`): Promise<Team> {
    return this.dataSource.getRepository(Team).save({ organisationId, name });
  }

  /**
   * Everything an organisation holds, for "nothing was written" checks: the organisation row, its
   * teams, members, invitations and audit events, as one comparable value.
   */
  async orgState(organisationId: string): Promise<unknown> {
    const rows = (sql: string) => this.dataSource.query(sql, [organisationId]);
    return {
      organisation: await rows(
        'SELECT name, timezone, default_locale, settings, version FROM organisations WHERE id = $1',
      ),
      teams: await rows('SELECT id, name FROM teams WHERE organisation_id = $1 ORDER BY id'),
      members: await rows(
        `SELECT id, email, name, roles, kind, status, team_id, locale, password_hash, version
           FROM members WHERE organisation_id = $1 ORDER BY id`,
      ),
      invitations: await rows(
        'SELECT id, member_id, token_hash, accepted_at FROM invitations WHERE organisation_id = $1 ORDER BY id',
      ),
      auditEvents: await rows('SELECT count(*)::int AS n FROM audit_events WHERE organisation_id = $1'),
      apiTokens: await rows(
        'SELECT id, name, scopes, token_hash, expires_at, revoked_at FROM api_tokens WHERE organisation_id = $1 ORDER BY id',
      ),
      scimGroups: await rows(
        'SELECT id, display_name, team_id, version FROM scim_groups WHERE organisation_id = $1 ORDER BY id',
      ),
      scimUsers: await rows(
        'SELECT id, member_id, user_name, deleted_at FROM scim_users WHERE organisation_id = $1 ORDER BY id',
      ),
      trainingModules: await rows(
        `SELECT id, kind, draft, published, published_version, material_version, revision
           FROM training_modules WHERE organisation_id = $1 ORDER BY id`,
      ),
      trainingCompletions: await rows(
        'SELECT id, member_id, module_id, version, passed FROM training_completions WHERE organisation_id = $1 ORDER BY id',
      ),
      socialProfiles: await rows(
        'SELECT id, member_id, network, handle, audience_size FROM social_profiles WHERE organisation_id = $1 ORDER BY id',
      ),
      audienceHistory: await rows(
        'SELECT count(*)::int AS n FROM profile_audience_history WHERE organisation_id = $1',
      ),
      packs: await packsState(this.dataSource, organisationId),
      feedSources: await rows(
        `SELECT id, url, title, enabled, etag, last_status, last_error_code, items_imported
           FROM feed_sources WHERE organisation_id = $1 ORDER BY id`,
      ),
      webhooks: await rows(
        `SELECT id, url, description, events, enabled, secret_sealed, previous_secret_sealed
           FROM webhook_endpoints WHERE organisation_id = $1 ORDER BY id`,
      ),
      webhookDeliveries: await rows(
        'SELECT id, status, attempts FROM webhook_deliveries WHERE organisation_id = $1 ORDER BY id',
      ),
      channels: await rows(
        `SELECT id, kind, name, url_sealed, url_hint, events, enabled, last_status FROM chat_channels
          WHERE organisation_id = $1 ORDER BY id`,
      ),
      channelPosts: await rows(
        'SELECT count(*)::int AS n FROM chat_channel_posts WHERE organisation_id = $1',
      ),
      shareReservations: await rows(
        'SELECT id, code, expires_at, share_id FROM share_reservations WHERE organisation_id = $1 ORDER BY id',
      ),
    };
  }

  /** A supertest agent signed in as the member (it keeps the session cookies). */
  async signIn(member: Pick<Member, 'email'>) {
    const agent = request.agent(this.baseUrl);
    const response = await agent
      .post('/api/auth/login')
      .send({ email: member.email, password: TEST_PASSWORD });
    if (response.status !== 200)
      throw new Error(`sign-in failed for ${member.email}: ${response.status} ${response.text}`);
    return agent;
  }
}
