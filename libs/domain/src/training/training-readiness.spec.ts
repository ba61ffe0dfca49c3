import {
  requiredModulesFor,
  trainingReadiness,
  trainingStatus,
  type TrainingCompletion,
  type TrainingModuleRule,
} from './training-readiness';

const NOW = new Date('2025-06-15T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

const policy: TrainingModuleRule = {
  moduleId: 'policy',
  version: 3,
  materialVersion: 2,
  validityDays: 365,
  requiredFor: { kinds: ['employee', 'fan'] },
};

const pass = (version: number, at: Date | string, moduleId = 'policy'): TrainingCompletion => ({
  moduleId,
  version,
  passed: true,
  completedAt: at,
});
const fail = (version: number, at: Date | string, moduleId = 'policy'): TrainingCompletion => ({
  moduleId,
  version,
  passed: false,
  completedAt: at,
});

describe('training status of one module', () => {
  it('is not_started without attempts', () => {
    expect(trainingStatus(policy, [], NOW)).toMatchObject({ status: 'not_started', completedVersion: null });
  });

  it('is passed for a recent pass of the current version, valid for the validity period', () => {
    const status = trainingStatus(policy, [pass(3, daysAgo(10))], NOW);
    expect(status).toMatchObject({ status: 'passed', completedVersion: 3 });
    expect(status.validUntil?.toISOString()).toBe(
      new Date(daysAgo(10).getTime() + 365 * 86_400_000).toISOString(),
    );
  });

  it('stays passed after a non-material new version', () => {
    expect(trainingStatus(policy, [pass(2, daysAgo(10))], NOW).status).toBe('passed');
  });

  it('is outdated when the pass predates the latest material version', () => {
    expect(trainingStatus(policy, [pass(1, daysAgo(10))], NOW).status).toBe('outdated');
  });

  it('treats every new version as material when no material version is given', () => {
    const { materialVersion: _ignored, ...everyVersionMaterial } = policy;
    expect(trainingStatus(everyVersionMaterial, [pass(2, daysAgo(10))], NOW).status).toBe('outdated');
  });

  it('is expired once the validity has run out, at exactly validityDays', () => {
    expect(trainingStatus(policy, [pass(3, daysAgo(365))], NOW).status).toBe('expired');
    expect(trainingStatus(policy, [pass(3, new Date(daysAgo(365).getTime() + 1))], NOW).status).toBe(
      'passed',
    );
  });

  it('never expires a pass of a module without validity', () => {
    expect(trainingStatus({ ...policy, validityDays: null }, [pass(3, daysAgo(5000))], NOW)).toMatchObject({
      status: 'passed',
      validUntil: null,
    });
  });

  it('is failed when the only attempt failed', () => {
    expect(trainingStatus(policy, [fail(3, daysAgo(1))], NOW).status).toBe('failed');
  });

  it('is failed when a retake after an expired pass failed', () => {
    expect(trainingStatus(policy, [pass(3, daysAgo(400)), fail(3, daysAgo(1))], NOW).status).toBe('failed');
  });

  it('stays passed when a later retake fails while the earlier pass is valid', () => {
    expect(trainingStatus(policy, [pass(3, daysAgo(20)), fail(3, daysAgo(1))], NOW).status).toBe('passed');
  });

  it('is passed when a fresh pass follows an outdated one', () => {
    expect(trainingStatus(policy, [pass(1, daysAgo(300)), pass(3, daysAgo(1))], NOW).status).toBe('passed');
  });

  it('ignores attempts dated after now and attempts on other modules', () => {
    expect(
      trainingStatus(policy, [pass(3, new Date(NOW.getTime() + 1000)), pass(3, daysAgo(1), 'other')], NOW)
        .status,
    ).toBe('not_started');
  });

  it('accepts ISO strings for completion times and now', () => {
    expect(trainingStatus(policy, [pass(3, '2025-06-01T00:00:00Z')], '2025-06-15T00:00:00Z').status).toBe(
      'passed',
    );
  });

  it('throws a RangeError for an unreadable time', () => {
    expect(() => trainingStatus(policy, [pass(3, 'yesterday')], NOW)).toThrow(RangeError);
  });
});

describe('training readiness', () => {
  const course: TrainingModuleRule = {
    moduleId: 'course',
    version: 1,
    validityDays: null,
    requiredFor: { kinds: ['employee'] },
  };

  it('lets a member share when every required module is passed', () => {
    const readiness = trainingReadiness({
      required: [policy, course],
      completions: [pass(3, daysAgo(3)), pass(1, daysAgo(3), 'course')],
      now: NOW,
    });
    expect(readiness).toMatchObject({ mayShare: true, blocking: [] });
  });

  it('lists every blocking module with its reason', () => {
    const readiness = trainingReadiness({
      required: [policy, course],
      completions: [pass(1, daysAgo(3))],
      now: NOW,
    });
    expect(readiness.mayShare).toBe(false);
    expect(readiness.blocking).toEqual([
      { moduleId: 'policy', status: 'outdated', code: 'training.outdated' },
      { moduleId: 'course', status: 'not_started', code: 'training.not_started' },
    ]);
  });

  it('lets a member without required modules share', () => {
    expect(trainingReadiness({ required: [], completions: [], now: NOW }).mayShare).toBe(true);
  });
});

describe('modules required for a member', () => {
  const modules: TrainingModuleRule[] = [
    { moduleId: 'all', version: 1, validityDays: null, requiredFor: { kinds: ['employee', 'fan'] } },
    { moduleId: 'employees', version: 1, validityDays: null, requiredFor: { kinds: ['employee'] } },
    { moduleId: 'fans', version: 1, validityDays: null, requiredFor: { kinds: ['fan'] } },
    {
      moduleId: 'sales',
      version: 1,
      validityDays: null,
      requiredFor: { kinds: ['employee'], teamIds: ['sales'] },
    },
    { moduleId: 'nobody', version: 1, validityDays: null, requiredFor: { kinds: [] } },
  ];
  const ids = (member: { kind: 'employee' | 'fan'; teamId: string | null }) =>
    requiredModulesFor(member, modules).map((m) => m.moduleId);

  it.each([
    ['an employee in sales', { kind: 'employee', teamId: 'sales' }, ['all', 'employees', 'sales']],
    ['an employee in support', { kind: 'employee', teamId: 'support' }, ['all', 'employees']],
    ['an employee without a team', { kind: 'employee', teamId: null }, ['all', 'employees']],
    ['a fan', { kind: 'fan', teamId: null }, ['all', 'fans']],
  ] as const)('requires the right modules for %s', (_name, member, expected) => {
    expect(ids(member)).toEqual(expected);
  });
});
