import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type ModuleTrainingStatus, type TrainingBlock, trainingReadiness } from '@heimo/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { MemberKind } from '../members/entities/member.entity';
import { OrganisationSettingsService } from '../organisations/organisation-settings.service';
import { MemberNotFoundError } from '../members/members.errors';
import {
  gatingModulesFor,
  loadCompletions,
  loadPublishedModules,
  loadPublishedModulesWithCompletions,
  loadTrainee,
  type ModuleWithCompletionsRow,
  modulesWithCompletions,
  type PublishedModule,
} from './training-catalogue';
import type { TrainingCompletion as DomainCompletion } from '@heimo/domain';
import { pickLocale } from './training-content';
import { TrainingRepository } from './training.repository';

export interface MemberReadiness {
  readonly mayShare: boolean;
  readonly blocking: readonly (TrainingBlock & { readonly title: string })[];
  readonly modules: readonly ModuleTrainingStatus[];
}

/** What readiness reads of a member: whom the required modules apply to, and the title's language. */
export interface ReadinessSubject {
  readonly id: string;
  readonly kind: MemberKind;
  readonly teamId: string | null;
  readonly locale: string;
}

/** Whether a member may share now: the one place the sharing gate is computed (the share command calls it too). */
@Injectable()
export class ReadinessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: OrganisationSettingsService,
    private readonly training: TrainingRepository,
  ) {}

  async forMember(
    organisationId: string,
    memberId: string,
    now: Date = new Date(),
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MemberReadiness> {
    const member = await loadTrainee(manager, organisationId, memberId);
    if (manager === this.dataSource.manager) {
      // One member on the data source: the modules and their completions in one round trip.
      const settings = await this.settings.get(organisationId);
      const defaultLocale = await this.training.defaultLocale(organisationId);
      const { modules, completions } = await loadPublishedModulesWithCompletions(
        manager,
        organisationId,
        member.id,
        settings,
      );
      return this.assemble(member, modules, completions, defaultLocale, now);
    }
    const readiness = (await this.forMembers(organisationId, [member], now, manager)).get(member.id);
    if (!readiness) throw new MemberNotFoundError();
    return readiness;
  }

  /**
   * `forMember` on the data source, from the modules and completions a statement of the caller's
   * read along with its own rows (`modulesWithCompletionsJson`): the feed reads them with its packs.
   */
  async forMemberFrom(
    organisationId: string,
    memberId: string,
    rows: readonly ModuleWithCompletionsRow[],
    now: Date = new Date(),
  ): Promise<MemberReadiness> {
    const member = await loadTrainee(this.dataSource.manager, organisationId, memberId);
    const settings = await this.settings.get(organisationId);
    const defaultLocale = await this.training.defaultLocale(organisationId);
    const { modules, completions } = modulesWithCompletions(rows, settings);
    return this.assemble(member, modules, completions, defaultLocale, now);
  }

  /**
   * The same for many members of one organisation in one pass: the settings, the modules and every
   * completion are read once, however many members there are (the daily training reminders).
   */
  async forMembers(
    organisationId: string,
    members: readonly ReadinessSubject[],
    now: Date = new Date(),
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, MemberReadiness>> {
    const result = new Map<string, MemberReadiness>();
    if (!members.length) return result;
    // One after the other: `manager` may be a transaction's, whose one connection takes one
    // statement at a time (pg deprecates queueing a second on it).
    const settings = await this.settings.get(organisationId, manager);
    const defaultLocale = await this.training.defaultLocale(organisationId, manager);
    const published = await loadPublishedModules(manager, organisationId, settings);
    const requiredByMember = new Map(
      members.map((member) => [member.id, gatingModulesFor(member, published)]),
    );
    const moduleIds = new Set([...requiredByMember.values()].flat().map((module) => module.moduleId));
    const completions = await loadCompletions(
      manager,
      organisationId,
      members.map((member) => member.id),
      [...moduleIds],
    );
    for (const member of members)
      result.set(
        member.id,
        this.assemble(member, published, completions.get(member.id) ?? [], defaultLocale, now),
      );
    return result;
  }

  /** The member's readiness from the published modules and their completions (others are ignored). */
  private assemble(
    member: ReadinessSubject,
    published: readonly PublishedModule[],
    completions: readonly DomainCompletion[],
    defaultLocale: string | null,
    now: Date,
  ): MemberReadiness {
    const required = gatingModulesFor(member, published);
    const requiredIds = new Set(required.map((module) => module.moduleId));
    const readiness = trainingReadiness({
      required,
      completions: completions.filter((completion) => requiredIds.has(completion.moduleId)),
      now,
    });
    const titles = new Map(
      required.map((module) => [
        module.moduleId,
        module.content.title[pickLocale(module.content, [member.locale, defaultLocale ?? 'en'])] ?? '',
      ]),
    );
    return {
      mayShare: readiness.mayShare,
      blocking: readiness.blocking.map((block) => ({ ...block, title: titles.get(block.moduleId) ?? '' })),
      modules: readiness.modules,
    };
  }
}
