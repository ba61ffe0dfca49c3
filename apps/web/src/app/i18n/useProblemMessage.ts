// Turns any error into words: the API's problem code through errors.<code>, else a generic sentence.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, clientProblemCodes } from '../../api/problem';

// Codes arrive at run time; i18n.exists() guards them, so they are typed as any plain errors.* key.
type ErrorKey = 'errors.generic';

export interface ProblemMessage {
  message: string;
  requestId?: string;
}

export function useProblemMessage() {
  const { t, i18n } = useTranslation();

  const describe = useCallback(
    (error: unknown): ProblemMessage => {
      const problem = error instanceof ApiProblem ? error : null;
      const code = problem?.code ?? clientProblemCodes.unknown;
      if (code === 'rate_limited' && problem?.retryAfterSeconds !== undefined) {
        return { message: t('errors.rate_limited_seconds', { count: problem.retryAfterSeconds }) };
      }
      const key = `errors.${code}`;
      const message = i18n.exists(key) ? t(key as ErrorKey) : t('errors.generic');
      return { message: String(message), requestId: problem?.requestId };
    },
    [t, i18n],
  );

  /** A field error from problem+json `errors[]`: its code's translation, else a plain hint. */
  const describeField = useCallback(
    (code: string): string => {
      const key = `errors.${code}`;
      return i18n.exists(key) ? String(t(key as ErrorKey)) : t('errors.fieldInvalid');
    },
    [t, i18n],
  );

  /** The translated error the API gave for `field` (or a field under it), if any. */
  const fieldError = useCallback(
    (error: unknown, field: string): string | undefined => {
      if (!(error instanceof ApiProblem)) return undefined;
      const found = error.errors.find(
        (problem) => problem.field === field || problem.field.startsWith(`${field}.`),
      );
      return found ? describeField(found.code) : undefined;
    },
    [describeField],
  );

  return { describe, describeField, fieldError };
}
