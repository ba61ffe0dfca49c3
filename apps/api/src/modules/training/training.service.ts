import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type ModuleTrainingStatus,
  requiredModulesFor,
  trainingReadiness,
  trainingStatus,
} from '@heimo/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { WebhookEvents } from '../webhooks/webhook-events';
import { ReadinessService } from './readiness.service';
import type { Caller } from '../../infra/http/caller';
import { type Locale, Member } from '../members/entities/member.entity';
import { OrganisationSettingsService } from '../organisations/organisation-settings.service';
import type {
  AcceptanceDto,
  AnswerDto,
  AttemptResultDto,
  MyTrainingDto,
  TrainingCompletionRecordDto,
  TrainingModuleViewDto,
  TrainingStatusDto,
  WrongQuestionDto,
} from './dto/training.dto';
import {
  gatingModulesFor,
  loadCompletions,
  loadPublishedModules,
  type PublishedModule,
  loadTrainee,
} from './training-catalogue';
import { pickLocale, scoreQuiz, type Quiz } from './training-content';
import { forgetTrainingPasses, recordTrainingPass } from './training-points';
import { TrainingRepository } from './training.repository';
import {
  InvalidAnswersError,
  NotACourseError,
  NotAPolicyError,
  StaleTrainingVersionError,
  TrainingModuleNotFoundError,
} from './training.errors';

interface MemberView {
  readonly member: Pick<Member, 'id' | 'kind' | 'teamId' | 'locale'>;
  readonly locales: readonly string[];
  /** Published modules that apply to the member's kind and team. */
  readonly modules: readonly PublishedModule[];
  readonly gating: ReadonlySet<string>;
}

/** Taking training: what a member sees, attempts and accepts. Only published versions are ever shown. */
@Injectable()
export class TrainingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: OrganisationSettingsService,
    private readonly audit: AuditService,
    private readonly training: TrainingRepository,
    private readonly readiness: ReadinessService,
    private readonly webhooks: WebhookEvents,
  ) {}

  async mine(caller: Caller, now = new Date()): Promise<MyTrainingDto> {
    const view = await this.memberView(this.dataSource.manager, caller);
    const completions =
      (
        await loadCompletions(
          this.dataSource.manager,
          caller.organisationId,
          [caller.memberId],
          view.modules.map((m) => m.moduleId),
        )
      ).get(caller.memberId) ?? [];
    const items = view.modules.map((module) =>
      toStatusDto(module, trainingStatus(module, completions, now), view),
    );
    items.sort((a, b) => Number(b.required) - Number(a.required) || a.title.localeCompare(b.title));
    const gating = view.modules.filter((m) => view.gating.has(m.moduleId));
    return { mayShare: trainingReadiness({ required: gating, completions, now }).mayShare, items };
  }

  async view(caller: Caller, moduleId: string, now = new Date()): Promise<TrainingModuleViewDto> {
    const view = await this.memberView(this.dataSource.manager, caller);
    const module = findModule(view, moduleId);
    const status = await this.statusOf(this.dataSource.manager, caller, module, now, view);
    const locale = status.locale;
    return {
      ...status,
      body: module.content.body[locale] ?? '',
      // Built field by field: the answer key (`correct`) never leaves the server.
      quiz: module.content.quiz
        ? {
            passMark: module.content.quiz.passMark,
            questions: module.content.quiz.questions.map((question) => ({
              id: question.id,
              kind: question.kind,
              text: question.text[locale] ?? '',
              options: question.options.map((option) => ({ id: option.id, text: option.text[locale] ?? '' })),
            })),
          }
        : null,
    };
  }

  /** Scores the answers against the published version and records the attempt; bad answers write nothing. */
  async attempt(caller: Caller, moduleId: string, answers: readonly AnswerDto[]): Promise<AttemptResultDto> {
    return this.dataSource.transaction(async (manager) => {
      const view = await this.memberView(manager, caller);
      const module = findModule(view, moduleId);
      if (module.kind !== 'course') throw new NotACourseError();
      const { score, passed, wrong } = scoreAnswers(module.content.quiz, answers);
      const earns = passed && (await this.isFirstPass(manager, caller, moduleId));
      const wasReady = passed ? await this.mayShare(manager, caller) : true;
      const completion = await this.training.insertCompletion(manager, {
        organisationId: caller.organisationId,
        memberId: caller.memberId,
        moduleId,
        kind: 'attempt',
        version: module.version,
        passed,
        score,
        answers: answers.map((a) => ({ questionId: a.questionId, optionIds: [...a.optionIds] })),
        completedAt: new Date(),
      });
      if (earns) await recordTrainingPass(this.training, manager, completion);
      const status = await this.statusOf(manager, caller, module, completion.completedAt, view);
      // The outcome, never the answers.
      await this.audit.record(
        {
          organisationId: caller.organisationId,
          actorId: caller.memberId,
          action: 'training.attempted',
          target: { type: 'training_module', id: moduleId },
          details: { attemptId: completion.id, version: module.version, passed, score },
        },
        manager,
      );
      if (passed) await this.completed(manager, caller, completion, 'course', score, wasReady);
      return {
        attemptId: completion.id,
        passed,
        score,
        passMark: module.content.quiz?.passMark ?? null,
        version: module.version,
        completedAt: completion.completedAt.toISOString(),
        wrongQuestions: wrongQuestionsOf(module.content.quiz, wrong, status.locale),
        training: status,
      };
    });
  }

  async accept(caller: Caller, moduleId: string, version: number): Promise<AcceptanceDto> {
    return this.dataSource.transaction(async (manager) => {
      const view = await this.memberView(manager, caller);
      const module = findModule(view, moduleId);
      if (module.kind !== 'policy') throw new NotAPolicyError();
      if (version !== module.version) throw new StaleTrainingVersionError(module.version);
      const earns = await this.isFirstPass(manager, caller, moduleId);
      const wasReady = await this.mayShare(manager, caller);
      const completion = await this.training.insertCompletion(manager, {
        organisationId: caller.organisationId,
        memberId: caller.memberId,
        moduleId,
        kind: 'acceptance',
        version,
        passed: true,
        score: null,
        answers: [],
        completedAt: new Date(),
      });
      if (earns) await recordTrainingPass(this.training, manager, completion);
      await this.audit.record(
        {
          organisationId: caller.organisationId,
          actorId: caller.memberId,
          action: 'training.policy_accepted',
          target: { type: 'training_module', id: moduleId },
          details: { version },
        },
        manager,
      );
      await this.completed(manager, caller, completion, 'policy', null, wasReady);
      return {
        version,
        acceptedAt: completion.completedAt.toISOString(),
        training: await this.statusOf(manager, caller, module, completion.completedAt, view),
      };
    });
  }

  private async mayShare(manager: EntityManager, caller: Caller): Promise<boolean> {
    const readiness = await this.readiness.forMember(
      caller.organisationId,
      caller.memberId,
      new Date(),
      manager,
    );
    return readiness.mayShare;
  }

  /** Webhook events of a passed attempt or an accepted policy: `training.completed`, and `member.ready` when it made them ready. */
  private async completed(
    manager: EntityManager,
    caller: Caller,
    completion: { moduleId: string; version: number; completedAt: Date },
    kind: 'course' | 'policy',
    score: number | null,
    wasReady: boolean,
  ): Promise<void> {
    const at = completion.completedAt;
    await this.webhooks.emit(
      manager,
      caller.organisationId,
      'training.completed',
      {
        memberId: caller.memberId,
        moduleId: completion.moduleId,
        version: completion.version,
        kind,
        score,
        completedAt: at.toISOString(),
      },
      at,
    );
    if (!wasReady && (await this.mayShare(manager, caller))) {
      await this.webhooks.emit(
        manager,
        caller.organisationId,
        'member.ready',
        { memberId: caller.memberId, readyAt: at.toISOString() },
        at,
      );
    }
  }

  /** Every attempt and acceptance the member made, newest first: their part of the privacy export. */
  async recordsOf(
    organisationId: string,
    memberId: string,
    locales: readonly string[],
  ): Promise<TrainingCompletionRecordDto[]> {
    const rows = await this.training.completionsOf(organisationId, memberId);
    return rows.map((row) => {
      const content = row.module?.published ?? row.module?.draft;
      return {
        id: row.id,
        moduleId: row.moduleId,
        moduleTitle: content ? (content.title[pickLocale(content, locales)] ?? '') : '',
        kind: row.kind,
        version: row.version,
        passed: row.passed,
        score: row.score,
        answers: row.answers,
        completedAt: row.completedAt.toISOString(),
      };
    });
  }

  /**
   * Erasure: the member's attempts and acceptances go, answers and scores with them, and so do the
   * training points they earned (`forgetTrainingPasses`: without the completions the rollups could not
   * be recounted); their audit trail keeps that they took a module but not how they did. Compliance
   * and the boards count active members only, and an erased member is deactivated, so no figure needs
   * these rows.
   */
  async eraseMember(manager: EntityManager, organisationId: string, memberId: string): Promise<void> {
    await this.training.deleteCompletionsOf(manager, organisationId, memberId);
    await forgetTrainingPasses(this.training, manager, organisationId, memberId);
    await this.audit.forgetDetails(
      manager,
      organisationId,
      memberId,
      ['training.attempted'],
      ['passed', 'score'],
    );
  }

  private async statusOf(
    manager: EntityManager,
    caller: Caller,
    module: PublishedModule,
    now: Date,
    view: MemberView,
  ): Promise<TrainingStatusDto> {
    const completions = await loadCompletions(
      manager,
      caller.organisationId,
      [caller.memberId],
      [module.moduleId],
    );
    return toStatusDto(module, trainingStatus(module, completions.get(caller.memberId) ?? [], now), view);
  }

  /**
   * Whether a pass of this module now would be the member's first, of any version: only that one
   * earns training points, so a retake — after a material change, an expiry, or just again — earns
   * nothing. Locks (member, module) for the transaction first, so two passes sent at once cannot both
   * be first; call it before inserting the completion.
   */
  private async isFirstPass(manager: EntityManager, caller: Caller, moduleId: string): Promise<boolean> {
    return !(await this.training.lockAndHasPassed(manager, caller.organisationId, caller.memberId, moduleId));
  }

  private async memberView(manager: EntityManager, caller: Caller): Promise<MemberView> {
    const { organisationId, memberId } = caller;
    const member = await loadTrainee(manager, organisationId, memberId);
    const defaultLocale = await this.training.defaultLocale(organisationId, manager);
    const settings = await this.settings.get(organisationId, manager);
    const published = await loadPublishedModules(manager, organisationId, settings);
    return {
      member,
      locales: [member.locale, defaultLocale ?? 'en'],
      modules: requiredModulesFor(member, published),
      gating: new Set(gatingModulesFor(member, published).map((m) => m.moduleId)),
    };
  }
}

/** A module the member may see; any other id (a draft, another kind's, another organisation's) is 404. */
function findModule(view: MemberView, moduleId: string): PublishedModule {
  const module = view.modules.find((m) => m.moduleId === moduleId);
  if (!module) throw new TrainingModuleNotFoundError();
  return module;
}

function toStatusDto(
  module: PublishedModule,
  status: ModuleTrainingStatus,
  view: MemberView,
): TrainingStatusDto {
  const locale = pickLocale(module.content, view.locales);
  return {
    moduleId: module.moduleId,
    kind: module.kind,
    title: module.content.title[locale] ?? '',
    locale,
    required: view.gating.has(module.moduleId),
    status: status.status,
    currentVersion: status.currentVersion,
    completedVersion: status.completedVersion,
    passedAt: status.passedAt?.toISOString() ?? null,
    validUntil: status.validUntil?.toISOString() ?? null,
    validityDays: module.validityDays,
    hasQuiz: module.content.quiz !== null,
  };
}

/** The questions answered wrong, in the quiz's order, with the explanation where the module has one. */
function wrongQuestionsOf(quiz: Quiz | null, wrong: readonly string[], locale: Locale): WrongQuestionDto[] {
  const ids = new Set(wrong);
  return (quiz?.questions ?? [])
    .filter((question) => ids.has(question.id))
    .map((question) => ({
      id: question.id,
      text: question.text[locale] ?? '',
      explanation: question.explanation?.[locale] ?? null,
    }));
}

/**
 * A question is right when the chosen options are exactly its correct ones (`scoreQuiz`, shared with
 * the editor's preview). Unanswered questions count as wrong; answers naming unknown questions or
 * options, or repeating a question, are refused.
 */
export function scoreAnswers(
  quiz: Quiz | null,
  answers: readonly AnswerDto[],
): { score: number; passed: boolean; wrong: string[] } {
  const { score, passed, wrong, errors } = scoreQuiz(quiz, answers);
  if (errors.length) throw new InvalidAnswersError(errors);
  return { score, passed, wrong };
}
