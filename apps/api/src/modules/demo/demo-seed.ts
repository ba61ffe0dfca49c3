import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import type { Role } from '../members/entities/member.entity';
import type { Team } from '../organisations/entities/team.entity';
import { DEMO_COLLEAGUES, DEMO_LOGIN_PEOPLE, DEMO_TEAM_NAMES } from './data/demo-people.data';
import { DEMO_TRAINING_MODULES, DEMO_TRAINING_STATES } from './data/demo-training.data';
import { seedDemoFeeds } from './demo-feeds';
import { seedDemoPacks } from './demo-packs';
import { seedDemoShares } from './demo-shares';
import {
  findModuleByEnglishTitle,
  findOrganisationBySlug,
  findOrInsertTeam,
  insertCompletion,
  insertInvitation,
  insertMember,
  insertOrganisation,
  insertTrainingModule,
  loadOrganisation,
  memberExists,
  membersOf,
  saveOrganisation,
} from './demo.repository';

export const DEMO_SLUG = 'demo';
/** Printed at start: the demo is for looking around on one's own machine, never for production. */
export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoLogin {
  readonly email: string;
  readonly roles: readonly Role[];
}

export const DEMO_LOGINS: readonly DemoLogin[] = DEMO_LOGIN_PEOPLE.map(({ email, roles }) => ({
  email,
  roles,
}));

/**
 * Creates the demo organisation once, and on every run adds any demo team or person that is
 * missing (so an older demo gains the newer people). Nobody already there is changed.
 */
export interface DemoOptions {
  /** The platform's public base URL, for the tracked links in the demo's shares. */
  readonly publicUrl: string;
}

export async function seedDemo(
  dataSource: DataSource,
  options: DemoOptions = { publicUrl: 'http://localhost:3000' },
): Promise<{ created: boolean }> {
  let passwordHash: Promise<string> | undefined;
  return dataSource.transaction(async (manager) => {
    // Two processes starting on one database (an API and a worker, or parallel test files) seed it
    // one after the other: the second finds the demo the first made.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('heimo.demo-seed'))`);
    let organisation = await findOrganisationBySlug(manager, DEMO_SLUG);
    const created = !organisation;
    organisation ??= await insertOrganisation(manager, {
      name: 'Demo',
      slug: DEMO_SLUG,
      timezone: 'Europe/Helsinki',
      defaultLocale: 'en',
      settings: {
        disclosure: { required: true, employee: '#employee', fan: '#ad' },
        fanProgrammeOpen: true,
      },
    });
    const organisationId = organisation.id;

    const teams = new Map<string, Team>();
    for (const name of DEMO_TEAM_NAMES) {
      teams.set(name, await findOrInsertTeam(manager, organisationId, name));
    }

    for (const person of [...DEMO_LOGIN_PEOPLE, ...DEMO_COLLEAGUES]) {
      if (await memberExists(manager, organisationId, person.email)) continue;
      const status = person.status ?? 'active';
      const member = await insertMember(manager, {
        organisationId,
        email: person.email,
        name: person.name,
        roles: person.roles,
        kind: person.kind,
        locale: person.locale,
        teamId: person.team ? (teams.get(person.team)?.id ?? null) : null,
        status,
        passwordHash: status === 'invited' ? null : await (passwordHash ??= hashPassword(DEMO_PASSWORD)),
      });
      if (status === 'invited') {
        const day = 24 * 3600 * 1000;
        // Nobody knows this token: the admin invites again to get a link to hand over.
        await insertInvitation(manager, {
          organisationId,
          memberId: member.id,
          tokenHash: createHash('sha256').update(randomBytes(32)).digest('base64url'),
          invitedByMemberId: null,
          expiresAt: new Date(Date.now() + (person.invitationExpired ? -day : 7 * day)),
          acceptedAt: null,
        });
      }
    }
    await seedTraining(manager, organisationId);
    await seedDemoPacks(manager, organisationId);
    await seedDemoFeeds(manager, organisationId);
    await seedDemoShares(manager, organisationId, options);
    return { created };
  });
}

/**
 * The three demo modules, published, required by the organisation, and completions that put the
 * demo people in every state. Completions are written only with a module that is new, so a rerun
 * adds nothing.
 */
async function seedTraining(manager: EntityManager, organisationId: string): Promise<void> {
  const members = await membersOf(manager, organisationId);
  const day = 24 * 3600 * 1000;
  const created: string[] = [];
  for (const [index, demo] of DEMO_TRAINING_MODULES.entries()) {
    if (await findModuleByEnglishTitle(manager, organisationId, demo.content.title.en)) continue;
    const module = await insertTrainingModule(manager, {
      organisationId,
      kind: demo.kind,
      draft: demo.content,
      published: demo.content,
      publishedVersion: demo.version,
      materialVersion: demo.version,
      publishedAt: new Date(Date.now() - 30 * day),
      // One transaction shares one now(): stagger the times so the modules list in this order.
      createdAt: new Date(Date.now() - (40 - index) * day),
      createdByMemberId: null,
    });
    created.push(module.id);
    const correct = (demo.content.quiz?.questions ?? []).map((q) => ({
      questionId: q.id,
      optionIds: q.options.filter((o) => o.correct).map((o) => o.id),
    }));
    for (const member of members) {
      if (member.status !== 'active' || !demo.content.requiredFor.kinds.includes(member.kind)) continue;
      const plan = DEMO_TRAINING_STATES[member.email];
      const state = plan ? plan[index] : 'passed';
      if (!state) continue;
      const daysAgo = state === 'expired' ? 400 : 20;
      await insertCompletion(manager, {
        organisationId,
        memberId: member.id,
        moduleId: module.id,
        kind: demo.kind === 'policy' ? 'acceptance' : 'attempt',
        version: state === 'outdated' ? demo.version - 1 : demo.version,
        passed: state !== 'failed',
        score: demo.kind === 'policy' ? null : state === 'failed' ? 50 : 100,
        answers: demo.kind === 'policy' ? [] : state === 'failed' ? correct.slice(0, 1) : correct,
        completedAt: new Date(Date.now() - daysAgo * day),
      });
    }
  }
  if (!created.length) return;
  const organisation = await loadOrganisation(manager, organisationId);
  const required = Array.isArray(organisation.settings.requiredTrainingModuleIds)
    ? (organisation.settings.requiredTrainingModuleIds as string[])
    : [];
  organisation.settings = { ...organisation.settings, requiredTrainingModuleIds: [...required, ...created] };
  await saveOrganisation(manager, organisation);
}
