import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  calendarMoveField,
  canTransition,
  daysInRange,
  localDateOf,
  PACK_CALENDAR_MAX_DAYS,
  PACK_EXPIRING_STATES,
  PACK_SCHEDULED_STATES,
  type PackCalendarKind,
  startOfLocalDate,
  addDays,
  isFieldEditable,
  packActionChoices,
  sendsBackToReview,
  type PackAction,
  type PackActor,
  type PackField,
} from '@heimo/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { type FieldError, NotFoundError, ValidationError } from '../../infra/http/app-error';
import type { Page } from '../../infra/database/keyset';
import { findScopedOr404, lockScopedOr404 } from '../../infra/database/scoped-lookup';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../../infra/http/caller';
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
  type UpdatePackDto,
} from './dto/pack.dto';
import { Pack } from './entities/pack.entity';
import type { PackScheduleState } from './jobs/pack-schedule.job';
import { PackScheduleQueue } from './jobs/pack-schedule.queue';
import {
  PACK_CALENDAR_MAX_PACKS,
  type PackCalendarDto,
  type PackCalendarEntryDto,
  type PackCalendarQueryDto,
} from './dto/pack-calendar.dto';
import { TeamNotFoundError } from '../organisations/organisations.errors';
import { contentOf, contentOfVariant, packColumns, toPackDto, toPackSummaryDto } from './pack.mapper';
import {
  checkVariant,
  contentErrors,
  fieldErrors,
  mediaIdsOf,
  normaliseDestination,
  normaliseHashtags,
  type PackCheckContext,
  type PackContent,
  undescribedMediaErrors,
  type VariantContent,
} from './pack-content';
import { firstFreeSlug, slugFromTitle } from './pack-slug';
import { PACK_REVIEW_ALERTS, type PackReviewAlerts } from './pack-review-alerts';
import { PackTransitionsService } from './pack-transitions.service';
import {
  InvalidPackError,
  PackNotEditableError,
  PackNotFoundError,
  PackSlugTakenError,
  PackTransitionRefusedError,
  StalePackError,
} from './packs.errors';
import { PacksRepository } from './packs.repository';

/** How far ahead a pack may be scheduled. */
export const MAX_SCHEDULE_AHEAD_MS = 2 * 366 * 24 * 3600 * 1000;

/** Actions that put a pack in front of reviewers or advocates: its content must pass the rules now. */
const CHECKED_ACTIONS: readonly PackAction[] = ['submit', 'approve', 'publish'];

/** A draft from a feed item, its text already plain (the feeds module's job). */
export interface FeedItemDraftInput {
  readonly organisationId: string;
  readonly title: string;
  readonly summary: string;
  readonly destinationUrl: string | null;
  readonly mediaIds: readonly string[];
}

/** A draft from a member's suggested link, prefilled by the suggestions module; the accepting curator writes it. */
export interface SuggestionDraftInput {
  readonly organisationId: string;
  readonly curatorId: string;
  readonly suggestionId: string;
  readonly title: string;
  readonly summary: string;
  readonly destinationUrl: string;
}

/** A command's answer and the schedule change to make once its transaction has committed. */
interface Outcome {
  readonly dto: PackDto;
  readonly schedule?: { readonly before: PackScheduleState; readonly after: PackScheduleState };
  /** E-mails queued in the transaction, to dispatch once it has committed. */
  readonly emails?: readonly (string | null)[];
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
    private readonly repository: PacksRepository,
    private readonly transitions: PackTransitionsService,
    private readonly settings: OrganisationSettingsService,
    private readonly audit: AuditService,
    private readonly schedule: PackScheduleQueue,
    @Inject(PACK_REVIEW_ALERTS) private readonly reviewAlerts: PackReviewAlerts,
  ) {}

  async list(organisationId: string, query: ListPacksQueryDto): Promise<Page<PackSummaryDto>> {
    const page = await this.repository.list(organisationId, query);
    return { items: page.items.map(toPackSummaryDto), nextCursor: page.nextCursor };
  }

  /**
   * The schedule of the days `from`–`to` (both counted) in the organisation's time zone: each pack
   * once per time of it that falls in them (scheduled, published, expiring), with the field moving
   * it would change. A team filter naming no team of the organisation is 404 `team.not_found`.
   */
  async calendar(caller: Caller, query: PackCalendarQueryDto): Promise<PackCalendarDto> {
    const days = daysInRange(query.from, query.to);
    if (days < 1)
      throw new ValidationError([
        { field: 'from', code: 'validation.range_order', message: 'from must not be after to' },
      ]);
    if (days > PACK_CALENDAR_MAX_DAYS)
      throw new ValidationError([
        {
          field: 'to',
          code: 'validation.range_too_long',
          message: `the range must not be longer than ${PACK_CALENDAR_MAX_DAYS} days`,
        },
      ]);
    const organisationId = caller.organisationId;
    const timeZone = await this.repository.organisationTimeZone(organisationId);
    if (!timeZone) throw new NotFoundError('organisation.not_found', 'The organisation does not exist.');
    if (query.team) {
      const found = await this.repository.existingTeamIds(this.dataSource.manager, organisationId, [
        query.team.toLowerCase(),
      ]);
      if (!found.size) throw new TeamNotFoundError();
    }
    const start = startOfLocalDate(query.from, timeZone);
    const end = startOfLocalDate(addDays(query.to, 1), timeZone);
    const listed = await this.repository.calendar(
      organisationId,
      { start, end, network: query.network, teamId: query.team?.toLowerCase() },
      PACK_CALENDAR_MAX_PACKS + 1,
    );
    const within = (time: Date | null): time is Date => time !== null && time >= start && time < end;
    const entries: PackCalendarEntryDto[] = [];
    for (const row of listed.slice(0, PACK_CALENDAR_MAX_PACKS)) {
      const { pack } = row;
      const summary = toPackSummaryDto(row);
      const entryPack = {
        id: pack.id,
        title: pack.title,
        status: pack.status,
        version: pack.version,
        networks: summary.networks,
        audienceTeamIds: pack.audienceTeamIds,
        publishAt: summary.publishAt,
        expireAt: summary.expireAt,
        publishedAt: summary.publishedAt,
      };
      const add = (kind: PackCalendarKind, at: Date) =>
        entries.push({
          kind,
          at: at.toISOString(),
          day: localDateOf(at, timeZone),
          moves: calendarMoveField(pack.status, kind),
          pack: entryPack,
        });
      if (PACK_SCHEDULED_STATES.includes(pack.status) && within(pack.publishAt))
        add('scheduled', pack.publishAt);
      if (within(pack.publishedAt)) add('published', pack.publishedAt);
      if (PACK_EXPIRING_STATES.includes(pack.status) && within(pack.expireAt)) add('expiring', pack.expireAt);
    }
    entries.sort((a, b) => a.at.localeCompare(b.at) || a.pack.id.localeCompare(b.pack.id));
    return {
      timeZone,
      from: query.from,
      to: query.to,
      entries,
      truncated: listed.length > PACK_CALENDAR_MAX_PACKS,
    };
  }

  async get(caller: Caller, packId: string): Promise<PackDto> {
    const manager = this.dataSource.manager;
    return this.toDto(manager, await this.find(manager, caller.organisationId, packId), caller);
  }

  /** A new draft with its variants, every one of them valid; the caller is its first author. */
  async create(caller: Caller, body: CreatePackDto): Promise<PackDto> {
    const organisationId = caller.organisationId;
    return this.dataSource.transaction(async (manager) => {
      await this.repository.lockSlugs(manager, organisationId);
      const errors: FieldError[] = fieldErrors(body);
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
        if (await this.repository.slugTaken(manager, organisationId, body.slug))
          throw new PackSlugTakenError();
        slug = body.slug;
      } else {
        slug = await this.uniqueSlug(manager, organisationId, slugFromTitle(content.title));
      }

      const pack = await this.insertDraft(manager, {
        organisationId,
        creatorId: memberIdOf(caller),
        slug,
        content,
        publishAt,
        expireAt,
        origin: 'manual',
        action: 'pack.created',
        details: tokenDetails(caller),
      });
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
      const existing = await this.repository.variantsOf(manager, pack);
      const current = contentOf(pack, existing);

      const errors: FieldError[] = fieldErrors(body);
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

      const contentChanged: PackField[] = (Object.keys(next) as (keyof PackContent)[]).filter(
        (key) => !isDeepStrictEqual(next[key], current[key]),
      );
      if (destinationInvalid && !contentChanged.includes('destinationUrl'))
        contentChanged.push('destinationUrl');
      if (slug !== pack.slug) contentChanged.push('slug');
      const scheduleChanged = {
        publishAt: !sameTime(publishAt, pack.publishAt),
        expireAt: !sameTime(expireAt, pack.expireAt),
      };
      const changed: PackField[] = [
        ...contentChanged,
        ...(scheduleChanged.publishAt ? (['publishAt'] as const) : []),
        ...(scheduleChanged.expireAt ? (['expireAt'] as const) : []),
      ];
      if (!changed.length) return { dto: await this.toDto(manager, pack, caller) };

      const refused = changed.filter((field) => !isFieldEditable(pack.status, field));
      if (refused.length) throw new PackNotEditableError(pack.status, refused);

      const context = await this.checkContext(manager, organisationId, next);
      if (contentChanged.length) errors.push(...contentErrors(next, context));
      errors.push(...scheduleErrors({ publishAt, expireAt }, scheduleChanged));
      if (errors.length) throw new InvalidPackError(errors);
      if (slug !== pack.slug) {
        await this.repository.lockSlugs(manager, organisationId);
        if (await this.repository.slugTaken(manager, organisationId, slug, pack.id))
          throw new PackSlugTakenError();
      }

      const before = scheduleOf(pack);
      const from = pack.status;
      Object.assign(pack, packColumns(next), { slug, publishAt, expireAt });
      // Approval was given to other content: it is reviewed again.
      const sentBack = sendsBackToReview(from, changed);
      const editor = memberIdOf(caller);
      if (contentChanged.length) {
        if (editor && !pack.authorIds.includes(editor)) pack.authorIds = [...pack.authorIds, editor];
        if (sentBack) pack.status = 'in_review';
      }
      pack.version += 1;
      await this.repository.save(manager, pack);
      if (contentChanged.includes('variants'))
        await this.repository.saveVariants(manager, pack, next.variants, existing);
      // Every change is in the history with who made it: a reviewer who edits the content becomes
      // an author (and so may not approve under four-eyes), which the history shows.
      await this.repository.recordHistory(manager, pack, from, 'edit', editor, null);
      await this.audit.record(
        {
          organisationId,
          actorId: editor,
          action: 'pack.updated',
          target: { type: 'pack', id: pack.id },
          details: {
            changed,
            version: pack.version,
            ...tokenDetails(caller),
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
        const variants = await this.repository.variantsOf(manager, pack);
        if (!variants.length) {
          throw new InvalidPackError([
            { field: 'variants', code: 'pack.no_variants', message: 'write at least one variant first' },
          ]);
        }
        const content = contentOf(pack, variants);
        const errors = [
          ...contentErrors(content, await this.checkContext(manager, organisationId, content, settings)),
          ...undescribedMediaErrors(
            content,
            await this.repository.undescribedMedia(manager, organisationId, mediaIdsOf(content)),
          ),
        ];
        if (errors.length) throw new InvalidPackError(errors);
      }

      const before = scheduleOf(pack);
      // Submitting puts one's name to the content: the submitter may not approve it either.
      if (body.action === 'submit' && !pack.authorIds.includes(caller.memberId)) {
        pack.authorIds = [...pack.authorIds, caller.memberId];
      }
      const comment = body.comment?.trim() ? body.comment.trim() : null;
      await this.transitions.apply(manager, pack, decision, caller.memberId, comment, now);
      // Reviewers hear of a submission, authors of the review's outcome (as their preferences allow).
      const emails =
        body.action === 'submit' || body.action === 'approve' || body.action === 'reject'
          ? await this.reviewAlerts.queue(manager, {
              organisationId,
              packId: pack.id,
              packTitle: pack.title,
              action: body.action,
              version: pack.version,
              actorId: caller.memberId,
              comment,
              authorIds: pack.authorIds,
              fourEyesApproval: settings.fourEyesApproval,
            })
          : [];
      return {
        dto: await this.toDto(manager, pack, caller, settings),
        schedule: { before, after: scheduleOf(pack) },
        emails,
      };
    });
    return this.afterCommit(organisationId, outcome);
  }

  /**
   * A draft from a feed item, inside the importer's transaction: `origin` `feed`, no author (so any
   * curator may approve it once someone has submitted it — the submitter counts as its author),
   * no variants (curators write them), a slug made from the title. Its history starts with an
   * `import` row (`from` null, no actor). Text is cut to the pack's limits (an empty title becomes
   * `Untitled`), a link the links library refuses is dropped, media beyond the limit are left out.
   */
  async createDraftFromFeedItem(manager: EntityManager, input: FeedItemDraftInput): Promise<Pack> {
    const { organisationId } = input;
    await this.repository.lockSlugs(manager, organisationId);
    const title = clip(input.title, MAX_PACK_TITLE_LENGTH) || 'Untitled';
    const destination = normaliseDestination(input.destinationUrl);
    const mediaIds = [...new Set(input.mediaIds.map((id) => id.toLowerCase()))].slice(0, MAX_MEDIA);
    const pack = await this.repository.insert(manager, {
      organisationId,
      slug: await this.uniqueSlug(manager, organisationId, slugFromTitle(title)),
      title,
      summary: clip(input.summary, MAX_SUMMARY_LENGTH),
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
    });
    await this.repository.recordHistory(manager, pack, null, 'import', null, null);
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

  /**
   * In the caller's transaction (the suggestion's acceptance): a draft with `origin: 'suggestion'`,
   * its link and prefilled text cut to the limits, no variants yet; the accepting curator is its
   * creator and first author (with four-eyes on, another curator approves it).
   */
  async createDraftFromSuggestion(manager: EntityManager, input: SuggestionDraftInput): Promise<Pack> {
    const { organisationId } = input;
    await this.repository.lockSlugs(manager, organisationId);
    const title = clip(input.title.trim(), MAX_PACK_TITLE_LENGTH) || 'Untitled';
    const destination = normaliseDestination(input.destinationUrl);
    return this.insertDraft(manager, {
      organisationId,
      creatorId: input.curatorId,
      slug: await this.uniqueSlug(manager, organisationId, slugFromTitle(title)),
      content: {
        title,
        summary: clip(input.summary, MAX_SUMMARY_LENGTH),
        destinationUrl: 'href' in destination ? destination.href : null,
        hashtags: [],
        mediaIds: [],
        audienceTeamIds: [],
        audienceKinds: ['employee'],
        audienceLocales: [],
        allowCaptionEdit: true,
        variants: [],
      },
      publishAt: null,
      expireAt: null,
      origin: 'suggestion',
      action: 'pack.created',
      details: { suggestionId: input.suggestionId },
    });
  }

  /**
   * A new draft with the pack's content: title, summary, link, hashtags, media references (the same
   * assets, not copies of the files), audience and every variant. No schedule and no history are
   * carried over; the caller is its creator and first author. It is not checked against the rules
   * on the way (a draft may break rules that changed since); `GET` and `submit` check it as always.
   */
  async duplicate(caller: Caller, packId: string): Promise<PackDto> {
    const organisationId = caller.organisationId;
    return this.dataSource.transaction(async (manager) => {
      const source = await this.find(manager, organisationId, packId);
      const variants = await this.repository.variantsOf(manager, source);
      const content = contentOf(source, variants);
      await this.repository.lockSlugs(manager, organisationId);
      const pack = await this.insertDraft(manager, {
        organisationId,
        creatorId: caller.memberId,
        slug: await this.uniqueSlug(manager, organisationId, source.slug.replace(/-\d+$/, '')),
        content,
        publishAt: null,
        expireAt: null,
        origin: 'manual',
        action: 'pack.duplicated',
        details: { from: source.slug },
      });
      return this.toDto(manager, pack, caller);
    });
  }

  /**
   * A new draft (version 1, the creator its first author) with its variants and its `create`
   * history entry, audited with `action` (slug and variant count, and `details`): what creating,
   * duplicating and accepting a suggestion share.
   */
  private async insertDraft(
    manager: EntityManager,
    draft: {
      organisationId: string;
      /** Null for a draft an API token made: no member created it, and no one is its author yet. */
      creatorId: string | null;
      slug: string;
      content: PackContent;
      publishAt: Date | null;
      expireAt: Date | null;
      origin: Pack['origin'];
      action: 'pack.created' | 'pack.duplicated';
      details: Record<string, string>;
    },
  ): Promise<Pack> {
    const { organisationId, creatorId, content } = draft;
    const pack = await this.repository.insert(manager, {
      organisationId,
      slug: draft.slug,
      ...packColumns(content),
      status: 'draft',
      publishAt: draft.publishAt,
      expireAt: draft.expireAt,
      publishedAt: null,
      version: 1,
      createdById: creatorId,
      authorIds: creatorId ? [creatorId] : [],
      origin: draft.origin,
    });
    if (content.variants.length) await this.repository.saveVariants(manager, pack, content.variants, []);
    await this.repository.recordHistory(manager, pack, null, 'create', creatorId, null);
    await this.audit.record(
      {
        organisationId,
        actorId: creatorId,
        action: draft.action,
        target: { type: 'pack', id: pack.id },
        details: { slug: pack.slug, variants: content.variants.length, ...draft.details },
      },
      manager,
    );
    return pack;
  }

  private async afterCommit(organisationId: string, outcome: Outcome): Promise<PackDto> {
    if (outcome.emails?.length) await this.reviewAlerts.dispatch(outcome.emails);
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

  private async checkContext(
    manager: EntityManager,
    organisationId: string,
    content: Pick<PackContent, 'mediaIds' | 'variants' | 'audienceTeamIds'>,
    settings?: OrganisationSettings,
  ): Promise<PackCheckContext> {
    const teamIds = await this.repository.existingTeamIds(manager, organisationId, content.audienceTeamIds);
    return {
      settings: settings ?? (await this.settings.get(organisationId, manager)),
      baseUrl: this.config.publicUrl,
      mediaKinds: await this.repository.mediaKinds(manager, organisationId, mediaIdsOf(content)),
      teamIds,
    };
  }

  /** The slug made from the title, or `-2`, `-3`, … when taken. Call with the slugs locked. */
  private async uniqueSlug(manager: EntityManager, organisationId: string, base: string): Promise<string> {
    return firstFreeSlug(base, await this.repository.slugsLike(manager, organisationId, base));
  }

  private find(manager: EntityManager, organisationId: string, packId: string): Promise<Pack> {
    return findScopedOr404(manager, Pack, organisationId, packId, () => new PackNotFoundError());
  }

  private lock(manager: EntityManager, organisationId: string, packId: string): Promise<Pack> {
    return lockScopedOr404(manager, Pack, organisationId, packId, () => new PackNotFoundError());
  }

  /** The pack with its variants (each checked against the current rules), history and the caller's actions. */
  private async toDto(
    manager: EntityManager,
    pack: Pack,
    caller: Caller,
    knownSettings?: OrganisationSettings,
  ): Promise<PackDto> {
    const variants = await this.repository.variantsOf(manager, pack);
    const content = contentOf(pack, variants);
    const context = await this.checkContext(
      manager,
      pack.organisationId,
      { ...content, audienceTeamIds: [] },
      knownSettings,
    );
    const choices = packActionChoices(pack.status, {
      actor: memberActor(caller),
      authorIds: pack.authorIds,
      fourEyesApproval: context.settings.fourEyesApproval,
      now: new Date(),
      expiresAt: pack.expireAt,
    });
    return toPackDto(pack, {
      variants: variants.map((variant) => ({
        variant,
        check: checkVariant(contentOfVariant(variant), content, context),
      })),
      history: await this.repository.history(manager, pack),
      createdByName: pack.createdById
        ? await this.repository.memberName(manager, pack.organisationId, pack.createdById)
        : null,
      availableActions: choices.available,
      unavailableActions: choices.unavailable,
    });
  }
}

/** The member behind the caller; null for an API token (`packs:write`), which is no member. */
function memberIdOf(caller: Caller): string | null {
  return caller.token ? null : caller.memberId;
}

/** Names the API token in an audit event's details when one made the change. */
function tokenDetails(caller: Caller): Record<string, string> {
  return caller.token ? { apiTokenId: caller.token.id } : {};
}

function memberActor(caller: Caller): PackActor {
  return { kind: 'member', memberId: caller.memberId, roles: caller.roles };
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
