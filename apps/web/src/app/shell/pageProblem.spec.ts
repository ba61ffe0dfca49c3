import { ApiProblem } from '../../api/problem';
import { pageProblemOf } from './pageProblem';

const problem = (status: number, code: string, fields: string[] = []) =>
  new ApiProblem(
    status,
    code,
    'Problem',
    undefined,
    fields.map((field) => ({ field, code: 'validation.isUuid' })),
  );

describe('pageProblemOf', () => {
  it('reads an unknown record, and a malformed id in the address, as a page that is not there', () => {
    expect(pageProblemOf(problem(404, 'pack.not_found'), 'packId')).toBe('notFound');
    expect(pageProblemOf(problem(400, 'validation.failed', ['packId']), 'packId')).toBe('notFound');
  });

  it('reads a 403 as not allowed', () => {
    expect(pageProblemOf(problem(403, 'auth.forbidden'), 'packId')).toBe('notAllowed');
  });

  it('leaves other failures to the page, to be tried again', () => {
    expect(pageProblemOf(problem(400, 'validation.failed', ['title']), 'packId')).toBeNull();
    expect(pageProblemOf(problem(503, 'client.server'), 'packId')).toBeNull();
    expect(pageProblemOf(ApiProblem.network(new TypeError('offline')), 'packId')).toBeNull();
    expect(pageProblemOf(new Error('boom'), 'packId')).toBeNull();
  });
});
