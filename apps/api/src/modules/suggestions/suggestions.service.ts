import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkSuggestion } from '@heimo/content';
import { isSuggestionDecided, maySuggest } from '@heimo/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';
import { findScopedOr404, lockScopedOr404 } from '../../infra/database/scoped-lookup';
import { ValidationError } from '../../infra/http/app-error';
import type { Caller } from '../../infra/http/caller';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganisationSettingsService } from '../organisations/organisation-settings.service';
import { PacksService } from '../packs/packs.service';
import type {
  AcceptSuggestionDto,
  CreateSuggestionDto,
  DeclineSuggestionDto,
  ListSuggestionsQueryDto,
  MySuggestionsDto,
  SuggestionDto,
  SuggestionPageDto,
} from './dto/suggestion.dto';
import { Suggestion } from './entities/suggestion.entity';
import { prefillDraftFromSuggestion } from './suggestion-prefill';
import { LinkPreviewsService } from '../link-previews/link-previews.service';
import {
  DailySuggestionLimitError,
  FanSuggestionsClosedError,
  SuggestionDecidedError,
  SuggestionNotFoundError,
} from './suggestions.errors';
import { toSuggestionDto as toDto } from './suggestion.mapper';
import { SuggestionsRepository } from './suggestions.repository';

/** How many of their own suggestions a member's list shows. */
const MY_SUGGESTIONS = 50;

/**
 * Links members suggest, and the curators' decisions: accepting makes a draft pack and credits the
 * suggester `points.suggestionAccepted` in the same transaction (the rollups' `NO_NETWORK` row, as
 * training points); declining keeps the curator's note. Each is decided once; the suggester is
 * e-mailed either way (their `reviewAlerts` preference decides).
 */
@Injectable()
export class SuggestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: SuggestionsRepository,
    private readonly settings: OrganisationSettingsService,
    private readonly packs: PacksService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly linkPreviews: LinkPreviewsService,
  ) {}

  async create(caller: Caller, body: CreateSuggestionDto): Promise<SuggestionDto> {
    const check = checkSuggestion({ url: body.url, note: body.note });
    if (!check.ok) {
      throw new ValidationError(
        check.issues.map((issue) => ({
          field: issue.field,
          code: issue.code,
          message: issue.field === 'url' ? `The link is refused (${issue.code}).` : 'The note is too long.',
        })),
      );
    }
    const { organisationId, memberId } = caller;
    const saved = await this.dataSource.transaction(async (manager) => {
      const settings = await this.settings.get(organisationId, manager);
      const member = await this.repository.suggester(manager, organisationId, memberId);
      if (!member || !maySuggest(member.kind, settings.fanSuggestions)) throw new FanSuggestionsClosedError();
      await this.repository.lockMemberDay(manager, memberId);
      const today = await this.repository.today(manager, organisationId, memberId);
      if (today.count >= settings.dailySuggestions) {
        throw new DailySuggestionLimitError(settings.dailySuggestions, today.secondsToTomorrow);
      }
      return this.repository.insert(manager, {
        organisationId,
        memberId,
        url: check.url,
        note: check.note,
        status: 'pending',
      });
    });
    return this.toDtoWithDetails(saved);
  }

  async mine(caller: Caller): Promise<MySuggestionsDto> {
    const manager = this.dataSource.manager;
    const settings = await this.settings.get(caller.organisationId, manager);
    const member = await this.repository.suggester(manager, caller.organisationId, caller.memberId);
    const today = await this.repository.today(manager, caller.organisationId, caller.memberId);
    const rows = await this.repository.withDetails(
      await this.repository.mine(caller.organisationId, caller.memberId, MY_SUGGESTIONS),
    );
    return {
      items: rows.map(toDto),
      maySuggest: !!member && maySuggest(member.kind, settings.fanSuggestions),
      dailyLimit: settings.dailySuggestions,
      remainingToday: Math.max(0, settings.dailySuggestions - today.count),
    };
  }

  async list(organisationId: string, query: ListSuggestionsQueryDto): Promise<SuggestionPageDto> {
    const page = await this.repository.list(organisationId, query.status ?? 'pending', query);
    return { items: (await this.repository.withDetails(page.items)).map(toDto), nextCursor: page.nextCursor };
  }

  /** A draft pack from the suggestion, the suggester credited, told; once (409 after a decision). */
  async accept(caller: Caller, suggestionId: string, body: AcceptSuggestionDto): Promise<SuggestionDto> {
    // The link is read before the row is locked: a slow page never holds the transaction. A
    // suggestion decided meanwhile is refused inside it, as always.
    const unlocked = await findScopedOr404(
      this.dataSource.manager,
      Suggestion,
      caller.organisationId,
      suggestionId,
      () => new SuggestionNotFoundError(),
    );
    const prefill = isSuggestionDecided(unlocked.status)
      ? { title: '', summary: '' }
      : await prefillDraftFromSuggestion(unlocked, (url) => this.linkPreviews.preview(url));
    return this.decide(caller, suggestionId, async (manager, suggestion, decidedAt) => {
      const settings = await this.settings.get(caller.organisationId, manager);
      const pack = await this.packs.createDraftFromSuggestion(manager, {
        organisationId: caller.organisationId,
        curatorId: caller.memberId,
        suggestionId: suggestion.id,
        title: prefill.title,
        summary: prefill.summary,
        destinationUrl: suggestion.url,
      });
      suggestion.status = 'accepted';
      suggestion.packId = pack.id;
      suggestion.decisionNote = body.note ? body.note : null;
      suggestion.points = settings.points.suggestionAccepted;
      if (suggestion.points !== 0) {
        await this.repository.addPoints(
          manager,
          caller.organisationId,
          suggestion.memberId,
          decidedAt,
          suggestion.points,
        );
      }
      return { action: 'suggestion.accepted', target: { type: 'pack', id: pack.id } } as const;
    });
  }

  async decline(caller: Caller, suggestionId: string, body: DeclineSuggestionDto): Promise<SuggestionDto> {
    return this.decide(caller, suggestionId, async (_manager, suggestion) => {
      suggestion.status = 'declined';
      suggestion.decisionNote = body.note;
      return { action: 'suggestion.declined', target: { type: 'member', id: suggestion.memberId } } as const;
    });
  }

  /**
   * Locks the suggestion, refuses a second decision, applies this one, records it and queues the
   * suggester's e-mail in the same transaction; the e-mail is dispatched after the commit.
   */
  private async decide(
    caller: Caller,
    suggestionId: string,
    apply: (
      manager: EntityManager,
      suggestion: Suggestion,
      decidedAt: Date,
    ) => Promise<{
      action: 'suggestion.accepted' | 'suggestion.declined';
      target: { type: 'pack' | 'member'; id: string };
    }>,
  ): Promise<SuggestionDto> {
    const { organisationId } = caller;
    let emailId: string | null = null;
    const saved = await this.dataSource.transaction(async (manager) => {
      const suggestion = await lockScopedOr404(
        manager,
        Suggestion,
        organisationId,
        suggestionId,
        () => new SuggestionNotFoundError(),
      );
      if (isSuggestionDecided(suggestion.status)) throw new SuggestionDecidedError(suggestion.status);
      suggestion.decidedById = caller.memberId;
      const decidedAt = new Date();
      suggestion.decidedAt = decidedAt;
      const recorded = await apply(manager, suggestion, decidedAt);
      const saved = await this.repository.save(manager, suggestion);
      await this.audit.record(
        {
          organisationId,
          actorId: caller.memberId,
          action: recorded.action,
          target: recorded.target,
          details: { suggestionId: suggestion.id, points: suggestion.points },
        },
        manager,
      );
      emailId = await this.tellSuggester(manager, saved);
      return saved;
    });
    await this.notifications.dispatch([emailId]);
    return this.toDtoWithDetails(saved);
  }

  private async toDtoWithDetails(suggestion: Suggestion): Promise<SuggestionDto> {
    const [row] = await this.repository.withDetails([suggestion]);
    if (!row) throw new Error(`suggestion ${suggestion.id} has no details`);
    return toDto(row);
  }

  private async tellSuggester(manager: EntityManager, suggestion: Suggestion): Promise<string | null> {
    const member = await this.repository.suggester(manager, suggestion.organisationId, suggestion.memberId);
    if (!member || member.status !== 'active' || !member.reviewAlerts) return null;
    const curator = suggestion.decidedById
      ? await this.repository.suggester(manager, suggestion.organisationId, suggestion.decidedById)
      : null;
    return this.notifications.enqueue(manager, {
      organisationId: suggestion.organisationId,
      memberId: member.id,
      kind: 'suggestion_decided',
      dedupeKey: `suggestion_decided:${suggestion.id}`,
      recipient: member.email,
      locale: member.locale,
      data: {
        name: member.name,
        // Who decided, by id too: erasure finds the messages that name them.
        actorId: suggestion.decidedById,
        curatorName: curator?.name ?? '',
        url: suggestion.url,
        accepted: suggestion.status === 'accepted',
        points: suggestion.points,
        note: suggestion.decisionNote,
        suggestionsUrl: `${this.config.publicUrl}/suggest`,
      },
    });
  }
}
