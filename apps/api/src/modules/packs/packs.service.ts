import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainText } from '@heimo/content';
import {
  availablePackActions,
  canTransition,
  type PackAction,
  type PackActor,
  type PackState,
} from '@heimo/domain';
import { DataSource, type EntityManager, In } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import type { FieldError } from '../../infra/http/app-error';
import {
  assertCursorInstant,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  likePattern,
  type Page,
  toPage,
} from '../../infra/http/keyset-page';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../auth/caller';
import { type Locale, Member } from '../members/entities/member.entity';
import { Team } from '../organisations/entities/team.entity';
import type { OrganisationSettings } from '../organisations/organisation-settings.defaults';
import { OrganisationSettingsService } from '../organisations/organisation-settings.service';
import {
  type CreatePackDto,
  MAX_MEDIA,
  MAX_PACK_TITLE_LENGTH,
  MAX_SUMMARY_LENGTH,
  type ListPacksQueryDto,
  type PackContentInputDto,
  type PackDto,
  type PackSummaryDto,
  type PackTransitionInputDto,
  type PackVariantDto,
  type UpdatePackDto,
} from './dto/pack.dto';
import { Pack } from './entities/pack.entity';
import { type PackHistoryAction, PackTransition } from './entities/pack-transition.entity';
import { PackVariant } from './entities/pack-variant.entity';
import type { PackScheduleState } from './jobs/pack-schedule.job';
import { PackScheduleQueue } from './jobs/pack-schedule.queue';
import {
  checkVariant,
  contentErrors,
  mediaIdsOf,
  normaliseDestination,
  normaliseHashtags,
  type PackCheckContext,
  type PackContent,
  type VariantContent,
} from './pack-content';
import { findMediaKinds } from './pack-media';
import { lockSlugs, slugFromTitle, slugTaken, uniqueSlug } from './pack-slug';
import {
  InvalidPackError,
  PackNotEditableError,
  PackNotFoundError,
  PackSlugTakenError,
  PackTransitionRefusedError,
  StalePackError,
} from './packs.errors';

/** How far ahead a pack may be scheduled. */
export const MAX_SCHEDULE_AHEAD_MS = 2 * 366 * 24 * 3600 * 1000;

/** Actions that put a pack in front of reviewers or advocates: its content must pass the rules now. */
const CHECKED_ACTIONS: readonly PackAction[] = ['submit', 'approve', 'publish'];

/** Which fields each state still lets change; `*` for all of them. */
const EDITABLE_FIELDS: Readonly<Record<PackState, readonly string[]>> = {
  draft: ['*'],
  in_review: ['*'],
  approved: ['*'],
  published: ['expireAt'],
  expired: [],
  archived: [],
};

export interface ImportedDraftInput {
  readonly organisationId: string;
  readonly title: string;
  readonly summary: string;
  readonly destinationUrl: string | null;
  readonly mediaIds: string[];
}

interface Applied {
  readonly from: PackState;
  readonly to: PackState;
  readonly action: PackAction;
}

/** A command's answer and the schedule change to make once its transaction has committed. */
interface Outcome {
  readonly dto: PackDto;
  readonly schedule?: { readonly before: PackScheduleState; readonly after: PackScheduleState };
}

const scheduleOf = (pack: Pack): PackScheduleState => ({
  status: pack.status,
  publishAt: pack.publishAt,
  expireAt: pack.expireAt,
});

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
/** The time sent, null when cleared, or `current` when the body leaves it out. */
const timeOr = (value: string | null | undefined, current: Date | null): Date | null =>
  value === undefined ? current : value === null ? null : new Date(value);
const iso = (value: Date | null) => value?.toISOString() ?? null;

function variantsOf(input: PackContentInputDto['variants']): VariantContent[] | undefined {
  return input?.map((variant) => ({
    network: variant.network,
    locale: variant.locale,
    captionTemplate: variant.captionTemplate,
    title: variant.title ? variant.title : null,
    mediaIds: (variant.mediaIds ?? []).map((id) => id.toLowerCase()),
  }));
}

const lower = (ids: readonly string[] | undefined) => ids?.map((id) => id.toLowerCase());

@Injectable()
export class PacksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: OrganisationSettingsService,
    private readonly audit: AuditService,
    private readonly schedule: PackScheduleQueue,
  ) {}

  /** Newest first; the cursor is the exact (microsecond) creation time and id of the last row. */
  async list(organisationId: string, query: ListPacksQueryDto): Promise<Page<PackSummaryDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.dataSource
      .getRepository(Pack)
      .createQueryBuilder('p')
      .addSelect(`to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at')
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
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
      assertCursorInstant(at);
      qb.andWhere('(p.created_at, p.id) < (:at::timestamptz, :id::uuid)', { at, id });
    }
    const { entities, raw } = await qb
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(limit + 1)
      .getRawAndEntities<{ cursor_at: string; p_id: string }>();
    const cursorOf = new Map(raw.map((row) => [row.p_id, row.cursor_at]));
    const variants = entities.length
      ? await this.dataSource.getRepository(PackVariant).find({
          select: { packId: true, network: true, locale: true },
          where: { organisationId, packId: In(entities.map((pack) => pack.id)) },
          order: { position: 'ASC' },
        })
      : [];
    return toPage(
      entities,
      limit,
      (pack) => [cursorOf.get(pack.id) ?? '', pack.id],
      (pack) => {
        const own = variants.filter((variant) => variant.packId === pack.id);
        return {
          id: pack.id,
          slug: pack.slug,
          title: pack.title,
          summary: pack.summary,
          destinationUrl: pack.destinationUrl,
          status: pack.status,
          origin: pack.origin,
          networks: [...new Set(own.map((variant) => variant.network))],
          locales: [...new Set(own.map((variant) => variant.locale))],
          publishAt: iso(pack.publishAt),
          expireAt: iso(pack.expireAt),
          publishedAt: iso(pack.publishedAt),
          version: pack.version,
          createdAt: pack.createdAt.toISOString(),
          updatedAt: pack.updatedAt.toISOString(),
        };
      },
    );
  }

  async get(caller: Caller, packId: string): Promise<PackDto> {
    const manager = this.dataSource.manager;
    return this.toDto(manager, await this.find(manager, caller.organisationId, packId), caller);
  }

  /** A new draft with its variants, every one of them valid; the caller is its first author. */
  async create(caller: Caller, body: CreatePackDto): Promise<PackDto> {
    const organisationId = caller.organisationId;
    return this.dataSource.transaction(async (manager) => {
      await lockSlugs(manager, organisationId);
      const errors: FieldError[] = [];
      const destination = normaliseDestination(body.destinationUrl);
      if ('error' in destination) errors.push(destination.error);
      const content: PackContent = {
        title: body.title,
        summary: body.summary ?? '',
        destinationUrl: 'href' in destination ? destination.href : null,
        hashtags: normaliseHashtags(body.hashtags ?? []),
        mediaIds: lower(body.mediaIds) ?? [],
        audienceTeamIds: lower(body.audienceTeamIds) ?? [],
        audienceKinds: body.audienceKinds ?? ['employee'],
        audienceLocales: body.audienceLocales ?? [],
        allowCaptionEdit: body.allowCaptionEdit ?? true,
        variants: variantsOf(body.variants) ?? [],
      };
      const publishAt = timeOr(body.publishAt, null);
      const expireAt = timeOr(body.expireAt, null);
      const context = await this.checkContext(manager, organisationId, content);
      errors.push(...contentErrors(content, context));
      errors.push(...scheduleErrors({ publishAt, expireAt }, { publishAt: true, expireAt: true }));
      if (errors.length) throw new InvalidPackError(errors);

      let slug: string;
      if (body.slug) {
        if (await slugTaken(manager, organisationId, body.slug)) throw new PackSlugTakenError();
        slug = body.slug;
      } else {
        slug = await uniqueSlug(manager, organisationId, slugFromTitle(content.title));
      }

      const repo = manager.getRepository(Pack);
      const pack = await repo.save(
        repo.create({
          organisationId,
          slug,
          ...packColumns(content),
          status: 'draft',
          publishAt,
          expireAt,
          publishedAt: null,
          version: 1,
          createdById: caller.memberId,
          authorIds: [caller.memberId],
          origin: 'manual',
        }),
      );
      await this.saveVariants(manager, pack, content.variants, []);
      await this.recordHistory(manager, pack, null, 'create', caller.memberId, null);
      await this.audit.record(
        {
          organisationId,
          actorId: caller.memberId,
          action: 'pack.created',
          target: { type: 'pack', id: pack.id },
          details: { slug, variants: content.variants.length },
        },
        manager,
      );
      return this.toDto(manager, pack, caller, context.settings);
    });
  }

  /**
   * Changes what the body names, against the `version` the curator loaded. Content changes are
   * validated like a new pack; an approved pack whose content changes goes back to review (recorded
   * as an `edit` transition). Published packs take only a new expiry; expired and archived ones
   * nothing. Schedule changes move or cancel the delayed jobs once the transaction has committed.
   */
  async update(caller: Caller, packId: string, body: UpdatePackDto): Promise<PackDto> {
    const organisationId = caller.organisationId;
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const pack = await this.lock(manager, organisationId, packId);
      if (pack.version !== body.version) throw new StalePackError(await this.toDto(manager, pack, caller));
      const existing = await this.variantsOf(manager, pack);
      const current = contentOf(pack, existing);

      const errors: FieldError[] = [];
      let destinationUrl = current.destinationUrl;
      let destinationInvalid = false;
      if (body.destinationUrl !== undefined) {
        const destination = normaliseDestination(body.destinationUrl);
        if ('error' in destination) {
          errors.push(destination.error);
          destinationInvalid = true;
        } else destinationUrl = destination.href;
      }
      const next: PackContent = {
        title: body.title ?? current.title,
        summary: body.summary ?? current.summary,
        destinationUrl,
        hashtags: body.hashtags ? normaliseHashtags(body.hashtags) : current.hashtags,
        mediaIds: lower(body.mediaIds) ?? current.mediaIds,
        audienceTeamIds: lower(body.audienceTeamIds) ?? current.audienceTeamIds,
        audienceKinds: body.audienceKinds ?? current.audienceKinds,
        audienceLocales: body.audienceLocales ?? current.audienceLocales,
        allowCaptionEdit: body.allowCaptionEdit ?? current.allowCaptionEdit,
        variants: variantsOf(body.variants) ?? current.variants,
      };
      const publishAt = timeOr(body.publishAt, pack.publishAt);
      const expireAt = timeOr(body.expireAt, pack.expireAt);
      const slug = body.slug ?? pack.slug;

      const contentChanged: string[] = (Object.keys(next) as (keyof PackContent)[]).filter(
        (key) => !isDeepStrictEqual(next[key], current[key]),
      );
      if (destinationInvalid && !contentChanged.includes('destinationUrl'))
        contentChanged.push('destinationUrl');
      if (slug !== pack.slug) contentChanged.push('slug');
      const scheduleChanged = {
        publishAt: !sameTime(publishAt, pack.publishAt),
        expireAt: !sameTime(expireAt, pack.expireAt),
      };
      const changed = [
        ...contentChanged,
        ...(scheduleChanged.publishAt ? ['publishAt'] : []),
        ...(scheduleChanged.expireAt ? ['expireAt'] : []),
      ];
      if (!changed.length) return { dto: await this.toDto(manager, pack, caller) };

      const editable = EDITABLE_FIELDS[pack.status];
      const refused = editable.includes('*') ? [] : changed.filter((field) => !editable.includes(field));
      if (refused.length) throw new PackNotEditableError(pack.status, refused);

      const context = await this.checkContext(manager, organisationId, next);
      if (contentChanged.length) errors.push(...contentErrors(next, context));
      errors.push(...scheduleErrors({ publishAt, expireAt }, scheduleChanged));
      if (errors.length) throw new InvalidPackError(errors);
      if (slug !== pack.slug) {
        await lockSlugs(manager, organisationId);
        if (await slugTaken(manager, organisationId, slug, pack.id)) throw new PackSlugTakenError();
      }

      const before = scheduleOf(pack);
      Object.assign(pack, packColumns(next), { slug, publishAt, expireAt });
      let sentBack = false;
      if (contentChanged.length) {
        if (!pack.authorIds.includes(caller.memberId)) pack.authorIds = [...pack.authorIds, caller.memberId];
        // Approval was given to other content: it is reviewed again.
        if (pack.status === 'approved') {
          pack.status = 'in_review';
          sentBack = true;
        }
      }
      pack.version += 1;
      await manager.getRepository(Pack).save(pack);
      if (contentChanged.includes('variants'))
        await this.saveVariants(manager, pack, next.variants, existing);
      if (sentBack) await this.recordHistory(manager, pack, 'approved', 'edit', caller.memberId, null);
      await this.audit.record(
        {
          organisationId,
          actorId: caller.memberId,
          action: 'pack.updated',
          target: { type: 'pack', id: pack.id },
          details: {
            changed,
            version: pack.version,
            ...(sentBack ? { from: 'approved', to: 'in_review' } : {}),
          },
        },
        manager,
      );
      return {
        dto: await this.toDto(manager, pack, caller, context.settings),
        schedule: { before, after: scheduleOf(pack) },
      };
    });
    return this.afterCommit(organisationId, outcome);
  }

  /**
   * A lifecycle action by a curator, as `canTransition` decides it with the organisation's four-eyes
   * setting. Submitting, approving and publishing check every variant against the current rules
   * first. Approving a pack with a publish time keeps it approved; its job publishes it then.
   */
  async transition(caller: Caller, packId: string, body: PackTransitionInputDto): Promise<PackDto> {
    const organisationId = caller.organisationId;
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const pack = await this.lock(manager, organisationId, packId);
      if (pack.version !== body.version) throw new StalePackError(await this.toDto(manager, pack, caller));
      const settings = await this.settings.get(organisationId, manager);
      const now = new Date();
      const decision = canTransition(pack.status, body.action, {
        actor: memberActor(caller),
        authorIds: pack.authorIds,
        fourEyesApproval: settings.fourEyesApproval,
        comment: body.comment ?? null,
        now,
        expiresAt: pack.expireAt,
      });
      if (!decision.allowed) throw new PackTransitionRefusedError(decision.code, decision.params);

      if (CHECKED_ACTIONS.includes(body.action)) {
        const variants = await this.variantsOf(manager, pack);
        if (!variants.length) {
          throw new InvalidPackError([
            { field: 'variants', code: 'pack.no_variants', message: 'write at least one variant first' },
          ]);
        }
        const content = contentOf(pack, variants);
        const errors = contentErrors(
          content,
          await this.checkContext(manager, organisationId, content, settings),
        );
        if (errors.length) throw new InvalidPackError(errors);
      }

      const before = scheduleOf(pack);
      // Submitting puts one's name to the content: the submitter may not approve it either.
      if (body.action === 'submit' && !pack.authorIds.includes(caller.memberId)) {
        pack.authorIds = [...pack.authorIds, caller.memberId];
      }
      const comment = body.comment?.trim() ? body.comment.trim() : null;
      await this.applyTransition(manager, pack, decision, caller.memberId, comment, now);
      return {
        dto: await this.toDto(manager, pack, caller, settings),
        schedule: { before, after: scheduleOf(pack) },
      };
    });
    return this.afterCommit(organisationId, outcome);
  }

  /**
   * A transition the scheduler makes (publish at / expire at), on a pack the caller has locked.
   * Null when the lifecycle no longer allows it (the pack moved on): nothing is written then.
   */
  async applyScheduled(
    manager: EntityManager,
    pack: Pack,
    action: Extract<PackAction, 'publish' | 'expire'>,
    now: Date,
  ): Promise<Applied | null> {
    const actor: PackActor = { kind: 'system' };
    const decision = canTransition(pack.status, action, {
      actor,
      authorIds: pack.authorIds,
      fourEyesApproval: false,
      now,
      expiresAt: pack.expireAt,
    });
    if (!decision.allowed) return null;
    await this.applyTransition(manager, pack, decision, null, null, now);
    return decision;
  }

  /**
   * A draft from a feed item, inside the importer's transaction: `origin` `feed`, no author (so any
   * curator may approve it once someone has submitted it — the submitter counts as its author),
   * no variants (curators write them), a slug made from the title. Its history starts with an
   * `import` row (`from` null, no actor). Text is cut to the pack's limits; a link the links library
   * refuses is dropped.
   */
  async createImportedDraft(manager: EntityManager, input: ImportedDraftInput): Promise<Pack> {
    const { organisationId } = input;
    await lockSlugs(manager, organisationId);
    const title = clip(plainText(input.title), MAX_PACK_TITLE_LENGTH) || 'Untitled';
    const destination = normaliseDestination(input.destinationUrl);
    const mediaIds = [...new Set(input.mediaIds.map((id) => id.toLowerCase()))].slice(0, MAX_MEDIA);
    const repo = manager.getRepository(Pack);
    const pack = await repo.save(
      repo.create({
        organisationId,
        slug: await uniqueSlug(manager, organisationId, slugFromTitle(title)),
        title,
        summary: clip(plainText(input.summary), MAX_SUMMARY_LENGTH),
        destinationUrl: 'href' in destination ? destination.href : null,
        hashtags: [],
        mediaIds,
        audienceTeamIds: [],
        audienceKinds: ['employee'],
        audienceLocales: [],
        allowCaptionEdit: true,
        status: 'draft',
        publishAt: null,
        expireAt: null,
        publishedAt: null,
        version: 1,
        createdById: null,
        authorIds: [],
        origin: 'feed',
      }),
    );
    await this.recordHistory(manager, pack, null, 'import', null, null);
    await this.audit.record(
      {
        organisationId,
        actorId: null,
        action: 'pack.imported',
        target: { type: 'pack', id: pack.id },
        details: { slug: pack.slug },
      },
      manager,
    );
    return pack;
  }

  private async afterCommit(organisationId: string, outcome: Outcome): Promise<PackDto> {
    if (outcome.schedule) {
      await this.schedule.sync(
        organisationId,
        outcome.dto.id,
        outcome.schedule.before,
        outcome.schedule.after,
      );
    }
    return outcome.dto;
  }

  private async applyTransition(
    manager: EntityManager,
    pack: Pack,
    applied: Applied,
    actorId: string | null,
    comment: string | null,
    now: Date,
  ): Promise<void> {
    pack.status = applied.to;
    if (applied.to === 'published') pack.publishedAt = now;
    pack.version += 1;
    await manager.getRepository(Pack).save(pack);
    await this.recordHistory(manager, pack, applied.from, applied.action, actorId, comment);
    await this.audit.record(
      {
        organisationId: pack.organisationId,
        actorId,
        action: 'pack.transitioned',
        target: { type: 'pack', id: pack.id },
        details: {
          action: applied.action,
          from: applied.from,
          to: applied.to,
          version: pack.version,
          ...(actorId ? {} : { by: 'scheduler' }),
        },
      },
      manager,
    );
  }

  private async recordHistory(
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

  /** Replaces the pack's variants with `next`: same network and locale keep their row (and id). */
  private async saveVariants(
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

  private async checkContext(
    manager: EntityManager,
    organisationId: string,
    content: Pick<PackContent, 'mediaIds' | 'variants' | 'audienceTeamIds'>,
    settings?: OrganisationSettings,
  ): Promise<PackCheckContext> {
    const teamIds = content.audienceTeamIds.length
      ? await manager.getRepository(Team).find({
          select: { id: true },
          where: { organisationId, id: In([...content.audienceTeamIds]) },
        })
      : [];
    return {
      settings: settings ?? (await this.settings.get(organisationId, manager)),
      baseUrl: this.config.publicUrl,
      mediaKinds: await findMediaKinds(manager, organisationId, mediaIdsOf(content)),
      teamIds: new Set(teamIds.map((team) => team.id)),
    };
  }

  private variantsOf(manager: EntityManager, pack: Pack): Promise<PackVariant[]> {
    return manager.getRepository(PackVariant).find({
      where: { organisationId: pack.organisationId, packId: pack.id },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
  }

  private async find(manager: EntityManager, organisationId: string, packId: string): Promise<Pack> {
    const pack = await manager.getRepository(Pack).findOneBy({ organisationId, id: packId });
    if (!pack) throw new PackNotFoundError();
    return pack;
  }

  private async lock(manager: EntityManager, organisationId: string, packId: string): Promise<Pack> {
    const pack = await manager
      .getRepository(Pack)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.organisation_id = :organisationId AND p.id = :packId', { organisationId, packId })
      .getOne();
    if (!pack) throw new PackNotFoundError();
    return pack;
  }

  /** The pack with its variants (each checked against the current rules), history and the caller's actions. */
  private async toDto(
    manager: EntityManager,
    pack: Pack,
    caller: Caller,
    knownSettings?: OrganisationSettings,
  ): Promise<PackDto> {
    const variants = await this.variantsOf(manager, pack);
    const content = contentOf(pack, variants);
    const context = await this.checkContext(
      manager,
      pack.organisationId,
      { ...content, audienceTeamIds: [] },
      knownSettings,
    );
    const history = await manager
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
    const creator = pack.createdById
      ? await manager
          .getRepository(Member)
          .findOne({ select: { id: true, name: true }, where: { id: pack.createdById } })
      : null;
    const variantDtos: PackVariantDto[] = variants.map((variant) => ({
      id: variant.id,
      network: variant.network,
      locale: variant.locale,
      captionTemplate: variant.captionTemplate,
      title: variant.title,
      mediaIds: variant.mediaIds,
      check: toCheckDto(checkVariant(contentOfVariant(variant), content, context)),
    }));
    return {
      id: pack.id,
      slug: pack.slug,
      title: pack.title,
      summary: pack.summary,
      destinationUrl: pack.destinationUrl,
      hashtags: pack.hashtags,
      mediaIds: pack.mediaIds,
      audienceTeamIds: pack.audienceTeamIds,
      audienceKinds: pack.audienceKinds,
      audienceLocales: pack.audienceLocales,
      allowCaptionEdit: pack.allowCaptionEdit,
      status: pack.status,
      origin: pack.origin,
      publishAt: iso(pack.publishAt),
      expireAt: iso(pack.expireAt),
      publishedAt: iso(pack.publishedAt),
      version: pack.version,
      createdById: pack.createdById,
      createdByName: creator?.name ?? null,
      authorIds: pack.authorIds,
      variants: variantDtos,
      transitions: history.map((row) => ({
        id: row.id,
        from: row.from,
        to: row.to,
        action: row.action,
        actorId: row.actorId,
        actorName: row.actor?.name ?? null,
        comment: row.comment,
        at: row.at.toISOString(),
      })),
      availableActions: availablePackActions(pack.status, {
        actor: memberActor(caller),
        authorIds: pack.authorIds,
        fourEyesApproval: context.settings.fourEyesApproval,
        now: new Date(),
        expiresAt: pack.expireAt,
      }),
      createdAt: pack.createdAt.toISOString(),
      updatedAt: pack.updatedAt.toISOString(),
    };
  }
}

function memberActor(caller: Caller): PackActor {
  return { kind: 'member', memberId: caller.memberId, roles: caller.roles };
}

function contentOfVariant(variant: PackVariant): VariantContent {
  return {
    network: variant.network,
    locale: variant.locale,
    captionTemplate: variant.captionTemplate,
    title: variant.title,
    mediaIds: variant.mediaIds,
  };
}

function contentOf(pack: Pack, variants: readonly PackVariant[]): PackContent {
  return {
    title: pack.title,
    summary: pack.summary,
    destinationUrl: pack.destinationUrl,
    hashtags: pack.hashtags,
    mediaIds: pack.mediaIds,
    audienceTeamIds: pack.audienceTeamIds,
    audienceKinds: pack.audienceKinds,
    audienceLocales: pack.audienceLocales,
    allowCaptionEdit: pack.allowCaptionEdit,
    variants: variants.map(contentOfVariant),
  };
}

/** The pack's own columns of the content (variants live in their table). */
function packColumns(content: PackContent): Partial<Pack> {
  return {
    title: content.title,
    summary: content.summary,
    destinationUrl: content.destinationUrl,
    hashtags: [...content.hashtags],
    mediaIds: [...content.mediaIds],
    audienceTeamIds: [...content.audienceTeamIds],
    audienceKinds: [...content.audienceKinds],
    audienceLocales: [...content.audienceLocales],
    allowCaptionEdit: content.allowCaptionEdit,
  };
}

function toCheckDto(check: ReturnType<typeof checkVariant>): PackVariantDto['check'] {
  return {
    ok: check.ok,
    length: check.length,
    limit: check.limit,
    remaining: check.remaining,
    issues: check.issues.map((found) => ({ ...found, params: { ...found.params } })),
  };
}

/**
 * Times that are set or moved must lie ahead (at most {@link MAX_SCHEDULE_AHEAD_MS}), and an expiry
 * after the publish time. Times left as they were are not judged again (they may have passed).
 */
function scheduleErrors(
  times: { publishAt: Date | null; expireAt: Date | null },
  changed: { publishAt: boolean; expireAt: boolean },
  now = new Date(),
): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['publishAt', 'expireAt'] as const) {
    const time = times[field];
    if (!changed[field] || !time) continue;
    if (time.getTime() <= now.getTime()) {
      const code = field === 'publishAt' ? 'pack.publish_at_past' : 'pack.expire_at_past';
      errors.push({ field, code, message: `${field} must be in the future` });
    } else if (time.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS) {
      errors.push({ field, code: 'pack.schedule_too_far', message: `${field} must be within two years` });
    }
  }
  const { publishAt, expireAt } = times;
  if ((changed.publishAt || changed.expireAt) && publishAt && expireAt && expireAt <= publishAt) {
    errors.push({
      field: 'expireAt',
      code: 'pack.expire_before_publish',
      message: 'expireAt must be after publishAt',
    });
  }
  return errors;
}

/** At most `max` UTF-16 units, not splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd();
}
