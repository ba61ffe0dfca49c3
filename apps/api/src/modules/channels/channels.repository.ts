import type { ChannelMessage } from '@heimo/content';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ChannelPost, type ChannelPostStatus } from './entities/channel-post.entity';
import { Channel, type ChannelPostOutcome } from './entities/channel.entity';

export interface NewChannelPost {
  readonly organisationId: string;
  readonly channelId: string;
  readonly message: ChannelMessage;
  readonly dedupeKey: string;
  readonly locale: string;
  readonly data: Record<string, unknown>;
}

/** A post claimed for sending, with what its channel needs to send it. */
export interface ClaimedPost {
  readonly id: string;
  readonly organisationId: string;
  readonly channelId: string;
  readonly message: ChannelMessage;
  readonly locale: string;
  readonly data: Record<string, unknown>;
  readonly attempts: number;
  readonly kind: Channel['kind'];
  readonly urlSealed: string;
}

export interface PostOutcome {
  readonly status: Extract<ChannelPostStatus, 'sent' | 'retrying' | 'failed'>;
  readonly responseStatus: number | null;
  readonly lastError: string | null;
}

/** An enabled channel with its organisation's clock at the tick. */
export interface ChannelClock {
  readonly channelId: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly events: readonly string[];
  readonly createdAt: Date;
  readonly locale: string;
  readonly timezone: string;
  readonly settings: unknown;
  readonly localDate: string;
  readonly localHour: number;
  readonly isoDow: number;
  readonly isoWeek: string;
}

export interface PublishedPackRow {
  readonly channelId: string;
  readonly packId: string;
  readonly title: string;
  readonly summary: string;
  readonly networks: string[];
  readonly pictureId: string | null;
  readonly pictureAlt: string | null;
}

/** The channels of organisations and the messages posted to them. */
@Injectable()
export class ChannelsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(organisationId: string): Promise<Channel[]> {
    return this.dataSource
      .getRepository(Channel)
      .find({ where: { organisationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  count(manager: EntityManager, organisationId: string): Promise<number> {
    return manager.getRepository(Channel).countBy({ organisationId });
  }

  insert(
    manager: EntityManager,
    channel: Omit<Channel, 'createdAt' | 'updatedAt' | 'lastStatus' | 'lastError' | 'lastPostedAt'>,
  ): Promise<Channel> {
    const repo = manager.getRepository(Channel);
    return repo.save(repo.create({ ...channel, lastStatus: null, lastError: null, lastPostedAt: null }));
  }

  save(manager: EntityManager, channel: Channel): Promise<Channel> {
    return manager.getRepository(Channel).save(channel);
  }

  async delete(manager: EntityManager, organisationId: string, id: string): Promise<boolean> {
    const result = await manager.getRepository(Channel).delete({ organisationId, id });
    return Boolean(result.affected);
  }

  find(organisationId: string, id: string): Promise<Channel | null> {
    return this.dataSource.getRepository(Channel).findOneBy({ organisationId, id });
  }

  /** The post's id, or null when one with this key exists already. */
  async insertPost(manager: EntityManager, post: NewChannelPost): Promise<string | null> {
    const rows = (await manager.query(
      `INSERT INTO chat_channel_posts (organisation_id, channel_id, message, dedupe_key, locale, data)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        post.organisationId,
        post.channelId,
        post.message,
        post.dedupeKey,
        post.locale,
        JSON.stringify(post.data),
      ],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** `queued`/`retrying` → `sending`, attempts + 1, in one statement: two workers never both send a post. */
  async claimPost(id: string): Promise<ClaimedPost | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE chat_channel_posts p SET status = 'sending', attempts = p.attempts + 1, updated_at = now()
         FROM chat_channels c
        WHERE p.id = $1 AND p.status IN ('queued', 'retrying') AND c.id = p.channel_id
        RETURNING p.id, p.organisation_id AS "organisationId", p.channel_id AS "channelId", p.message, p.locale,
                  p.data, p.attempts, c.kind, c.url_sealed AS "urlSealed"`,
      [id],
    )) as [ClaimedPost[], number];
    return rows[0] ?? null;
  }

  /** Records an attempt on the post and, when it is final, on the channel. */
  async finishPost(post: ClaimedPost, outcome: PostOutcome): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE chat_channel_posts SET status = $2, response_status = $3, last_error = $4, updated_at = now(),
                sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END
          WHERE id = $1`,
        [post.id, outcome.status, outcome.responseStatus, outcome.lastError],
      );
      if (outcome.status === 'retrying') return;
      const last: ChannelPostOutcome = outcome.status;
      await manager.query(
        `UPDATE chat_channels SET last_status = $2, last_error = $3, last_posted_at = now() WHERE id = $1`,
        [post.channelId, last, outcome.lastError],
      );
    });
  }

  /** Posts whose send job may have been lost (Redis away at the commit): queued a while ago. */
  async staleQueuedPosts(olderThan: Date): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM chat_channel_posts WHERE status = 'queued' AND updated_at < $1 ORDER BY updated_at LIMIT 500`,
      [olderThan],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** A worker that died while sending: the post is marked failed (never posted twice). */
  async failInterrupted(olderThan: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE chat_channel_posts SET status = 'failed', last_error = 'Interrupted while sending.', updated_at = now()
        WHERE status = 'sending' AND updated_at < $1`,
      [olderThan],
    )) as [unknown, number];
    return count;
  }

  /** Every enabled channel with an event chosen, and its organisation's local clock at `now`. */
  clocks(now: Date): Promise<ChannelClock[]> {
    return this.dataSource.query(
      `SELECT c.id AS "channelId", o.id AS "organisationId", o.name AS "organisationName", c.events,
              c.created_at AS "createdAt", o.default_locale AS locale, o.timezone, o.settings,
              to_char($1::timestamptz AT TIME ZONE o.timezone, 'YYYY-MM-DD') AS "localDate",
              extract(hour FROM $1::timestamptz AT TIME ZONE o.timezone)::int AS "localHour",
              extract(isodow FROM $1::timestamptz AT TIME ZONE o.timezone)::int AS "isoDow",
              to_char($1::timestamptz AT TIME ZONE o.timezone, 'IYYY-"W"IW') AS "isoWeek"
         FROM chat_channels c JOIN organisations o ON o.id = c.organisation_id
        WHERE c.enabled AND cardinality(c.events) > 0
        ORDER BY o.id, c.id`,
      [now.toISOString()],
    );
  }

  /**
   * Packs published for employees within the last day (and since the channel was added) that the
   * channel has not had, with their networks and first image.
   */
  newPacks(channelIds: readonly string[], now: Date): Promise<PublishedPackRow[]> {
    if (!channelIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT c.id AS "channelId", p.id AS "packId", p.title, p.summary,
              ARRAY(SELECT DISTINCT v.network FROM pack_variants v WHERE v.pack_id = p.id ORDER BY v.network) AS networks,
              img.id AS "pictureId", img.alt_text AS "pictureAlt"
         FROM chat_channels c
         JOIN packs p ON p.organisation_id = c.organisation_id
         LEFT JOIN LATERAL (
              SELECT m.id, m.alt_text FROM unnest(p.media_ids) WITH ORDINALITY AS u(id, n)
                JOIN media_assets m ON m.id = u.id AND m.organisation_id = p.organisation_id AND m.kind = 'image'
               ORDER BY u.n LIMIT 1) img ON true
        WHERE c.id = ANY ($1::uuid[]) AND p.status = 'published' AND 'employee' = ANY (p.audience_kinds)
          AND p.published_at >= greatest(c.created_at, $2::timestamptz - interval '1 day')
          AND (p.expire_at IS NULL OR p.expire_at > $2::timestamptz)
          AND NOT EXISTS (SELECT 1 FROM chat_channel_posts cp
                           WHERE cp.dedupe_key = 'pack_published:' || c.id || ':' || p.id)
        ORDER BY c.id, p.published_at, p.id`,
      [channelIds, now.toISOString()],
    );
  }

  /** Which of these keys have a post already. */
  async existingKeys(keys: readonly string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT dedupe_key AS key FROM chat_channel_posts WHERE dedupe_key = ANY ($1::text[])`,
      [keys],
    )) as { key: string }[];
    return new Set(rows.map((row) => row.key));
  }

  /** The organisation's active advocates, for the training deadlines. */
  activeAdvocates(
    organisationId: string,
  ): Promise<{ id: string; kind: 'employee' | 'fan'; teamId: string | null; locale: string }[]> {
    return this.dataSource.query(
      `SELECT id, kind, team_id AS "teamId", locale FROM members
        WHERE organisation_id = $1 AND status = 'active' AND 'advocate' = ANY (roles) ORDER BY id`,
      [organisationId],
    );
  }

  /** The published modules' titles. */
  moduleTitles(
    organisationId: string,
  ): Promise<{ id: string; published: { title: Record<string, string> } | null }[]> {
    return this.dataSource.query(
      `SELECT id, published FROM training_modules WHERE organisation_id = $1 AND published IS NOT NULL`,
      [organisationId],
    );
  }

  organisationOf(organisationId: string): Promise<{ name: string; locale: string } | undefined> {
    return this.dataSource
      .query(`SELECT name, default_locale AS locale FROM organisations WHERE id = $1`, [organisationId])
      .then((rows: { name: string; locale: string }[]) => rows[0]);
  }

  postStatus(id: string): Promise<Pick<ChannelPost, 'status' | 'responseStatus' | 'lastError'> | null> {
    return this.dataSource
      .getRepository(ChannelPost)
      .findOne({ where: { id }, select: { status: true, responseStatus: true, lastError: true } });
  }
}
