import { NO_NETWORK } from '@heimo/domain';
import type request from 'supertest';
import {
  recountDailyStats,
  storedDailyStats,
} from '../../apps/api/src/modules/sharing/rollup-recount.repository';
import { TrainingCompletion } from '../../apps/api/src/modules/training/entities/training-completion.entity';
import { useTestServer } from '../support/use-test-server';

const quizCourse = () => ({
  kind: 'course',
  title: { en: 'What is private and what is not', fi: 'Mikä on yksityistä ja mikä ei' },
  body: { en: '# Private or public', fi: '# Yksityistä vai julkista' },
  quiz: {
    passMark: 100,
    questions: [
      {
        id: 'q1',
        kind: 'single',
        text: { en: 'May you share a roadmap?', fi: 'Saako tiekartan jakaa?' },
        options: [
          { id: 'yes', text: { en: 'Yes', fi: 'Kyllä' }, correct: false },
          { id: 'no', text: { en: 'No', fi: 'Ei' }, correct: true },
        ],
      },
      {
        id: 'q2',
        kind: 'multiple',
        text: { en: 'Which are public?', fi: 'Mitkä ovat julkisia?' },
        options: [
          { id: 'blog', text: { en: 'The blog', fi: 'Blogi' }, correct: true },
          { id: 'press', text: { en: 'Press releases', fi: 'Tiedotteet' }, correct: true },
          { id: 'salary', text: { en: 'Salaries', fi: 'Palkat' }, correct: false },
        ],
      },
    ],
  },
  validityDays: 30,
  requiredFor: { kinds: ['employee'], teamIds: [] as string[] },
});

const RIGHT = [
  { questionId: 'q1', optionIds: ['no'] },
  { questionId: 'q2', optionIds: ['press', 'blog'] },
];

describe('training', () => {
  const { server, ctx } = useTestServer({ workers: false });

  const requireTraining = (organisationId: string, moduleIds: string[]) =>
    server.dataSource.query(
      `UPDATE organisations SET settings = settings || jsonb_build_object('requiredTrainingModuleIds', $2::jsonb) WHERE id = $1`,
      [organisationId, JSON.stringify(moduleIds)],
    );
  const completions = (memberId: string) =>
    server.dataSource.getRepository(TrainingCompletion).count({ where: { memberId } });
  const backdate = (memberId: string, days: number) =>
    server.dataSource.query(
      `UPDATE training_completions SET completed_at = completed_at - make_interval(days => $2) WHERE member_id = $1`,
      [memberId, days],
    );
  const publishedCourse = async (curator: request.Agent, body = quizCourse()) => {
    const created = await curator.post('/api/training-modules').send(body);
    expect(created.status).toBe(201);
    const published = await curator
      .post(`/api/training-modules/${created.body.id}/publish`)
      .send({ material: true, revision: created.body.revision });
    expect(published.status).toBe(200);
    return published.body as { id: string; version: number };
  };

  it('refuses a quiz without a correct option, a single choice with two, and repeated option ids, naming the field', async () => {
    const { org, curator } = await ctx.newOrg('Quiz Rules');
    const agent = await ctx.signIn(curator);
    const before = await ctx.orgState(org.id);
    const broken = quizCourse();
    broken.quiz.questions[0]!.options[0]!.correct = true; // single choice, two correct
    broken.quiz.questions[1]!.options.forEach((o) => (o.correct = false)); // none correct
    broken.quiz.questions[1]!.options[2]!.id = 'blog'; // repeated id
    const res = await agent.post('/api/training-modules').send(broken);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'quiz.questions.0.options',
          code: 'training.single_choice_needs_one_correct',
        }),
        expect.objectContaining({ field: 'quiz.questions.1.options', code: 'training.no_correct_option' }),
        expect.objectContaining({
          field: 'quiz.questions.1.options.2.id',
          code: 'training.duplicate_option_id',
        }),
      ]),
    );
    const policyWithQuiz = await agent
      .post('/api/training-modules')
      .send({ ...quizCourse(), kind: 'policy' });
    expect(policyWithQuiz.body.errors).toEqual([
      expect.objectContaining({ field: 'quiz', code: 'training.quiz_on_policy' }),
    ]);
    const missingFi = await agent
      .post('/api/training-modules')
      .send({ ...quizCourse(), body: { en: 'only en' } });
    expect(missingFi.body.errors).toEqual([
      expect.objectContaining({ field: 'body.fi', code: 'training.locale_missing' }),
    ]);
    expect(await ctx.orgState(org.id)).toEqual(before);
  });

  it('shows the module in the member’s locale without answer keys, scores attempts on the server and refuses bad answers', async () => {
    const { org, curator } = await ctx.newOrg('Scoring');
    const course = await publishedCourse(await ctx.signIn(curator));
    const other = await publishedCourse(await ctx.signIn(curator), {
      ...quizCourse(),
      quiz: { ...quizCourse().quiz, questions: [{ ...quizCourse().quiz.questions[0]!, id: 'elsewhere' }] },
    });
    const finn = await ctx.newMember(org.id, { locale: 'fi' });
    const agent = await ctx.signIn(finn);

    const view = await agent.get(`/api/training/${course.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      title: 'Mikä on yksityistä ja mikä ei',
      body: '# Yksityistä vai julkista',
      locale: 'fi',
      status: 'not_started',
      quiz: { passMark: 100, questions: [{ id: 'q1', text: 'Saako tiekartan jakaa?' }, { id: 'q2' }] },
    });
    expect(view.body.quiz.questions[0].options).toEqual([
      { id: 'yes', text: 'Kyllä' },
      { id: 'no', text: 'Ei' },
    ]);

    const bad: [unknown[], string, string][] = [
      [[{ questionId: 'nope', optionIds: ['no'] }], 'answers.0.questionId', 'training.unknown_question'],
      [[RIGHT[0], RIGHT[0]], 'answers.1.questionId', 'training.duplicate_answer'],
      [[{ questionId: 'elsewhere', optionIds: ['no'] }], 'answers.0.questionId', 'training.unknown_question'],
      [[{ questionId: 'q1', optionIds: ['blog'] }], 'answers.0.optionIds', 'training.unknown_option'],
      [
        [{ questionId: 'q1', optionIds: ['yes', 'no'] }],
        'answers.0.optionIds',
        'training.single_choice_one_option',
      ],
    ];
    for (const [answers, field, code] of bad) {
      const res = await agent.post(`/api/training/${course.id}/attempts`).send({ answers });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field, code })]);
    }
    expect(await completions(finn.id)).toBe(0);
    expect(other.id).not.toBe(course.id);

    const wrong = await agent
      .post(`/api/training/${course.id}/attempts`)
      .send({ answers: [RIGHT[0], { questionId: 'q2', optionIds: ['blog'] }] });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({
      passed: false,
      score: 50,
      passMark: 100,
      training: { status: 'failed' },
    });
    const right = await agent.post(`/api/training/${course.id}/attempts`).send({ answers: RIGHT });
    expect(right.body).toMatchObject({
      passed: true,
      score: 100,
      version: 1,
      training: { status: 'passed' },
    });

    // No answer key in anything a member receives.
    for (const res of [
      view,
      wrong,
      right,
      await agent.get('/api/training'),
      await agent.get(`/api/training/${course.id}`),
    ])
      expect(res.text).not.toMatch(/"correct"/);
    // The curator sees it.
    expect((await (await ctx.signIn(curator)).get(`/api/training-modules/${course.id}`)).text).toMatch(
      /"correct":true/,
    );
  });

  it('names the questions an attempt got wrong, with the module’s explanation where it has one, never the right option', async () => {
    const { org, curator } = await ctx.newOrg('Explained');
    const body = quizCourse();
    body.quiz.questions[1] = {
      ...body.quiz.questions[1]!,
      explanation: {
        en: 'Anything the company published itself.',
        fi: 'Kaikki, minkä yritys julkaisi itse.',
      },
    } as (typeof body.quiz.questions)[number];
    const curatorAgent = await ctx.signIn(curator);
    const course = await publishedCourse(curatorAgent, body);
    const finn = await ctx.newMember(org.id, { locale: 'fi' });
    const agent = await ctx.signIn(finn);

    const none = await agent.post(`/api/training/${course.id}/attempts`).send({ answers: [] });
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ passed: false, score: 0 });
    expect(none.body.wrongQuestions).toEqual([
      { id: 'q1', text: 'Saako tiekartan jakaa?', explanation: null },
      { id: 'q2', text: 'Mitkä ovat julkisia?', explanation: 'Kaikki, minkä yritys julkaisi itse.' },
    ]);

    const oneWrong = await agent
      .post(`/api/training/${course.id}/attempts`)
      .send({ answers: [{ questionId: 'q1', optionIds: ['yes'] }, RIGHT[1]] });
    expect(oneWrong.body.wrongQuestions).toEqual([
      { id: 'q1', text: 'Saako tiekartan jakaa?', explanation: null },
    ]);
    // The right option stays with the server: no option id, text or key in the result.
    for (const res of [none, oneWrong]) {
      expect(res.text).not.toMatch(/"correct"|"options"|"optionIds"/);
      expect(res.text).not.toContain('"no"');
    }
    const right = await agent.post(`/api/training/${course.id}/attempts`).send({ answers: RIGHT });
    expect(right.body).toMatchObject({ passed: true, wrongQuestions: [] });

    // The curator writes and reads the explanation; it needs every locale of the module.
    expect(
      (await curatorAgent.get(`/api/training-modules/${course.id}`)).body.quiz.questions[1].explanation,
    ).toEqual({
      en: 'Anything the company published itself.',
      fi: 'Kaikki, minkä yritys julkaisi itse.',
    });
    const half = quizCourse();
    half.quiz.questions[0] = {
      ...half.quiz.questions[0]!,
      explanation: { en: 'Only in English' },
    } as (typeof half.quiz.questions)[number];
    const refused = await curatorAgent.post('/api/training-modules').send(half);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'quiz.questions.0.explanation.fi', code: 'training.locale_missing' }),
    ]);
  });

  it('expires a pass once its validity has run out', async () => {
    const { org, curator } = await ctx.newOrg('Expiry');
    const course = await publishedCourse(await ctx.signIn(curator));
    await requireTraining(org.id, [course.id]);
    const member = await ctx.newMember(org.id);
    const agent = await ctx.signIn(member);
    await agent.post(`/api/training/${course.id}/attempts`).send({ answers: RIGHT }).expect(200);
    expect((await agent.get('/api/me/readiness')).body).toEqual({ mayShare: true, blocking: [] });

    await backdate(member.id, 29);
    expect((await agent.get(`/api/training/${course.id}`)).body.status).toBe('passed');
    await backdate(member.id, 1);
    expect((await agent.get(`/api/training/${course.id}`)).body.status).toBe('expired');
    expect((await agent.get('/api/me/readiness')).body).toEqual({
      mayShare: false,
      blocking: [
        {
          moduleId: course.id,
          title: 'What is private and what is not',
          status: 'expired',
          code: 'training.expired',
        },
      ],
    });
  });

  it('outdates completions on a material publish, and keeps them on a non-material one', async () => {
    const { org, curator } = await ctx.newOrg('Outdating');
    const curatorAgent = await ctx.signIn(curator);
    const created = await curatorAgent.post('/api/training-modules').send({
      kind: 'policy',
      title: { en: 'Social media policy' },
      body: { en: 'v1' },
      quiz: null,
      validityDays: null,
      requiredFor: { kinds: ['employee', 'fan'], teamIds: [] },
    });
    const policy = created.body as { id: string; revision: number };
    await curatorAgent
      .post(`/api/training-modules/${policy.id}/publish`)
      .send({ material: false, revision: policy.revision })
      .expect(200);
    await requireTraining(org.id, [policy.id]);
    const member = await ctx.newMember(org.id, { kind: 'fan' });
    const agent = await ctx.signIn(member);
    expect((await agent.post(`/api/training/${policy.id}/attempts`).send({ answers: [] })).body.code).toBe(
      'training.not_a_course',
    );
    const accepted = await agent.post(`/api/training/${policy.id}/accept`).send({ version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ version: 1, training: { status: 'passed', completedVersion: 1 } });

    const edit = async (text: string, material: boolean) => {
      const current = (await curatorAgent.get(`/api/training-modules/${policy.id}`)).body;
      const {
        id: _id,
        kind: _kind,
        hasUnpublishedChanges: _h,
        published: _p,
        version: _v,
        materialVersion: _m,
        publishedAt: _a,
        createdAt: _c,
        updatedAt: _u,
        ...draft
      } = current;
      const saved = await curatorAgent
        .put(`/api/training-modules/${policy.id}`)
        .send({ ...draft, body: { en: text } });
      expect(saved.status).toBe(200);
      expect(saved.body.hasUnpublishedChanges).toBe(true);
      return curatorAgent
        .post(`/api/training-modules/${policy.id}/publish`)
        .send({ material, revision: saved.body.revision });
    };
    expect((await edit('v2: a typo fixed', false)).body).toMatchObject({ version: 2, materialVersion: 1 });
    expect((await agent.get('/api/me/readiness')).body.mayShare).toBe(true);
    expect((await edit('v3: new rules', true)).body).toMatchObject({ version: 3, materialVersion: 3 });
    const readiness = (await agent.get('/api/me/readiness')).body;
    expect(readiness).toMatchObject({
      mayShare: false,
      blocking: [{ moduleId: policy.id, status: 'outdated', code: 'training.outdated' }],
    });

    const staleAccept = await agent.post(`/api/training/${policy.id}/accept`).send({ version: 2 });
    expect(staleAccept.status).toBe(409);
    expect(staleAccept.body).toMatchObject({ code: 'training.stale_version', currentVersion: 3 });
    await agent.post(`/api/training/${policy.id}/accept`).send({ version: 3 }).expect(200);
    expect((await agent.get('/api/me/readiness')).body).toEqual({ mayShare: true, blocking: [] });
    // Training points once per module: accepting version 3 after version 1 earns nothing more.
    expect((await agent.get('/api/leaderboards').expect(200)).body.me.points).toBe(25);

    const stale = await curatorAgent.put(`/api/training-modules/${policy.id}`).send({
      title: { en: 'Old tab' },
      body: { en: 'old' },
      quiz: null,
      validityDays: null,
      requiredFor: { kinds: ['employee'], teamIds: [] },
      revision: policy.revision,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'training.stale_revision',
      current: { id: policy.id, version: 3 },
    });
  });

  it('gates each member by kind and team, only on the modules the organisation requires', async () => {
    const { org, team, curator, advocate } = await ctx.newOrg('Readiness');
    const otherTeam = await ctx.newTeam(org.id, 'Support');
    const curatorAgent = await ctx.signIn(curator);
    const forSales = await publishedCourse(curatorAgent, {
      ...quizCourse(),
      quiz: null as never,
      title: { en: 'Sales rules', fi: 'Myynnin säännöt' },
      requiredFor: { kinds: ['employee'], teamIds: [team.id] },
    });
    const forFans = await publishedCourse(curatorAgent, {
      ...quizCourse(),
      quiz: null as never,
      title: { en: 'Fan rules', fi: 'Fanien säännöt' },
      requiredFor: { kinds: ['fan'], teamIds: [] },
    });
    const optional = await publishedCourse(curatorAgent, { ...quizCourse(), quiz: null as never });
    const fan = await ctx.newMember(org.id, { kind: 'fan' });
    const support = await ctx.newMember(org.id, { teamId: otherTeam.id });

    // Published but not yet required by the organisation: nobody is blocked.
    expect((await (await ctx.signIn(advocate)).get('/api/me/readiness')).body.mayShare).toBe(true);
    await requireTraining(org.id, [forSales.id, forFans.id]);

    const readiness = async (member: { email: string }) =>
      (await (await ctx.signIn(member)).get('/api/me/readiness')).body;
    expect(await readiness(advocate)).toMatchObject({
      mayShare: false,
      blocking: [{ moduleId: forSales.id, code: 'training.not_started' }],
    });
    expect(await readiness(fan)).toMatchObject({ mayShare: false, blocking: [{ moduleId: forFans.id }] });
    expect(await readiness(support)).toEqual({ mayShare: true, blocking: [] });

    const list = (await (await ctx.signIn(advocate)).get('/api/training')).body;
    expect(list.mayShare).toBe(false);
    expect(list.items.map((i: { moduleId: string; required: boolean }) => [i.moduleId, i.required])).toEqual(
      expect.arrayContaining([
        [forSales.id, true],
        [optional.id, false],
      ]),
    );
    expect(list.items.map((i: { moduleId: string }) => i.moduleId)).not.toContain(forFans.id);
    // A fan cannot open an employee module, nor anyone a draft.
    expect((await (await ctx.signIn(fan)).get(`/api/training/${forSales.id}`)).status).toBe(404);

    // A course without a quiz completes with no answers.
    const done = await (
      await ctx.signIn(advocate)
    )
      .post(`/api/training/${forSales.id}/attempts`)
      .send({ answers: [] });
    expect(done.body).toMatchObject({ passed: true, score: 100 });
    expect(await readiness(advocate)).toEqual({ mayShare: true, blocking: [] });
  });

  it('gives training points for the first pass of a module only, on every board but no network’s', async () => {
    const { org, team, curator, admin, leader } = await ctx.newOrg('Training points');
    const curatorAgent = await ctx.signIn(curator);
    const course = await publishedCourse(curatorAgent);
    await requireTraining(org.id, [course.id]);
    const member = await ctx.newMember(org.id, { teamId: team.id, name: 'Tiina Trainee' });
    const agent = await ctx.signIn(member);
    const attempt = (answers: unknown[]) =>
      agent.post(`/api/training/${course.id}/attempts`).send({ answers }).expect(200);
    const WRONG = [RIGHT[0], { questionId: 'q2', optionIds: ['blog'] }];
    const points = async (query: Record<string, string> = {}) => {
      const board = (
        await agent
          .get('/api/leaderboards')
          .query({ metric: 'points', ...query })
          .expect(200)
      ).body;
      const impact = (await agent.get('/api/me/impact').expect(200)).body;
      return { board: board.me.points, shares: board.me.shares, impact: impact.figures.points.value };
    };

    expect((await attempt(WRONG)).body.passed).toBe(false);
    expect(await points()).toEqual({ board: 0, shares: 0, impact: 0 });
    expect((await attempt(RIGHT)).body.passed).toBe(true);
    expect(await points()).toEqual({ board: 25, shares: 0, impact: 25 });
    // Failing the passed version now, or passing it again, earns nothing.
    expect((await attempt(WRONG)).body.passed).toBe(false);
    expect((await attempt(RIGHT)).body.passed).toBe(true);
    expect(await points()).toEqual({ board: 25, shares: 0, impact: 25 });
    const board = (await agent.get('/api/leaderboards').query({ metric: 'points' }).expect(200)).body;
    expect(board.entries[0]).toMatchObject({ memberId: member.id, rank: 1, points: 25 });
    // Not earned on a network: a network's board leaves them out.
    expect((await points({ network: 'linkedin' })).board).toBe(0);
    // The rollups are what the completions say.
    const stored = await storedDailyStats(server.dataSource.manager, org.id);
    expect(stored).toEqual([
      expect.objectContaining({ memberId: member.id, network: NO_NETWORK, shares: 0, reach: 0, points: 25 }),
    ]);
    expect(await recountDailyStats(server.dataSource.manager, org.id)).toEqual(stored);

    // A material change sends the member back to training, but passing the new version earns nothing
    // more: training points are earned once per module (even with the rule now at 40).
    const adminAgent = await ctx.signIn(admin);
    const loaded = (await adminAgent.get('/api/organisation/settings').expect(200)).body;
    await adminAgent
      .put('/api/organisation/settings')
      .send({
        version: loaded.version,
        name: loaded.name,
        timezone: loaded.timezone,
        defaultLocale: loaded.defaultLocale,
        settings: { ...loaded.settings, points: { ...loaded.settings.points, trainingPassed: 40 } },
      })
      .expect(200);
    const current = (await curatorAgent.get(`/api/training-modules/${course.id}`).expect(200)).body;
    await curatorAgent
      .put(`/api/training-modules/${course.id}`)
      .send({
        title: current.title,
        body: { en: '# Private or public, again', fi: '# Yksityistä vai julkista, taas' },
        quiz: current.quiz,
        validityDays: current.validityDays,
        requiredFor: current.requiredFor,
        revision: current.revision,
      })
      .expect(200);
    const saved = (await curatorAgent.get(`/api/training-modules/${course.id}`).expect(200)).body as {
      revision: number;
    };
    await curatorAgent
      .post(`/api/training-modules/${course.id}/publish`)
      .send({ material: true, revision: saved.revision })
      .expect(200);
    expect((await agent.get(`/api/training/${course.id}`).expect(200)).body.status).toBe('outdated');
    // Two passes of the new version at once: one is the first.
    const passes = await Promise.all([attempt(RIGHT), attempt(RIGHT)]);
    expect(passes.map((p) => [p.body.passed, p.body.version])).toEqual([
      [true, 2],
      [true, 2],
    ]);
    expect(await points()).toEqual({ board: 25, shares: 0, impact: 25 });

    // The leader's dashboard: in the team's and the advocates' points, in no network's row.
    const dashboard = (await (await ctx.signIn(leader)).get('/api/insights/dashboard').expect(200)).body;
    expect(dashboard.byNetwork.map((row: { network: string }) => row.network)).not.toContain(NO_NETWORK);
    expect(dashboard.byNetwork.every((row: { shares: number }) => row.shares === 0)).toBe(true);
    expect(dashboard.byTeam).toContainEqual(expect.objectContaining({ teamId: team.id, points: 25 }));
    expect(dashboard.topAdvocates[0]).toMatchObject({ memberId: member.id, points: 25 });
    expect(dashboard.kpis.emvMinor.value).toBe(0);
  });

  it('reports compliance per team and overall, and as a CSV', async () => {
    const { org, team, curator, advocate, leader } = await ctx.newOrg('Compliance');
    const curatorAgent = await ctx.signIn(curator);
    const course = await publishedCourse(curatorAgent);
    await requireTraining(org.id, [course.id]);
    const passed = await ctx.newMember(org.id, { teamId: team.id, name: 'Pia Passed' });
    const lapsed = await ctx.newMember(org.id, { name: '=HYPERLINK("x")' });
    await ctx.newMember(org.id, { teamId: team.id, name: '=cmd|x', status: 'deactivated' });
    for (const member of [passed, lapsed])
      await (
        await ctx.signIn(member)
      )
        .post(`/api/training/${course.id}/attempts`)
        .send({ answers: RIGHT })
        .expect(200);
    await backdate(lapsed.id, 31);

    const res = await curatorAgent.get('/api/training/compliance');
    expect(res.status).toBe(200);
    expect(res.body.overall).toEqual({
      ready: 1,
      total: 3,
      topBlockingModule: { moduleId: course.id, title: 'What is private and what is not', blocked: 2 },
    });
    expect(res.body.teams).toEqual([
      expect.objectContaining({ teamId: team.id, teamName: 'Sales', ready: 1, total: 2 }),
      expect.objectContaining({ teamId: null, teamName: null, ready: 0, total: 1 }),
    ]);
    expect(res.body.modules).toEqual([
      expect.objectContaining({
        moduleId: course.id,
        requiredOf: 3,
        passed: 1,
        notStarted: 1,
        expired: 1,
        blocked: 2,
      }),
    ]);
    expect(res.body.lapsed).toEqual([expect.objectContaining({ memberId: lapsed.id, status: 'expired' })]);
    expect(res.body.lapsedTotal).toBe(1);

    const csv = await curatorAgent.get('/api/training/compliance.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'member_id,name,email,kind,team,may_share,module_id,module_title,status,completed_version,valid_until',
    );
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith(advocate.id))).toContain(',Sales,false,');
    expect(lines.find((l) => l.startsWith(lapsed.id))).toContain(',expired,1,');
    // Deactivated people are not counted; a formula-like name is defused.
    expect(csv.text).not.toContain('=cmd');
    expect(lines.find((l) => l.startsWith(lapsed.id))).toContain(`,"'=HYPERLINK(""x"")",`);
    expect((await (await ctx.signIn(leader)).get('/api/training/compliance.csv')).status).toBe(403);
  });
});
