import { Alert, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../i18n/useProblemMessage';

interface ProblemAlertProps {
  error: unknown;
  title: string;
  children?: ReactNode;
}

/** An error in plain words, with the request id so support can find it. */
export function ProblemAlert({ error, title, children }: ProblemAlertProps) {
  const { t } = useTranslation();
  const { describe } = useProblemMessage();
  const { message, requestId } = describe(error);
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Text size="sm">{message}</Text>
      {requestId ? (
        <Text size="xs" c="dimmed" mt={4}>
          {t('errors.reference', { requestId })}
        </Text>
      ) : null}
      {children}
    </Alert>
  );
}
