import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useSendPasswordReset } from '../hooks/useSendPasswordReset';

/** In the edit dialog of an active person: e-mails them a reset link (never shown to the admin). */
export function SendPasswordReset({ memberId, email }: { memberId: string; email: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const send = useSendPasswordReset();
  return (
    <Stack gap="xs" pt="md" mt="md" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      <Text size="sm" fw={600}>
        {t('people.passwordReset.title')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('people.passwordReset.intro', { email })}
      </Text>
      {send.isError ? <ProblemAlert error={send.error} title={t('people.passwordReset.failed')} /> : null}
      {send.data ? (
        <Alert color="teal" variant="light" radius="md" role="status">
          <Text size="sm">
            {t('people.passwordReset.sent', { email, date: format.dateTime(new Date(send.data.expiresAt)) })}
          </Text>
        </Alert>
      ) : null}
      <Button
        variant="light"
        onClick={() => send.mutate(memberId)}
        loading={send.isPending}
        w={{ base: '100%', xs: 'auto' }}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('people.passwordReset.send')}
      </Button>
    </Stack>
  );
}
