import type { FieldError } from './app-error';

/** RFC 9457 problem details, as every error leaves the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  requestId: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Where the documentation of each code lives; clients key on `code`, people follow `type`. */
export function problemType(code: string): string {
  return `https://heimo.dev/problems/${code}`;
}
