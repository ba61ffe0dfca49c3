import {
  requiredModulesFor,
  type TrainingCompletion as DomainCompletion,
  type TrainingModuleRule,
} from '@heimo/domain';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../../infra/database/prepared';
import { findScopedOr404 } from '../../infra/database/scoped-lookup';
import { callerSnapshot } from '../../infra/http/request-context';
import { Member } from '../members/entities/member.entity';
import type { OrganisationSettings } from '../organisations/organisation-settings.defaults';
import { MemberNotFoundError } from '../members/members.errors';
import type { TrainingModule } from './entities/training-module.entity';
import type { TrainingContent } from './training-content';
import { findCompletions, findPublishedModules } from './training.repository';

/** A published module as the domain rules read it, with its published content. */
export interface PublishedModule extends TrainingModuleRule {
  readonly kind: TrainingModule['kind'];
  readonly content: TrainingContent;
  /** Listed in the organisation's required training: it gates sharing for those it applies to. */
  readonly gate: boolean;
}

/** The member's fields the training rules read (kind, team, locale); another organisation's is not found. */
export function loadTrainee(
  manager: EntityManager,
  organisationId: string,
  memberId: string,
): Promise<Pick<Member, 'id' | 'kind' | 'teamId' | 'locale'>> {
  const snapshot =
    manager === manager.connection.manager ? callerSnapshot(organisationId, memberId) : undefined;
  if (snapshot) {
    const { kind, teamId, locale } = snapshot.member;
    return Promise.resolve({ id: memberId, kind, teamId, locale: locale as Member['locale'] });
  }
  return findScopedOr404(manager, Member, organisationId, memberId, () => new MemberNotFoundError(), {
    select: { id: true, kind: true, teamId: true, locale: true },
  });
}

/** The organisation's published modules, in creation order. */
export async function loadPublishedModules(
  manager: EntityManager,
  organisationId: string,
  settings: Pick<OrganisationSettings, 'requiredTrainingModuleIds'>,
): Promise<PublishedModule[]> {
  const rows = await findPublishedModules(manager, organisationId);
  const gate = new Set(settings.requiredTrainingModuleIds);
  return rows.flatMap((row) =>
    row.published ? [toPublishedModule({ ...row, published: row.published }, gate.has(row.id))] : [],
  );
}

/** Call only with a published row (`published` set). */
export function toPublishedModule(
  row: TrainingModule & { published: TrainingContent },
  gate: boolean,
): PublishedModule {
  const content = row.published;
  return {
    moduleId: row.id,
    kind: row.kind,
    version: row.publishedVersion,
    materialVersion: row.materialVersion,
    validityDays: content.validityDays,
    requiredFor: { kinds: content.requiredFor.kinds, teamIds: content.requiredFor.teamIds },
    content,
    gate,
  };
}

/** The modules that gate this member's sharing: listed by the organisation and applying to their kind and team. */
export function gatingModulesFor(
  member: { kind: 'employee' | 'fan'; teamId: string | null },
  modules: readonly PublishedModule[],
): PublishedModule[] {
  return requiredModulesFor(
    member,
    modules.filter((module) => module.gate),
  );
}

/** Every completion of these members on these modules, as the domain functions take them. */
export async function loadCompletions(
  manager: EntityManager,
  organisationId: string,
  memberIds: readonly string[],
  moduleIds: readonly string[],
): Promise<Map<string, DomainCompletion[]>> {
  const byMember = new Map<string, DomainCompletion[]>();
  if (!memberIds.length || !moduleIds.length) return byMember;
  const rows = await findCompletions(manager, organisationId, memberIds, moduleIds);
  for (const row of rows) {
    const list = byMember.get(row.memberId) ?? [];
    list.push({
      moduleId: row.moduleId,
      version: row.version,
      passed: row.passed,
      completedAt: row.completedAt,
    });
    byMember.set(row.memberId, list);
  }
  return byMember;
}

/** A published module with one member's completions of it, as {@link modulesWithCompletionsJson} spells it. */
export type ModuleWithCompletionsRow = Pick<
  TrainingModule,
  'id' | 'kind' | 'publishedVersion' | 'materialVersion'
> & {
  published: TrainingContent;
  completions: { version: number; passed: boolean; completedAt: string }[];
};

/**
 * A SQL expression: the organisation's published modules in creation order, each with the member's
 * completions of it, as one JSON array ({@link ModuleWithCompletionsRow}); `organisation` and
 * `member` are the placeholders (or expressions) of their ids. For a statement that reads this
 * along with other things (the feed).
 */
export function modulesWithCompletionsJson(organisation: string, member: string): string {
  return `(SELECT coalesce(json_agg(json_build_object(
             'id', m.id, 'kind', m.kind, 'published', m.published, 'publishedVersion', m.published_version,
             'materialVersion', m.material_version,
             'completions', (SELECT coalesce(json_agg(json_build_object(
                                'version', c.version, 'passed', c.passed, 'completedAt', c.completed_at)), '[]')
                               FROM training_completions c
                              WHERE c.organisation_id = ${organisation} AND c.member_id = ${member}
                                AND c.module_id = m.id))
             ORDER BY m.created_at ASC, m.id ASC), '[]')
      FROM training_modules m
     WHERE m.organisation_id = ${organisation} AND m.published IS NOT NULL)`;
}

/** The rows of {@link modulesWithCompletionsJson} as the domain rules read them. */
export function modulesWithCompletions(
  rows: readonly ModuleWithCompletionsRow[],
  settings: Pick<OrganisationSettings, 'requiredTrainingModuleIds'>,
): { modules: PublishedModule[]; completions: DomainCompletion[] } {
  const gate = new Set(settings.requiredTrainingModuleIds);
  return {
    modules: rows.map((row) =>
      toPublishedModule(row as unknown as TrainingModule & { published: TrainingContent }, gate.has(row.id)),
    ),
    // json_agg spells instants as text; the entity read gave Dates (to the millisecond, as here).
    completions: rows.flatMap((row) =>
      row.completions.map((c) => ({
        moduleId: row.id,
        version: c.version,
        passed: c.passed,
        completedAt: new Date(c.completedAt),
      })),
    ),
  };
}

/**
 * What `loadPublishedModules` and `loadCompletions` read for one member, in one statement: the
 * organisation's published modules in creation order, and the member's completions of them.
 */
export async function loadPublishedModulesWithCompletions(
  manager: EntityManager,
  organisationId: string,
  memberId: string,
  settings: Pick<OrganisationSettings, 'requiredTrainingModuleIds'>,
): Promise<{ modules: PublishedModule[]; completions: DomainCompletion[] }> {
  const [row] = await preparedQuery<{ modules: ModuleWithCompletionsRow[] }[]>(
    manager,
    `SELECT ${modulesWithCompletionsJson('$1', '$2')} AS modules`,
    [organisationId, memberId],
  );
  return modulesWithCompletions(row?.modules ?? [], settings);
}
