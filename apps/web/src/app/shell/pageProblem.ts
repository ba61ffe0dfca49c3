import { ApiProblem } from '../../api/problem';

export type PageProblem = 'notFound' | 'notAllowed';

/**
 * What a failed load of the record a page's address names means for the person: nothing there (the
 * API knows no such record, or refuses the id in the address as malformed — a mistyped address, not a
 * form to fix) or not for them. Anything else (the network, the server) is worth trying again.
 */
export function pageProblemOf(error: unknown, idParam: string): PageProblem | null {
  if (!(error instanceof ApiProblem)) return null;
  if (error.status === 404) return 'notFound';
  if (error.status === 403) return 'notAllowed';
  if (error.status === 400 && error.errors.some((field) => field.field === idParam)) return 'notFound';
  return null;
}
