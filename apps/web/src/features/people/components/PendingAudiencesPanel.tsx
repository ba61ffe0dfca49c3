import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { networkLabel } from '../../profile/components/NetworkMark';
import { useAudienceConfirmations, useConfirmAudience } from '../hooks/useAudienceConfirmations';

/**
 * Self-reported audiences above the organisation's ceiling or grown more than twofold within 30
 * days: each counts at its earlier size until the admin confirms it here. Hidden while none wait.
 */
export function PendingAudiencesPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const pending = useAudienceConfirmations();
  const confirm = useConfirmAudience();
  const [done, setDone] = useState<string | null>(null);

  if (pending.isError)
    return (
      <ProblemAlert error={pending.error} title={t('people.audiences.title')}>
        <Button variant="light" color="red" mt="sm" onClick={() => void pending.refetch()}>
          {t('common.retry')}
        </Button>
      </ProblemAlert>
    );
  const items = pending.data?.items ?? [];
  if (items.length === 0 && !done) return null;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="pending-audiences-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="pending-audiences-title">
          {t('people.audiences.title')}
        </Title>
        {done ? (
          <Alert color="teal" variant="light" role="status">
            {done}
          </Alert>
        ) : null}
        {confirm.error ? <ProblemAlert error={confirm.error} title={t('people.audiences.title')} /> : null}
        {items.length === 0 ? <Text c="dimmed">{t('people.audiences.none')}</Text> : null}
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((item) => {
            const network = networkLabel(item.network);
            const reported = format.integer(item.pendingAudienceSize);
            return (
              <Paper
                key={item.profileId}
                component="li"
                withBorder
                p="sm"
                radius="md"
                data-testid="pending-audience"
              >
                <Group justify="space-between" align="center" gap="sm" wrap="wrap">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {item.memberName} · {network} · {item.handle}
                    </Text>
                    <Group gap="xs">
                      <Text size="sm">{t('people.audiences.reported', { reported })}</Text>
                      <Text size="sm" c="dimmed">
                        {t('people.audiences.counts', { counted: format.integer(item.audienceSize) })}
                      </Text>
                      <Badge variant="light" color="yellow">
                        {t(`people.audiences.reason_${item.reason}`)}
                      </Badge>
                    </Group>
                  </Stack>
                  <Button
                    mih={44}
                    loading={confirm.isPending && confirm.variables?.profileId === item.profileId}
                    aria-label={t('people.audiences.confirmFor', { name: item.memberName, network })}
                    onClick={() =>
                      confirm.mutate(
                        { profileId: item.profileId, audienceSize: item.pendingAudienceSize },
                        {
                          onSuccess: () =>
                            setDone(
                              t('people.audiences.confirmed', { name: item.memberName, network, reported }),
                            ),
                        },
                      )
                    }
                  >
                    {t('people.audiences.confirm', { reported })}
                  </Button>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      </Stack>
    </Paper>
  );
}
