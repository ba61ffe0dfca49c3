import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../../api/problem';
import { useProblemMessage } from '../../../../app/i18n/useProblemMessage';

/** Why a move was refused: each field's rule (a time in the past, after the expiry), or the problem. */
export function MoveProblem({ error, title }: { error: unknown; title: string }) {
  const { t } = useTranslation();
  const { describe, describeField } = useProblemMessage();
  const problem = error instanceof ApiProblem ? error : null;
  // A stale version: the calendar has reloaded, which the hint says instead of the editor's "Reload it".
  const stale = problem?.code === 'pack.stale_version';
  const messages = stale
    ? [t('calendar.staleHint')]
    : problem?.errors.length
      ? [...new Set(problem.errors.map((field) => describeField(field.code)))]
      : [describe(error).message];
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {messages.map((message) => (
        <Text key={message} size="sm">
          {message}
        </Text>
      ))}
      {problem?.requestId ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t('errors.reference', { requestId: problem.requestId })}
        </Text>
      ) : null}
    </Alert>
  );
}
