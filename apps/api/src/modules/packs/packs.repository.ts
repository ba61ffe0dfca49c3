import {
  type MediaKind,
  needsAltText,
  PACK_EXPIRING_STATES,
  PACK_SCHEDULED_STATES,
  type PackState,
} from '@heimo/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type KeysetOrder, keysetPageFromEntities, type Page } from '../../infra/database/keyset';
import { likePattern } from '../../infra/http/keyset-page';
import { MediaAsset } from '../media/entities/media-asset.entity';
import { type Locale, Member } from '../members/entities/member.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { Team } from '../organisations/entities/team.entity';
import type { ListPacksQueryDto } from './dto/pack.dto';
import { Pack } from './entities/pack.entity';
import { type PackHistoryAction, PackTransition } from './entities/pack-transition.entity';
import { PackVariant } from './entities/pack-variant.entity';
import type { VariantContent } from './pack-content';

const PACK_ORDER: KeysetOrder = { column: 'p.created_at', kind: 'instant', id: 'p.id', direction: 'DESC' };

/** A row of the pack list: the pack and the (network, locale) of its variants, in their order. */
export interface ListedPack {
  readonly pack: Pack;
  readonly variants: readonly Pick<PackVariant, 'network' | 'locale'>[];
}

/** A pack the scheduler should publish or expire now. */
export interface OverduePack {
  readonly id: string;
  readonly organisationId: string;
  readonly due: 'publish' | 'expire';
}

/**
 * Every query of the packs module. Methods that run inside a command's transaction take its
 * `EntityManager`; every query names the organisation.
 */
@Injectable()
export class PacksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; the cursor is the exact (microsecond) creation time and id of the last row. */
  async list(organisationId: string, query: ListPacksQueryDto): Promise<Page<ListedPack>> {
    const qb = this.dataSource
      .getRepository(Pack)
      .createQueryBuilder('p')
      .where('p.organisation_id = :organisationId', { organisationId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.q) qb.andWhere('(p.title ILIKE :q OR p.summary ILIKE :q)', { q: likePattern(query.q) });
    if (query.network) {
      qb.andWhere('EXISTS (SELECT 1 FROM pack_variants v WHERE v.pack_id = p.id AND v.network = :network)', {
        network: query.network,
      });
    }
    if (query.locale) {
      qb.andWhere('EXISTS (SELECT 1 FROM pack_variants v WHERE v.pack_id = p.id AND v.locale = :locale)', {
        locale: query.locale,
      });
    }
    if (query.hashtag) {
      // Stored without the `#`, in the case written (`normaliseHashtags`); searched in any case.
      const hashtag = query.hashtag
        .replace(/^[#＃]+/u, '')
        .normalize('NFC')
        .toLowerCase();
      qb.andWhere('EXISTS (SELECT 1 FROM unnest(p.hashtags) AS h(tag) WHERE lower(h.tag) = :hashtag)', {
        hashtag,
      });
    }
    const page = await keysetPageFromEntities(qb, PACK_ORDER, query, (pack) => pack);
    const variants = page.items.length
      ? await this.dataSource.getRepository(PackVariant).find({
          select: { packId: true, network: true, locale: true },
          where: { organisationId, packId: In(page.items.map((pack) => pack.id)) },
          order: { position: 'ASC' },
        })
      : [];
    return {
      items: page.items.map((pack) => ({
        pack,
        variants: variants.filter((variant) => variant.packId === pack.id),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Packs with a schedule time in [start, end): a publish time still ahead of them, a publication,
   * or an expiry (see `PACK_SCHEDULED_STATES` / `PACK_EXPIRING_STATES`), with the networks of their
   * variants. At most `limit` packs, earliest time first.
   */
  async calendar(
    organisationId: string,
    filter: { start: Date; end: Date; network?: string; teamId?: string },
    limit: number,
  ): Promise<ListedPack[]> {
    const { start, end } = filter;
    const qb = this.dataSource
      .getRepository(Pack)
      .createQueryBuilder('p')
      .where('p.organisation_id = :organisationId', { organisationId })
      .andWhere(
        `((p.status IN (:...scheduled) AND p.publish_at >= :start AND p.publish_at < :end)
          OR (p.published_at >= :start AND p.published_at < :end)
          OR (p.status IN (:...expiring) AND p.expire_at >= :start AND p.expire_at < :end))`,
        { scheduled: PACK_SCHEDULED_STATES, expiring: PACK_EXPIRING_STATES, start, end },
      );
    if (filter.network) {
      qb.andWhere('EXISTS (SELECT 1 FROM pack_variants v WHERE v.pack_id = p.id AND v.network = :network)', {
        network: filter.network,
      });
    }
    if (filter.teamId) {
      qb.andWhere("(p.audience_team_ids = '{}' OR :teamId = ANY (p.audience_team_ids))", {
        teamId: filter.teamId,
      });
    }
    const packs = await qb
      .orderBy('LEAST(p.publish_at, p.published_at, p.expire_at)', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .getMany();
    const variants = packs.length
      ? await this.dataSource.getRepository(PackVariant).find({
          select: { packId: true, network: true, locale: true },
          where: { organisationId, packId: In(packs.map((pack) => pack.id)) },
          order: { position: 'ASC' },
        })
      : [];
    return packs.map((pack) => ({
      pack,
      variants: variants.filter((variant) => variant.packId === pack.id),
    }));
  }

  async organisationTimeZone(organisationId: string): Promise<string | null> {
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOne({ select: { id: true, timezone: true }, where: { id: organisationId } });
    return organisation?.timezone ?? null;
  }

  /** The pack row locked for update until the transaction ends; null when it is gone (the scheduler skips it). */
  lock(manager: EntityManager, organisationId: string, packId: string): Promise<Pack | null> {
    return manager
      .getRepository(Pack)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.organisation_id = :organisationId AND p.id = :packId', { organisationId, packId })
      .getOne();
  }

  insert(manager: EntityManager, columns: Partial<Pack>): Promise<Pack> {
    const repo = manager.getRepository(Pack);
    return repo.save(repo.create(columns));
  }

  /** Writes a loaded pack back; its generated columns (`updatedAt`) are refreshed on it. */
  async save(manager: EntityManager, pack: Pack): Promise<void> {
    await manager.getRepository(Pack).save(pack);
  }

  variantsOf(manager: EntityManager, pack: Pack): Promise<PackVariant[]> {
    return manager.getRepository(PackVariant).find({
      where: { organisationId: pack.organisationId, packId: pack.id },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
  }

  /** Replaces the pack's variants with `next`: same network and locale keep their row (and id). */
  async saveVariants(
    manager: EntityManager,
    pack: Pack,
    next: readonly VariantContent[],
    existing: readonly PackVariant[],
  ): Promise<void> {
    const repo = manager.getRepository(PackVariant);
    const key = (variant: { network: string; locale: string }) => `${variant.network}\u0000${variant.locale}`;
    const wanted = new Set(next.map(key));
    const gone = existing.filter((variant) => !wanted.has(key(variant)));
    if (gone.length) await repo.delete({ id: In(gone.map((variant) => variant.id)) });
    const byKey = new Map(existing.map((variant) => [key(variant), variant]));
    for (const [position, variant] of next.entries()) {
      const row = byKey.get(key(variant));
      const columns = {
        captionTemplate: variant.captionTemplate,
        title: variant.title,
        mediaIds: [...variant.mediaIds],
        position,
      };
      if (row) {
        await repo.update({ id: row.id }, columns);
      } else {
        await repo.insert({
          packId: pack.id,
          organisationId: pack.organisationId,
          network: variant.network,
          locale: variant.locale as Locale,
          ...columns,
        });
      }
    }
  }

  /** A history row: the pack's current state, reached from `from` by `action`. */
  async recordHistory(
    manager: EntityManager,
    pack: Pack,
    from: PackState | null,
    action: PackHistoryAction,
    actorId: string | null,
    comment: string | null,
  ): Promise<void> {
    await manager.getRepository(PackTransition).insert({
      packId: pack.id,
      organisationId: pack.organisationId,
      from,
      to: pack.status,
      action,
      actorId,
      comment,
    });
  }

  /** The pack's history, oldest first, with each actor's name. */
  history(manager: EntityManager, pack: Pack): Promise<PackTransition[]> {
    return manager
      .getRepository(PackTransition)
      .createQueryBuilder('t')
      .leftJoin('t.actor', 'actor')
      .addSelect(['actor.id', 'actor.name'])
      .where('t.pack_id = :packId AND t.organisation_id = :organisationId', {
        packId: pack.id,
        organisationId: pack.organisationId,
      })
      .orderBy('t.at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  async memberName(manager: EntityManager, organisationId: string, memberId: string): Promise<string | null> {
    const member = await manager
      .getRepository(Member)
      .findOne({ select: { id: true, name: true }, where: { organisationId, id: memberId } });
    return member?.name ?? null;
  }

  /** Those of `ids` that are teams of the organisation. */
  async existingTeamIds(
    manager: EntityManager,
    organisationId: string,
    ids: readonly string[],
  ): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const teams = await manager.getRepository(Team).find({
      select: { id: true },
      where: { organisationId, id: In([...ids]) },
    });
    return new Set(teams.map((team) => team.id));
  }

  /** The kinds of those media assets that exist in the organisation, by id; callers report the missing ones. */
  async mediaKinds(
    manager: EntityManager,
    organisationId: string,
    ids: readonly string[],
  ): Promise<Map<string, MediaKind>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const assets = await manager.getRepository(MediaAsset).find({
      select: { id: true, kind: true },
      where: { organisationId, id: In(unique) },
    });
    return new Map(assets.map((asset) => [asset.id, asset.kind]));
  }

  /** Those of the organisation's media assets that still need a description (`needsAltText`). */
  async undescribedMedia(
    manager: EntityManager,
    organisationId: string,
    ids: readonly string[],
  ): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Set();
    const assets = await manager.getRepository(MediaAsset).find({
      select: { id: true, kind: true, altText: true },
      where: { organisationId, id: In(unique) },
    });
    return new Set(assets.filter((asset) => needsAltText(asset)).map((asset) => asset.id));
  }

  /**
   * Serialises slug choices within the organisation until the transaction ends, so two packs made at
   * once never pick the same slug (the unique index would refuse the second).
   */
  async lockSlugs(manager: EntityManager, organisationId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`packs.slug:${organisationId}`]);
  }

  async slugTaken(
    manager: EntityManager,
    organisationId: string,
    slug: string,
    exceptPackId?: string,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM packs WHERE organisation_id = $1 AND slug = $2 AND id IS DISTINCT FROM $3::uuid LIMIT 1',
      [organisationId, slug, exceptPackId ?? null],
    );
    return rows.length > 0;
  }

  /** The organisation's slugs that are `base` or `base-` followed by anything. */
  async slugsLike(manager: EntityManager, organisationId: string, base: string): Promise<Set<string>> {
    const rows: { slug: string }[] = await manager.query(
      `SELECT slug FROM packs WHERE organisation_id = $1 AND (slug = $2 OR slug LIKE $3)`,
      [organisationId, base, `${likePattern(base).slice(1, -1)}-%`],
    );
    return new Set(rows.map((row) => row.slug));
  }

  /** Up to `limit` packs, of any organisation, whose expiry or publish time has come by `now`. */
  async overdue(now: Date, limit: number): Promise<OverduePack[]> {
    const rows: { id: string; organisation_id: string; due: OverduePack['due'] }[] =
      await this.dataSource.query(
        `SELECT id, organisation_id, 'expire' AS due FROM packs
          WHERE status IN ('approved', 'published') AND expire_at <= $1
         UNION ALL
         SELECT id, organisation_id, 'publish' AS due FROM packs
          WHERE status = 'approved' AND publish_at <= $1 AND (expire_at IS NULL OR expire_at > $1)
         LIMIT $2`,
        [now, limit],
      );
    return rows.map((row) => ({ id: row.id, organisationId: row.organisation_id, due: row.due }));
  }
}
