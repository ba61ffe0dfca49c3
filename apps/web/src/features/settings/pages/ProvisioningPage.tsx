import { Button, Group, Paper, Select, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { API_TOKEN_EXPIRY_CHOICES_DAYS, API_TOKEN_NAME_MAX_LENGTH } from '@heimo/domain';
import i18n from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiToken, CreatedScimToken, ScimGroup } from '../../../api/types';
import { useFormat } from '../../../app/i18n/format';
import { addLazyMessages } from '../../../app/i18n/resources';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { SectionCard } from '../../../app/shell/SectionCard';
import { TokenRow, TokenShownOnce } from '../components/TokenCards';
import { CopyField } from '../../people/components/CopyField';
import { useTeams } from '../../teams/hooks/useTeams';
import {
  useCreateScimToken,
  useCreateTeamFromScimGroup,
  useLinkScimGroup,
  useRevokeScimToken,
  useScimGroups,
  useScimTokens,
} from '../hooks/useProvisioning';
import en from '../locales/provisioning.en.json';
import fi from '../locales/provisioning.fi.json';

// Both languages carry the same keys (each assignment fails to compile otherwise).
const english: typeof fi = en;
const finnish: typeof en = fi;
// Rarely opened: its strings load with it.
addLazyMessages(i18n, 'provisioning', { en: english, fi: finnish });

const DAY_MS = 24 * 3600 * 1000;
const NEVER = 'never';
const NO_TEAM = 'none';

/**
 * Settings → Provisioning: the SCIM base URL and tokens an identity provider needs, and which of
 * its groups set which team.
 */
export function ProvisioningPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('provisioning.title') }));
  const baseUrl = `${window.location.origin}/scim/v2`;

  return (
    <Stack gap="lg" maw={880}>
      <Stack gap={4}>
        <Button component={Link} to="/settings" variant="subtle" size="sm" px={0} w="fit-content">
          {t('provisioning.back')}
        </Button>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('provisioning.title')}
        </Title>
        <Text c="dimmed">{t('provisioning.intro')}</Text>
      </Stack>
      <SectionCard
        id="provisioning-endpoint"
        title={t('provisioning.endpoint.title')}
        intro={t('provisioning.endpoint.intro')}
      >
        <CopyField
          label={t('provisioning.endpoint.label')}
          value={baseUrl}
          copyLabel={t('provisioning.endpoint.copy')}
        />
      </SectionCard>
      <TokensSection />
      <GroupsSection />
    </Stack>
  );
}

function TokensSection() {
  const { t } = useTranslation();
  const tokens = useScimTokens();
  const [created, setCreated] = useState<CreatedScimToken | null>(null);
  return (
    <SectionCard
      id="provisioning-tokens"
      title={t('provisioning.tokens.title')}
      intro={t('provisioning.tokens.intro')}
    >
      {created ? (
        <TokenShownOnce texts="provisioning.tokens" token={created} onDone={() => setCreated(null)} />
      ) : null}
      <CreateTokenForm onCreated={setCreated} />
      {tokens.isError ? (
        <ProblemAlert error={tokens.error} title={t('provisioning.tokens.loadFailed')} />
      ) : tokens.isPending ? (
        <Skeleton h={80} aria-label={t('app.loading')} />
      ) : tokens.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('provisioning.tokens.empty')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {tokens.data.map((token) => (
            <ScimTokenRow key={token.id} token={token} />
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedScimToken) => void }) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const create = useCreateScimToken();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<string>(NEVER);
  const [hint, setHint] = useState<string | undefined>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) {
      setHint(t('provisioning.tokens.nameRequired'));
      return;
    }
    setHint(undefined);
    create.mutate(
      {
        name: name.trim(),
        ...(expiry === NEVER
          ? {}
          : { expiresAt: new Date(Date.now() + Number(expiry) * DAY_MS).toISOString() }),
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
    <form noValidate onSubmit={submit} aria-label={t('provisioning.tokens.createTitle')}>
      <Stack gap="sm">
        {create.isError ? (
          <ProblemAlert error={create.error} title={t('provisioning.tokens.createFailed')} />
        ) : null}
        <TextInput
          label={t('provisioning.tokens.name')}
          description={t('provisioning.tokens.nameHint')}
          value={name}
          maxLength={API_TOKEN_NAME_MAX_LENGTH}
          onChange={(event) => setName(event.currentTarget.value)}
          error={hint ?? fieldError(create.error, 'name')}
          required
        />
        <Select
          label={t('provisioning.tokens.expiry')}
          data={[
            { value: NEVER, label: t('provisioning.tokens.never') },
            ...API_TOKEN_EXPIRY_CHOICES_DAYS.map((choice) => ({
              value: String(choice),
              label: t('provisioning.tokens.expiryDays', { count: choice }),
            })),
          ]}
          value={expiry}
          onChange={(value) => setExpiry(value ?? NEVER)}
          allowDeselect={false}
          error={fieldError(create.error, 'expiresAt')}
          maw={360}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('provisioning.tokens.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ScimTokenRow({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const format = useFormat();
  const revoke = useRevokeScimToken();
  return (
    <TokenRow
      texts="provisioning.tokens"
      token={token}
      revoke={revoke}
      created={t('provisioning.tokens.createdOn', { date: format.shortDate(new Date(token.createdAt)) })}
    />
  );
}

function GroupsSection() {
  const { t } = useTranslation();
  const groups = useScimGroups();
  return (
    <SectionCard
      id="provisioning-groups"
      title={t('provisioning.groups.title')}
      intro={t('provisioning.groups.intro')}
    >
      {groups.isError ? (
        <ProblemAlert error={groups.error} title={t('provisioning.groups.loadFailed')} />
      ) : groups.isPending ? (
        <Skeleton h={80} aria-label={t('app.loading')} />
      ) : groups.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('provisioning.groups.empty')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {groups.data.map((group) => (
            <GroupRow key={group.id} group={group} />
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}

function GroupRow({ group }: { group: ScimGroup }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const link = useLinkScimGroup();
  const createTeam = useCreateTeamFromScimGroup();
  return (
    <Paper component="li" withBorder radius="sm" p="sm">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {group.displayName}
          </Text>
          <Text size="sm" c="dimmed">
            {t('provisioning.groups.members', { count: group.memberCount })}
          </Text>
        </Group>
        <Select
          label={t('provisioning.groups.team', { name: group.displayName })}
          value={group.teamId ?? NO_TEAM}
          allowDeselect={false}
          disabled={link.isPending || teams.isPending}
          onChange={(value) =>
            link.mutate({ groupId: group.id, teamId: !value || value === NO_TEAM ? null : value })
          }
          data={[
            { value: NO_TEAM, label: t('provisioning.groups.noTeam') },
            ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
          ]}
          maw={360}
        />
        {group.teamId ? null : (
          <Group>
            <Button
              variant="light"
              h={44}
              loading={createTeam.isPending}
              onClick={() => createTeam.mutate(group.id)}
              style={{ maxWidth: '100%' }}
              styles={{ label: { whiteSpace: 'normal', overflowWrap: 'anywhere' } }}
            >
              {t('provisioning.groups.createTeam', { name: group.displayName })}
            </Button>
          </Group>
        )}
        {link.isError ? (
          <ProblemAlert error={link.error} title={t('provisioning.groups.linkFailed')} />
        ) : null}
        {createTeam.isError ? (
          <ProblemAlert error={createTeam.error} title={t('provisioning.groups.createTeamFailed')} />
        ) : null}
      </Stack>
    </Paper>
  );
}
