import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type ModuleTrainingStatus, type TrainingBlock, trainingReadiness } from '@heimo/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { Organisation } from '../organisations/entities/organisation.entity';
import { OrganisationSettingsService } from '../organisations/organisation-settings.service';
import { gatingModulesFor, loadCompletions, loadPublishedModules, loadTrainee } from './training-catalogue';
import { pickLocale } from './training-content';

export interface MemberReadiness {
  readonly mayShare: boolean;
  readonly blocking: readonly (TrainingBlock & { readonly title: string })[];
  readonly modules: readonly ModuleTrainingStatus[];
}

/** Whether a member may share now: the one place the sharing gate is computed (the share command calls it too). */
@Injectable()
export class ReadinessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: OrganisationSettingsService,
  ) {}

  async forMember(
    organisationId: string,
    memberId: string,
    now: Date = new Date(),
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MemberReadiness> {
    const member = await loadTrainee(manager, organisationId, memberId);
    const [settings, organisation] = await Promise.all([
      this.settings.get(organisationId, manager),
      manager
        .getRepository(Organisation)
        .findOne({ where: { id: organisationId }, select: { id: true, defaultLocale: true } }),
    ]);
    const required = gatingModulesFor(member, await loadPublishedModules(manager, organisationId, settings));
    const completions = await loadCompletions(
      manager,
      organisationId,
      [memberId],
      required.map((module) => module.moduleId),
    );
    const readiness = trainingReadiness({ required, completions: completions.get(memberId) ?? [], now });
    const titles = new Map(
      required.map((module) => [
        module.moduleId,
        module.content.title[
          pickLocale(module.content, [member.locale, organisation?.defaultLocale ?? 'en'])
        ] ?? '',
      ]),
    );
    return {
      mayShare: readiness.mayShare,
      blocking: readiness.blocking.map((block) => ({ ...block, title: titles.get(block.moduleId) ?? '' })),
      modules: readiness.modules,
    };
  }
}
