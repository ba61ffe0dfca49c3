import { Badge, Button, Checkbox, Group, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import {
  API_TOKEN_EXPIRY_CHOICES_DAYS,
  API_TOKEN_NAME_MAX_LENGTH,
  GRANTABLE_API_TOKEN_SCOPES,
  type GrantableApiTokenScope,
} from '@heimo/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, CreatedApiToken } from '../../../api/types';
import { useFormat } from '../../../app/i18n/format';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../hooks/useApiTokens';
import { SectionCard } from '../../../app/shell/SectionCard';
import { TokenRow, TokenShownOnce } from './TokenCards';

const DAY_MS = 24 * 3600 * 1000;
/** i18next reads `:` as its namespace separator, so the scopes' labels have keys of their own. */
const scopeLabelKeys = {
  'insights:read': 'integrations.apiTokens.scopeNames.insightsRead',
  'packs:read': 'integrations.apiTokens.scopeNames.packsRead',
  'packs:write': 'integrations.apiTokens.scopeNames.packsWrite',
  'people:read': 'integrations.apiTokens.scopeNames.peopleRead',
  'audit:read': 'integrations.apiTokens.scopeNames.auditRead',
} as const satisfies Record<GrantableApiTokenScope, string>;

/**
 * Organisation API tokens for reporting tools: create one with scopes and an expiry (its token is
 * shown once, with a copy button, because Heimo keeps only its hash), see when each was last used,
 * revoke one.
 */
export function ApiTokensSection() {
  const { t } = useTranslation();
  const tokens = useApiTokens();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  return (
    <SectionCard
      id="integrations-api-tokens"
      title={t('integrations.apiTokens.title')}
      intro={t('integrations.apiTokens.intro')}
    >
      {created ? (
        <TokenShownOnce texts="integrations.apiTokens" token={created} onDone={() => setCreated(null)}>
          <Text size="xs" c="dimmed">
            {t('integrations.apiTokens.usage')}
          </Text>
        </TokenShownOnce>
      ) : null}
      <CreateTokenForm onCreated={setCreated} />
      {tokens.isError ? (
        <ProblemAlert error={tokens.error} title={t('integrations.apiTokens.loadFailed')} />
      ) : tokens.isPending ? (
        <Skeleton h={80} aria-label={t('app.loading')} />
      ) : tokens.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('integrations.apiTokens.empty')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {tokens.data.map((token) => (
            <ApiTokenRow key={token.id} token={token} />
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<GrantableApiTokenScope[]>(['insights:read']);
  const [days, setDays] = useState<string>('90');
  const [hints, setHints] = useState<{ name?: string; scopes?: string }>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof hints = {};
    if (!name.trim()) found.name = t('integrations.apiTokens.nameRequired');
    if (scopes.length === 0) found.scopes = t('integrations.apiTokens.scopesRequired');
    setHints(found);
    if (found.name || found.scopes) return;
    create.mutate(
      {
        name: name.trim(),
        scopes,
        expiresAt: new Date(Date.now() + Number(days) * DAY_MS).toISOString(),
      },
      {
        onSuccess: (token) => {
          setName('');
          onCreated(token);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} aria-label={t('integrations.apiTokens.createTitle')}>
      <Stack gap="sm">
        {create.isError ? (
          <ProblemAlert error={create.error} title={t('integrations.apiTokens.createFailed')} />
        ) : null}
        <TextInput
          label={t('integrations.apiTokens.name')}
          description={t('integrations.apiTokens.nameHint')}
          value={name}
          maxLength={API_TOKEN_NAME_MAX_LENGTH}
          onChange={(event) => setName(event.currentTarget.value)}
          error={hints.name ?? fieldError(create.error, 'name')}
          required
        />
        <Checkbox.Group
          label={t('integrations.apiTokens.scopes')}
          description={t('integrations.apiTokens.scopesHint')}
          value={scopes}
          onChange={(value) => setScopes(GRANTABLE_API_TOKEN_SCOPES.filter((scope) => value.includes(scope)))}
          error={hints.scopes ?? fieldError(create.error, 'scopes')}
        >
          <Stack gap="xs" mt="xs">
            {GRANTABLE_API_TOKEN_SCOPES.map((scope) => (
              <Checkbox.Card key={scope} value={scope} radius="md" px="sm" py={6} mih={44}>
                <Group wrap="nowrap" gap="sm" align="center">
                  <Checkbox.Indicator />
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {t(scopeLabelKeys[scope])}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {scope}
                    </Text>
                  </Stack>
                </Group>
              </Checkbox.Card>
            ))}
          </Stack>
        </Checkbox.Group>
        <Select
          label={t('integrations.apiTokens.expiry')}
          data={API_TOKEN_EXPIRY_CHOICES_DAYS.map((choice) => ({
            value: String(choice),
            label: t('integrations.apiTokens.expiryDays', { count: choice }),
          }))}
          value={days}
          onChange={(value) => setDays(value ?? '90')}
          allowDeselect={false}
          error={fieldError(create.error, 'expiresAt')}
          maw={280}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('integrations.apiTokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ApiTokenRow({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const format = useFormat();
  const revoke = useRevokeApiToken();
  const date = format.shortDate(new Date(token.createdAt));
  return (
    <TokenRow
      texts="integrations.apiTokens"
      token={token}
      revoke={revoke}
      created={
        token.createdByName
          ? t('integrations.apiTokens.createdBy', { name: token.createdByName, date })
          : t('integrations.apiTokens.createdOn', { date })
      }
    >
      <Group gap={6} wrap="wrap">
        {token.scopes.map((scope) => (
          <Badge key={scope} variant="outline" radius="sm" tt="none" color="gray">
            {scope}
          </Badge>
        ))}
      </Group>
    </TokenRow>
  );
}
