import { TRAINING_LIMITS } from '@heimo/domain';
import type request from 'supertest';
import {
  recountDailyStats,
  storedDailyStats,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { useTestServer } from '../support/use-test-server';

/** A course in English and Finnish with a two-question quiz, as the editor sends it. */
const course = (teamIds: string[] = []) => ({
  kind: 'course',
  title: { en: 'Sharing safely', fi: 'Turvallinen jakaminen' },
  body: {
    en: '# Sharing safely\n\nShare what is **public**.',
    fi: '# Turvallinen jakaminen\n\nJaa **julkista**.',
  },
  quiz: {
    passMark: 50,
    questions: [
      {
        id: 'q1',
        kind: 'single',
        text: { en: 'May you share a roadmap?', fi: 'Saako tiekartan jakaa?' },
        explanation: { en: 'Roadmaps are internal.', fi: 'Tiekartat ovat sisäisiä.' },
        options: [
          { id: 'a', text: { en: 'Yes', fi: 'Kyllä' }, correct: false },
          { id: 'b', text: { en: 'No', fi: 'Ei' }, correct: true },
        ],
      },
      {
        id: 'q2',
        kind: 'multiple',
        text: { en: 'Which are public?', fi: 'Mitkä ovat julkisia?' },
        options: [
          { id: 'a', text: { en: 'The blog', fi: 'Blogi' }, correct: true },
          { id: 'b', text: { en: 'Press releases', fi: 'Tiedotteet' }, correct: true },
          { id: 'c', text: { en: 'Salaries', fi: 'Palkat' }, correct: false },
        ],
      },
    ],
  },
  validityDays: 365,
  requiredFor: { kinds: ['employee'], teamIds },
});

const RIGHT = [
  { questionId: 'q1', optionIds: ['b'] },
  { questionId: 'q2', optionIds: ['a', 'b'] },
];

type Module = ReturnType<typeof course> & {
  id: string;
  revision: number;
  version: number;
  materialVersion: number;
  hasUnpublishedChanges: boolean;
};

/** The draft as a PUT takes it (everything the editor sends, without the module's own fields). */
const draftOf = (module: Module) => ({
  title: module.title,
  body: module.body,
  quiz: module.quiz,
  validityDays: module.validityDays,
  requiredFor: module.requiredFor,
  revision: module.revision,
});

describe('training authoring', () => {
  const { server, ctx } = useTestServer({ workers: false });

  const requireTraining = (organisationId: string, moduleIds: string[]) =>
    server.dataSource.query(
      `UPDATE organisations SET settings = settings || jsonb_build_object('requiredTrainingModuleIds', $2::jsonb) WHERE id = $1`,
      [organisationId, JSON.stringify(moduleIds)],
    );

  const edit = async (curator: request.Agent, id: string, change: (draft: Module) => Partial<Module>) => {
    const current = (await curator.get(`/api/training-modules/${id}`).expect(200)).body as Module;
    const saved = await curator
      .put(`/api/training-modules/${id}`)
      .send({ ...draftOf(current), ...change(current) });
    expect(saved.status).toBe(200);
    return saved.body as Module;
  };
  const publish = async (curator: request.Agent, module: Module, material: boolean) => {
    const res = await curator
      .post(`/api/training-modules/${module.id}/publish`)
      .send({ material, revision: module.revision });
    expect(res.status).toBe(200);
    return res.body as Module;
  };

  it('a correction sends nobody back to training; a material change does, and points come once per module', async () => {
    const { org, curator } = await ctx.newOrg('Authoring versions');
    const curatorAgent = await ctx.signIn(curator);
    const created = await curatorAgent.post('/api/training-modules').send(course());
    expect(created.status).toBe(201);
    let module = await publish(curatorAgent, created.body as Module, false);
    // The first publish is material whatever is asked.
    expect(module).toMatchObject({ version: 1, materialVersion: 1, hasUnpublishedChanges: false });
    await requireTraining(org.id, [module.id]);

    const member = await ctx.newMember(org.id, { name: 'Aada Advocate', locale: 'fi' });
    const agent = await ctx.signIn(member);
    const readiness = async () => (await agent.get('/api/me/readiness').expect(200)).body;
    const points = async () =>
      (await agent.get('/api/leaderboards').query({ metric: 'points' }).expect(200)).body.me.points;
    expect((await readiness()).mayShare).toBe(false);
    // The Finnish text, and never the answer key.
    const view = (await agent.get(`/api/training/${module.id}`).expect(200)).body;
    expect(view).toMatchObject({ title: 'Turvallinen jakaminen', locale: 'fi', status: 'not_started' });
    expect(JSON.stringify(view)).not.toContain('correct');
    const passed = await agent.post(`/api/training/${module.id}/attempts`).send({ answers: RIGHT });
    expect(passed.body).toMatchObject({ passed: true, score: 100, version: 1 });
    expect(await readiness()).toEqual({ mayShare: true, blocking: [] });
    expect(await points()).toBe(25);

    // A correction: version 2, the member stays passed and may share; no new points.
    module = await edit(curatorAgent, module.id, (m) => ({
      body: { en: m.body.en.replace('public', 'public (fixed)'), fi: m.body.fi },
    }));
    expect(module.hasUnpublishedChanges).toBe(true);
    // Members still read version 1 until the draft is published.
    expect((await agent.get(`/api/training/${module.id}`).expect(200)).body.currentVersion).toBe(1);
    module = await publish(curatorAgent, module, false);
    expect(module).toMatchObject({ version: 2, materialVersion: 1 });
    expect(await readiness()).toEqual({ mayShare: true, blocking: [] });
    expect((await agent.get(`/api/training/${module.id}`).expect(200)).body).toMatchObject({
      status: 'passed',
      currentVersion: 2,
      completedVersion: 1,
    });

    // A material change: version 3, the member is sent back; passing again earns nothing more.
    module = await edit(curatorAgent, module.id, (m) => ({
      quiz: { ...m.quiz, passMark: 100 },
    }));
    module = await publish(curatorAgent, module, true);
    expect(module).toMatchObject({ version: 3, materialVersion: 3 });
    expect(await readiness()).toMatchObject({
      mayShare: false,
      blocking: [{ moduleId: module.id, status: 'outdated', code: 'training.outdated' }],
    });
    const retake = await agent.post(`/api/training/${module.id}/attempts`).send({ answers: RIGHT });
    expect(retake.body).toMatchObject({ passed: true, version: 3 });
    expect(await readiness()).toEqual({ mayShare: true, blocking: [] });
    expect(await points()).toBe(25);
    // The rollups are what the completions say, by the once-per-module rule.
    const stored = await storedDailyStats(server.dataSource.manager, org.id);
    expect(stored).toEqual([expect.objectContaining({ memberId: member.id, points: 25 })]);
    expect(await recountDailyStats(server.dataSource.manager, org.id)).toEqual(stored);
  });

  it('refuses bad modules with a clear 4xx naming the field, and writes nothing', async () => {
    const { org, curator, team } = await ctx.newOrg('Authoring refusals');
    const other = await ctx.newOrg('Someone else');
    const curatorAgent = await ctx.signIn(curator);
    const created = (
      await curatorAgent
        .post('/api/training-modules')
        .send(course([team.id]))
        .expect(201)
    ).body as Module;
    const published = await publish(curatorAgent, created, true);
    const policy = (
      await curatorAgent
        .post('/api/training-modules')
        .send({ ...course(), kind: 'policy', quiz: null })
        .expect(201)
    ).body as Module;
    const before = await ctx.orgState(org.id);

    const good = course([team.id]);
    const q = good.quiz.questions;
    const put = (body: object) =>
      curatorAgent.put(`/api/training-modules/${published.id}`).send({ ...draftOf(published), ...body });
    const post = (body: object) => curatorAgent.post('/api/training-modules').send({ ...good, ...body });
    const withQuestion = (index: number, question: object) => ({
      quiz: { ...good.quiz, questions: q.map((each, i) => (i === index ? { ...each, ...question } : each)) },
    });
    const noCorrect = withQuestion(0, {
      options: q[0]!.options.map((option) => ({ ...option, correct: false })),
    });

    const cases: [string, request.Test, number, string, string?][] = [
      [
        'quiz without a correct answer',
        post(noCorrect),
        400,
        'training.no_correct_option',
        'quiz.questions.0.options',
      ],
      [
        'edit to a quiz without a correct answer',
        put(noCorrect),
        400,
        'training.no_correct_option',
        'quiz.questions.0.options',
      ],
      [
        'single choice with two correct',
        post(withQuestion(0, { options: q[0]!.options.map((option) => ({ ...option, correct: true })) })),
        400,
        'training.single_choice_needs_one_correct',
        'quiz.questions.0.options',
      ],
      ['pass mark 0', post({ quiz: { ...good.quiz, passMark: 0 } }), 400, 'validation.min', 'quiz.passMark'],
      [
        'pass mark 101',
        put({ quiz: { ...good.quiz, passMark: 101 } }),
        400,
        'validation.max',
        'quiz.passMark',
      ],
      [
        'pass mark 50.5',
        post({ quiz: { ...good.quiz, passMark: 50.5 } }),
        400,
        'validation.isInt',
        'quiz.passMark',
      ],
      [
        'body over the limit',
        post({ body: { en: 'x'.repeat(TRAINING_LIMITS.bodyLength + 1), fi: 'x' } }),
        400,
        'validation.maxLength',
        'body.en',
      ],
      [
        'edited body over the limit',
        put({ body: { en: 'ok', fi: 'y'.repeat(TRAINING_LIMITS.bodyLength + 1) } }),
        400,
        'validation.maxLength',
        'body.fi',
      ],
      [
        'title over the limit',
        post({ title: { en: 't'.repeat(201), fi: 'ok' } }),
        400,
        'validation.maxLength',
        'title.en',
      ],
      [
        'unknown member kind',
        post({ requiredFor: { kinds: ['robot'], teamIds: [] } }),
        400,
        'validation.isIn',
        'requiredFor.kinds',
      ],
      [
        'unknown team',
        put({ requiredFor: { kinds: ['employee'], teamIds: ['00000000-0000-4000-8000-000000000000'] } }),
        400,
        'team.not_found',
        'requiredFor.teamIds.0',
      ],
      [
        'another organisation’s team',
        post({ requiredFor: { kinds: ['employee'], teamIds: [other.team.id] } }),
        400,
        'team.not_found',
        'requiredFor.teamIds.0',
      ],
      [
        'malformed team id',
        post({ requiredFor: { kinds: ['employee'], teamIds: ['sales'] } }),
        400,
        'validation.isUuid',
        'requiredFor.teamIds',
      ],
      [
        'Finnish title without Finnish body',
        post({ body: { en: 'Only English' } }),
        400,
        'training.locale_missing',
        'body.fi',
      ],
      [
        'question without its Finnish text',
        post(withQuestion(1, { text: { en: 'Which?' } })),
        400,
        'training.locale_missing',
        'quiz.questions.1.text.fi',
      ],
      [
        'a quiz on a policy',
        curatorAgent.put(`/api/training-modules/${policy.id}`).send({ ...draftOf(policy), quiz: good.quiz }),
        400,
        'training.quiz_on_policy',
        'quiz',
      ],
      [
        'duplicate question ids',
        post(withQuestion(1, { id: 'q1' })),
        400,
        'training.duplicate_question_id',
        'quiz.questions.1.id',
      ],
      [
        'one option only',
        post(withQuestion(0, { options: [q[0]!.options[1]] })),
        400,
        'validation.arrayMinSize',
        'quiz.questions.0.options',
      ],
      ['validity of 0 days', put({ validityDays: 0 }), 400, 'validation.min', 'validityDays'],
      [
        'validity over ten years',
        post({ validityDays: TRAINING_LIMITS.maxValidityDays + 1 }),
        400,
        'validation.max',
        'validityDays',
      ],
      ['unknown module kind', post({ kind: 'webinar' }), 400, 'validation.isIn', 'kind'],
      ['stale revision on edit', put({ revision: published.revision - 1 }), 409, 'training.stale_revision'],
      [
        'stale revision on publish',
        curatorAgent
          .post(`/api/training-modules/${published.id}/publish`)
          .send({ material: false, revision: published.revision + 1 }),
        409,
        'training.stale_revision',
      ],
      [
        'publish without a revision',
        curatorAgent.post(`/api/training-modules/${published.id}/publish`).send({ material: true }),
        400,
        'validation.isInt',
        'revision',
      ],
      [
        'nothing to publish',
        curatorAgent
          .post(`/api/training-modules/${published.id}/publish`)
          .send({ material: true, revision: published.revision }),
        409,
        'training.nothing_to_publish',
      ],
    ];
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const [name, call, status, code, field] of cases) {
      const res = await call;
      expect([name, res.status, res.headers['content-type']]).toEqual([
        name,
        status,
        expect.stringContaining('application/problem+json'),
      ]);
      if (status === 400) {
        expect([name, res.body.code]).toEqual([name, 'validation.failed']);
        expect([name, res.body.errors]).toEqual([
          name,
          expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining(field!), code })]),
        ]);
      } else expect([name, res.body.code]).toEqual([name, code]);
    }
    // Nothing half-written: no module, no draft change, no version, no audit event.
    expect(await ctx.orgState(org.id)).toEqual(before);
  });
});
