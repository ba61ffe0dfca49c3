import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditAction } from '@heimo/domain';
import type { Page } from '../../infra/database/keyset';
import { findScopedOr404, lockScopedOr404 } from '../../infra/database/scoped-lookup';
import type { FieldError } from '../../infra/http/app-error';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../../infra/http/caller';
import { LOCALES, type Locale } from '../members/entities/member.entity';
import type {
  CreateTrainingModuleDto,
  ListTrainingModulesQueryDto,
  TrainingContentDto,
  TrainingModuleDto,
  UpdateTrainingModuleDto,
} from './dto/training-module.dto';
import { TrainingModule } from './entities/training-module.entity';
import { TrainingModulesRepository } from './training-modules.repository';
import {
  contentErrors,
  materialVersionAfter,
  type LocaleText,
  type TrainingContent,
  type TrainingKind,
} from './training-content';
import {
  InvalidTrainingContentError,
  NothingToPublishError,
  StaleTrainingModuleError,
  TrainingModuleNotFoundError,
} from './training.errors';

const notFound = () => new TrainingModuleNotFoundError();

@Injectable()
export class TrainingModulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly modules: TrainingModulesRepository,
  ) {}

  /** Oldest first; the cursor is the exact (microsecond) creation time and id of the last row. */
  async list(organisationId: string, query: ListTrainingModulesQueryDto): Promise<Page<TrainingModuleDto>> {
    const page = await this.modules.list(organisationId, query);
    return { ...page, items: page.items.map(toTrainingModuleDto) };
  }

  async get(organisationId: string, moduleId: string, manager?: EntityManager): Promise<TrainingModuleDto> {
    const module = await findScopedOr404(
      manager ?? this.dataSource.manager,
      TrainingModule,
      organisationId,
      moduleId,
      notFound,
    );
    return toTrainingModuleDto(module);
  }

  async create(
    organisationId: string,
    caller: Caller,
    body: CreateTrainingModuleDto,
  ): Promise<TrainingModuleDto> {
    const content = toContent(body);
    return this.dataSource.transaction(async (manager) => {
      await this.assertValid(manager, organisationId, body.kind, content);
      const saved = await this.modules.insert(manager, {
        organisationId,
        kind: body.kind,
        draft: content,
        published: null,
        publishedVersion: 0,
        materialVersion: 0,
        publishedAt: null,
        createdByMemberId: caller.memberId,
      });
      await this.record(manager, caller, 'training_module.created', saved, { kind: saved.kind });
      return toTrainingModuleDto(saved);
    });
  }

  /** Replaces the draft when `revision` is current; members see nothing of it until it is published. */
  async update(
    organisationId: string,
    caller: Caller,
    moduleId: string,
    body: UpdateTrainingModuleDto,
  ): Promise<TrainingModuleDto> {
    const content = toContent(body);
    return this.dataSource.transaction(async (manager) => {
      const module = await lockScopedOr404(manager, TrainingModule, organisationId, moduleId, notFound);
      if (module.revision !== body.revision) throw new StaleTrainingModuleError(toTrainingModuleDto(module));
      await this.assertValid(manager, organisationId, module.kind, content);
      const changed = changedContentFields(module.draft, content);
      module.draft = content;
      const saved = await this.modules.save(manager, module);
      await this.record(manager, caller, 'training_module.updated', saved, {
        changed,
        revision: saved.revision,
      });
      return toTrainingModuleDto(saved);
    });
  }

  /**
   * Makes the draft the current version, when `revision` is the draft's. The first publish and every
   * material one set the material version, so passes of earlier versions become `outdated`; a
   * correction keeps them valid. A draft equal to the published version has nothing to publish.
   */
  async publish(
    organisationId: string,
    caller: Caller,
    moduleId: string,
    body: { readonly material: boolean; readonly revision: number },
  ): Promise<TrainingModuleDto> {
    return this.dataSource.transaction(async (manager) => {
      const module = await lockScopedOr404(manager, TrainingModule, organisationId, moduleId, notFound);
      if (module.revision !== body.revision) throw new StaleTrainingModuleError(toTrainingModuleDto(module));
      if (module.published && isDeepStrictEqual(module.published, module.draft))
        throw new NothingToPublishError(module.publishedVersion);
      // Teams may have gone since the draft was saved: the published rules name live teams only.
      await this.assertValid(manager, organisationId, module.kind, module.draft);
      const version = module.publishedVersion + 1;
      module.published = module.draft;
      module.publishedVersion = version;
      module.materialVersion = materialVersionAfter(
        module,
        version,
        body.material ? 'material' : 'correction',
      );
      module.publishedAt = new Date();
      const saved = await this.modules.save(manager, module);
      await this.record(manager, caller, 'training_module.published', saved, {
        version,
        material: saved.materialVersion === version,
      });
      return toTrainingModuleDto(saved);
    });
  }

  private record(
    manager: EntityManager,
    caller: Caller,
    action: AuditAction,
    module: TrainingModule,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(
      {
        organisationId: module.organisationId,
        actorId: caller.memberId,
        action,
        target: { type: 'training_module', id: module.id },
        details,
      },
      manager,
    );
  }

  private async assertValid(
    manager: EntityManager,
    organisationId: string,
    kind: TrainingKind,
    content: TrainingContent,
  ): Promise<void> {
    const teamIds = content.requiredFor.teamIds;
    const found = teamIds.length
      ? await this.modules.existingTeamIds(manager, organisationId, teamIds)
      : new Set<string>();
    const errors: FieldError[] = contentErrors(kind, content, { teamIds: found });
    if (errors.length) throw new InvalidTrainingContentError(errors);
  }
}

/** The top-level content fields (title, body, quiz, …) the draft changes: names only, never text. */
function changedContentFields(before: TrainingContent, after: TrainingContent): string[] {
  return (Object.keys(after) as (keyof TrainingContent)[]).filter(
    (field) => !isDeepStrictEqual(before[field], after[field]),
  );
}

/** Only the locales written, as plain objects (the DTO classes carry no extra keys into jsonb). */
function localeText(text: { readonly [L in Locale]?: string }): LocaleText {
  const out: LocaleText = {};
  for (const locale of LOCALES) {
    const value = text[locale];
    if (typeof value === 'string') out[locale] = value;
  }
  return out;
}

export function toContent(dto: TrainingContentDto): TrainingContent {
  return {
    title: localeText(dto.title),
    body: localeText(dto.body),
    quiz: dto.quiz
      ? {
          passMark: dto.quiz.passMark,
          questions: dto.quiz.questions.map((question) => ({
            id: question.id,
            kind: question.kind,
            text: localeText(question.text),
            options: question.options.map((option) => ({
              id: option.id,
              text: localeText(option.text),
              correct: option.correct,
            })),
            ...(question.explanation ? { explanation: localeText(question.explanation) } : {}),
          })),
        }
      : null,
    validityDays: dto.validityDays,
    requiredFor: {
      kinds: [...dto.requiredFor.kinds],
      teamIds: dto.requiredFor.teamIds.map((id) => id.toLowerCase()),
    },
  };
}

export function toTrainingModuleDto(module: TrainingModule): TrainingModuleDto {
  return {
    id: module.id,
    kind: module.kind,
    ...module.draft,
    hasUnpublishedChanges: !module.published || !isDeepStrictEqual(module.published, module.draft),
    published: module.published,
    version: module.publishedVersion,
    materialVersion: module.materialVersion,
    publishedAt: module.publishedAt?.toISOString() ?? null,
    revision: module.revision,
    createdAt: module.createdAt.toISOString(),
    updatedAt: module.updatedAt.toISOString(),
  };
}
