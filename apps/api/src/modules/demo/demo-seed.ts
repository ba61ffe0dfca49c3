import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import { seedDemoFeeds } from '../feeds/demo-feeds';
import {
  type Locale,
  Member,
  type MemberKind,
  type MemberStatus,
  type Role,
} from '../members/entities/member.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { seedDemoPacks } from '../packs/demo-packs';
import { seedDemoShares } from './demo-shares';
import { Team } from '../organisations/entities/team.entity';
import { Invitation } from '../people/entities/invitation.entity';
import { TrainingCompletion } from '../training/entities/training-completion.entity';
import { TrainingModule } from '../training/entities/training-module.entity';
import type { TrainingContent, TrainingKind } from '../training/training-content';

export const DEMO_SLUG = 'demo';
/** Printed at start: the demo is for looking around on one's own machine, never for production. */
export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoLogin {
  readonly email: string;
  readonly roles: readonly Role[];
}

interface DemoPerson {
  email: string;
  name: string;
  roles: Role[];
  kind: MemberKind;
  team?: string;
  locale: Locale;
  status?: MemberStatus;
  /** For invited people: whether their (unknown) link has run out, so the admin sees both states. */
  invitationExpired?: boolean;
}

/** The five demo logins printed at start. */
const people: DemoPerson[] = [
  {
    email: 'admin@demo.heimo.test',
    name: 'Aada Admin',
    roles: ['admin'],
    kind: 'employee',
    team: 'People',
    locale: 'en',
  },
  {
    email: 'curator@demo.heimo.test',
    name: 'Kalle Curator',
    roles: ['curator'],
    kind: 'employee',
    team: 'Marketing',
    locale: 'fi',
  },
  {
    email: 'leader@demo.heimo.test',
    name: 'Liisa Leader',
    roles: ['leader'],
    kind: 'employee',
    team: 'Sales',
    locale: 'en',
  },
  {
    email: 'advocate@demo.heimo.test',
    name: 'Eero Employee',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Sales',
    locale: 'fi',
  },
  { email: 'fan@demo.heimo.test', name: 'Fiona Fan', roles: ['advocate'], kind: 'fan', locale: 'en' },
];

/** More of the organisation, so the people pages have something to search, filter and page through. */
const colleagues: DemoPerson[] = [
  {
    email: 'onni.owner@demo.heimo.test',
    name: 'Onni Owner',
    roles: ['admin', 'leader'],
    kind: 'employee',
    team: 'People',
    locale: 'fi',
  },
  {
    email: 'maija.marketing@demo.heimo.test',
    name: 'Maija Marketing',
    roles: ['advocate', 'curator'],
    kind: 'employee',
    team: 'Marketing',
    locale: 'fi',
  },
  {
    email: 'sami.sales@demo.heimo.test',
    name: 'Sami Sales',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Sales',
    locale: 'fi',
  },
  {
    email: 'sara.sales@demo.heimo.test',
    name: 'Sara Sales',
    roles: ['advocate', 'leader'],
    kind: 'employee',
    team: 'Sales',
    locale: 'en',
  },
  {
    email: 'pekka.product@demo.heimo.test',
    name: 'Pekka Product',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Product',
    locale: 'fi',
  },
  {
    email: 'paula.product@demo.heimo.test',
    name: 'Paula Product',
    roles: ['curator'],
    kind: 'employee',
    team: 'Product',
    locale: 'en',
  },
  {
    email: 'nils.nordics@demo.heimo.test',
    name: 'Nils Nordics',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Nordics',
    locale: 'en',
  },
  {
    email: 'ida.invited@demo.heimo.test',
    name: 'Ida Invited',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Marketing',
    locale: 'en',
    status: 'invited',
  },
  {
    email: 'ilkka.invited@demo.heimo.test',
    name: 'Ilkka Invited',
    roles: ['leader'],
    kind: 'employee',
    team: 'Sales',
    locale: 'fi',
    status: 'invited',
    invitationExpired: true,
  },
  {
    email: 'dora.deactivated@demo.heimo.test',
    name: 'Dora Deactivated',
    roles: ['advocate'],
    kind: 'employee',
    team: 'Sales',
    locale: 'en',
    status: 'deactivated',
  },
  { email: 'frank.fan@demo.heimo.test', name: 'Frank Fan', roles: ['advocate'], kind: 'fan', locale: 'en' },
  { email: 'fanni.fan@demo.heimo.test', name: 'Fanni Fan', roles: ['advocate'], kind: 'fan', locale: 'fi' },
  {
    email: 'felix.former@demo.heimo.test',
    name: 'Felix Former',
    roles: ['advocate'],
    kind: 'fan',
    locale: 'en',
    status: 'deactivated',
  },
];

const teamNames = ['People', 'Marketing', 'Sales', 'Product', 'Nordics'];

export const DEMO_LOGINS: readonly DemoLogin[] = people.map(({ email, roles }) => ({ email, roles }));

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
    const organisations = manager.getRepository(Organisation);
    let organisation = await organisations.findOneBy({ slug: DEMO_SLUG });
    const created = !organisation;
    organisation ??= await organisations.save(
      organisations.create({
        name: 'Demo',
        slug: DEMO_SLUG,
        timezone: 'Europe/Helsinki',
        defaultLocale: 'en',
        settings: { disclosure: { hashtag: '#employee', required: true }, fanProgrammeOpen: true },
      }),
    );
    const organisationId = organisation.id;

    const teams = new Map<string, Team>();
    for (const name of teamNames) {
      const team =
        (await manager.getRepository(Team).findOneBy({ organisationId, name })) ??
        (await manager.getRepository(Team).save({ organisationId, name }));
      teams.set(name, team);
    }

    const members = manager.getRepository(Member);
    for (const person of [...people, ...colleagues]) {
      if (await members.existsBy({ organisationId, email: person.email })) continue;
      const status = person.status ?? 'active';
      const member = await members.save(
        members.create({
          organisationId,
          email: person.email,
          name: person.name,
          roles: person.roles,
          kind: person.kind,
          locale: person.locale,
          teamId: person.team ? (teams.get(person.team)?.id ?? null) : null,
          status,
          passwordHash: status === 'invited' ? null : await (passwordHash ??= hashPassword(DEMO_PASSWORD)),
        }),
      );
      if (status === 'invited') {
        const day = 24 * 3600 * 1000;
        // Nobody knows this token: the admin invites again to get a link to hand over.
        await manager.getRepository(Invitation).insert({
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

interface DemoModule {
  kind: TrainingKind;
  content: TrainingContent;
  /** The policy is at version 2 (material), so a version-1 acceptance shows as outdated. */
  version: number;
}

const demoModules: DemoModule[] = [
  {
    kind: 'policy',
    version: 2,
    content: {
      title: { en: 'Social media policy', fi: 'Sosiaalisen median ohje' },
      body: {
        en: '# Social media policy\n\nYou speak for yourself, in your own voice. Say that you work here (`#employee`) whenever you share about us. Never share what is confidential, and never speak for customers.',
        fi: '# Sosiaalisen median ohje\n\nPuhut omalla äänelläsi omissa nimissäsi. Kerro työskenteleväsi meillä (`#employee`) aina kun jaat meistä. Älä koskaan jaa luottamuksellista tietoa äläkä puhu asiakkaiden puolesta.',
      },
      quiz: null,
      validityDays: 365,
      requiredFor: { kinds: ['employee', 'fan'], teamIds: [] },
    },
  },
  {
    kind: 'course',
    version: 1,
    content: {
      title: { en: 'What is private and what is not', fi: 'Mikä on yksityistä ja mikä ei' },
      body: {
        en: '# What is private and what is not\n\nPublished news, blog posts and open jobs are public. Roadmaps, customer names, figures before they are published and anything said in internal meetings are not.',
        fi: '# Mikä on yksityistä ja mikä ei\n\nJulkaistut uutiset, blogikirjoitukset ja avoimet työpaikat ovat julkisia. Tiekartat, asiakkaiden nimet, julkaisemattomat luvut ja sisäisten palaverien asiat eivät ole.',
      },
      quiz: {
        passMark: 100,
        questions: [
          {
            id: 'roadmap',
            kind: 'single',
            text: { en: 'May you share next year’s roadmap?', fi: 'Saatko jakaa ensi vuoden tiekartan?' },
            options: [
              {
                id: 'yes',
                text: { en: 'Yes, it is exciting', fi: 'Kyllä, se on jännittävä' },
                correct: false,
              },
              { id: 'no', text: { en: 'No, it is internal', fi: 'En, se on sisäinen' }, correct: true },
            ],
          },
          {
            id: 'public',
            kind: 'multiple',
            text: { en: 'Which of these may you share?', fi: 'Mitä näistä saat jakaa?' },
            options: [
              {
                id: 'blog',
                text: { en: 'A published blog post', fi: 'Julkaistu blogikirjoitus' },
                correct: true,
              },
              { id: 'job', text: { en: 'An open job', fi: 'Avoin työpaikka' }, correct: true },
              {
                id: 'customer',
                text: { en: 'A customer’s name from a meeting', fi: 'Asiakkaan nimi palaverista' },
                correct: false,
              },
            ],
          },
        ],
      },
      validityDays: 365,
      requiredFor: { kinds: ['employee'], teamIds: [] },
    },
  },
  {
    kind: 'course',
    version: 1,
    content: {
      title: { en: 'Share in your own voice', fi: 'Jaa omalla äänelläsi' },
      body: {
        en: '# Share in your own voice\n\nNobody hands you a script. Say why the story matters to you, in a sentence or two, the way you would tell a friend.',
        fi: '# Jaa omalla äänelläsi\n\nKukaan ei anna sinulle käsikirjoitusta. Kerro lauseella tai kahdella, miksi juttu on sinulle tärkeä, niin kuin kertoisit ystävälle.',
      },
      quiz: null,
      validityDays: null,
      requiredFor: { kinds: ['employee', 'fan'], teamIds: [] },
    },
  },
];

type DemoState = 'passed' | 'expired' | 'outdated' | 'failed';
/** Per person: module index → state; a module left out is not started. Everyone else has done it all. */
const demoTraining: Record<string, Partial<Record<number, DemoState>>> = {
  'sami.sales@demo.heimo.test': { 0: 'expired', 1: 'passed', 2: 'passed' },
  'sara.sales@demo.heimo.test': { 0: 'outdated', 1: 'passed', 2: 'passed' },
  'pekka.product@demo.heimo.test': { 0: 'passed', 1: 'failed' },
  'nils.nordics@demo.heimo.test': {},
  'frank.fan@demo.heimo.test': {},
  'fanni.fan@demo.heimo.test': { 0: 'passed' },
};

/**
 * The three demo modules, published, required by the organisation, and completions that put the
 * demo people in every state. Completions are written only with a module that is new, so a rerun
 * adds nothing.
 */
async function seedTraining(manager: EntityManager, organisationId: string): Promise<void> {
  const modules = manager.getRepository(TrainingModule);
  const members = await manager.getRepository(Member).find({ where: { organisationId } });
  const day = 24 * 3600 * 1000;
  const created: string[] = [];
  for (const [index, demo] of demoModules.entries()) {
    const existing = await modules
      .createQueryBuilder('t')
      .where('t.organisation_id = :organisationId', { organisationId })
      .andWhere("t.draft->'title'->>'en' = :title", { title: demo.content.title.en })
      .getOne();
    if (existing) continue;
    const module = await modules.save(
      modules.create({
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
      }),
    );
    created.push(module.id);
    const correct = (demo.content.quiz?.questions ?? []).map((q) => ({
      questionId: q.id,
      optionIds: q.options.filter((o) => o.correct).map((o) => o.id),
    }));
    for (const member of members) {
      if (member.status !== 'active' || !demo.content.requiredFor.kinds.includes(member.kind)) continue;
      const plan = demoTraining[member.email];
      const state = plan ? plan[index] : 'passed';
      if (!state) continue;
      const daysAgo = state === 'expired' ? 400 : 20;
      await manager.getRepository(TrainingCompletion).insert({
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
  const organisation = await manager.getRepository(Organisation).findOneByOrFail({ id: organisationId });
  const required = Array.isArray(organisation.settings.requiredTrainingModuleIds)
    ? (organisation.settings.requiredTrainingModuleIds as string[])
    : [];
  organisation.settings = { ...organisation.settings, requiredTrainingModuleIds: [...required, ...created] };
  await manager.getRepository(Organisation).save(organisation);
}
