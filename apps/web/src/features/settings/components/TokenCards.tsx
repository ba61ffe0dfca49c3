import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../../api/types';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { CopyField } from '../../people/components/CopyField';

/**
 * The two kinds of organisation token an admin manages (API tokens on Integrations, SCIM tokens on
 * Provisioning): their texts carry the same keys under these prefixes.
 */
export type TokenTexts = 'integrations.apiTokens' | 'provisioning.tokens';

const statusColours: Record<ApiToken['status'], string> = { active: 'teal', expired: 'gray', revoked: 'red' };

/** A new token, shown once with a copy button: Heimo keeps only its hash. */
export function TokenShownOnce({
  texts,
  token,
  onDone,
  children,
}: {
  texts: TokenTexts;
  token: { name: string; token: string };
  onDone: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" variant="light" title={t(`${texts}.createdTitle`, { name: token.name })}>
      <Stack gap="sm">
        <Text size="sm">{t(`${texts}.createdBody`)}</Text>
        <CopyField label={t(`${texts}.token`)} value={token.token} copyLabel={t(`${texts}.copy`)} />
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t(`${texts}.done`)}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** What a token row needs of its revoke mutation. */
interface Revoke {
  mutate(id: string, options: { onSuccess: () => void }): void;
  readonly isPending: boolean;
  readonly isError: boolean;
  readonly error: unknown;
}

/**
 * A token in its list: name, status, hint, when it was created (`created`, worded by the caller),
 * revoked or expires, and last used; `children` go under the hint (an API token's scopes). An active
 * token is revoked after a confirmation.
 */
export function TokenRow({
  texts,
  token,
  created,
  revoke,
  children,
}: {
  texts: TokenTexts;
  token: ApiToken;
  created: string;
  revoke: Revoke;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [confirming, setConfirming] = useState(false);
  return (
    <Paper component="li" withBorder radius="sm" p="sm" aria-label={token.name}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {token.name}
          </Text>
          <Badge color={statusColours[token.status]} variant="light" radius="sm" tt="none">
            {t(`${texts}.status.${token.status}`)}
          </Badge>
        </Group>
        <Text size="sm" ff="monospace">
          {`${token.hint}…`}
        </Text>
        {children}
        <Text size="xs" c="dimmed">
          {[
            created,
            token.revokedAt
              ? t(`${texts}.revokedOn`, { date: format.dateTime(new Date(token.revokedAt)) })
              : token.expiresAt
                ? t(`${texts}.expiresOn`, { date: format.shortDate(new Date(token.expiresAt)) })
                : null,
            token.lastUsedAt
              ? t(`${texts}.lastUsed`, { date: format.dateTime(new Date(token.lastUsedAt)) })
              : t(`${texts}.neverUsed`),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {token.status === 'active' ? (
          <Group justify="flex-end">
            <Button variant="light" color="red" h={44} onClick={() => setConfirming(true)}>
              {t(`${texts}.revoke`)}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t(`${texts}.revokeTitle`, { name: token.name })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text size="sm">{t(`${texts}.revokeBody`)}</Text>
          {revoke.isError ? <ProblemAlert error={revoke.error} title={t(`${texts}.revokeFailed`)} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(token.id, { onSuccess: () => setConfirming(false) })}
            >
              {t(`${texts}.revokeConfirm`)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
