import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types';
import { addLazyMessages } from '../../../app/i18n/resources';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { CopyField } from '../../people/components/CopyField';
import {
  type SaveSsoProvider,
  type SsoDomain,
  type SsoSettings,
  useActiveAdmins,
  useAddSsoDomain,
  useRemoveSsoDomain,
  useRemoveSsoProvider,
  useSaveSsoSettings,
  useSsoDomains,
  useSsoSettings,
  useTestSsoConnection,
  useVerifySsoDomain,
} from '../hooks/useSignInSettings';
import en from '../locales/signInSettings.en.json';
import fi from '../locales/signInSettings.fi.json';
import { SectionCard } from '../../../app/shell/SectionCard';

// Both languages carry the same keys (each assignment fails to compile otherwise).
const english: typeof fi = en;
const finnish: typeof en = fi;
// This page's strings load with it, not with every visit's first page.
addLazyMessages(i18n, 'signInSettings', { en: english, fi: finnish });

const ROLES: readonly Role[] = ['advocate', 'curator', 'leader', 'admin'];

interface Draft {
  issuer: string;
  clientId: string;
  clientSecret: string;
  nameClaim: string;
  emailClaim: string;
  localeClaim: string;
  teamClaim: string;
  provisioning: boolean;
  roles: Role[];
  kind: 'employee' | 'fan';
  requireSso: boolean;
  breakGlass: string[];
}

function toDraft(settings: SsoSettings): Draft {
  const p = settings.provider;
  return {
    issuer: p?.issuer ?? '',
    clientId: p?.clientId ?? '',
    clientSecret: '',
    nameClaim: p?.claims.name ?? 'name',
    emailClaim: p?.claims.email ?? 'email',
    localeClaim: p?.claims.locale ?? 'locale',
    teamClaim: p?.claims.team ?? '',
    provisioning: p?.provisioning.enabled ?? false,
    roles: (p?.provisioning.roles as Role[] | undefined) ?? ['advocate'],
    kind: (p?.provisioning.kind as Draft['kind'] | undefined) ?? 'employee',
    requireSso: p?.requireSso ?? false,
    breakGlass: p?.breakGlassMemberIds ?? [],
  };
}

function toBody(draft: Draft): SaveSsoProvider {
  return {
    issuer: draft.issuer.trim(),
    clientId: draft.clientId.trim(),
    ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
    claims: {
      name: draft.nameClaim.trim(),
      email: draft.emailClaim.trim(),
      locale: draft.localeClaim.trim() || null,
      team: draft.teamClaim.trim() || null,
    },
    provisioning: { enabled: draft.provisioning, roles: draft.roles, kind: draft.kind },
    requireSso: draft.requireSso,
    breakGlassMemberIds: draft.breakGlass,
  };
}

/** Settings → Sign-in: the organisation's OpenID provider and the mail domains it has proven. */
export function SignInSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('signInSettings.title') }));
  const settings = useSsoSettings();
  const [generation, setGeneration] = useState(0);

  return (
    <Stack gap="lg" maw={880}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('signInSettings.title')}
        </Title>
        <Text c="dimmed">{t('signInSettings.intro')}</Text>
      </Stack>
      {settings.isError ? (
        <ProblemAlert error={settings.error} title={t('signInSettings.loadFailed')} />
      ) : settings.isPending ? (
        <Skeleton h={320} />
      ) : (
        <ProviderForm key={generation} settings={settings.data} onSaved={() => setGeneration((n) => n + 1)} />
      )}
      <DomainsPanel />
    </Stack>
  );
}

function ProviderForm({ settings, onSaved }: { settings: SsoSettings; onSaved: () => void }) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const [draft, setDraft] = useState(() => toDraft(settings));
  const save = useSaveSsoSettings();
  const test = useTestSsoConnection();
  const remove = useRemoveSsoProvider();
  const admins = useActiveAdmins();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const saved = settings.provider !== null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    test.reset();
    save.mutate(toBody(draft), { onSuccess: onSaved });
  };

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="sso-provider"
    >
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={2} fz="h3" id="sso-provider">
              {t('signInSettings.provider.heading')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('signInSettings.provider.intro')}
            </Text>
          </Stack>
          <CopyField
            label={t('signInSettings.provider.redirectUri')}
            value={settings.redirectUri}
            copyLabel={t('signInSettings.copy')}
          />
          {save.isError ? <ProblemAlert error={save.error} title={t('signInSettings.saveFailed')} /> : null}
          {save.isSuccess ? (
            <Alert color="teal" role="status">
              {t('signInSettings.saved')}
            </Alert>
          ) : null}
          <TextInput
            label={t('signInSettings.provider.issuer')}
            description={t('signInSettings.provider.issuerHint')}
            placeholder="https://login.microsoftonline.com/…/v2.0"
            value={draft.issuer}
            onChange={(e) => set('issuer', e.currentTarget.value)}
            error={fieldError(save.error, 'issuer') ?? fieldError(test.error, 'issuer')}
            inputMode="url"
            autoCapitalize="none"
            spellCheck={false}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('signInSettings.provider.clientId')}
              value={draft.clientId}
              onChange={(e) => set('clientId', e.currentTarget.value)}
              error={fieldError(save.error, 'clientId') ?? fieldError(test.error, 'clientId')}
              autoCapitalize="none"
              spellCheck={false}
            />
            <PasswordInput
              label={t('signInSettings.provider.clientSecret')}
              description={saved ? t('signInSettings.provider.secretKept') : undefined}
              value={draft.clientSecret}
              onChange={(e) => set('clientSecret', e.currentTarget.value)}
              error={fieldError(save.error, 'clientSecret') ?? fieldError(test.error, 'clientSecret')}
              autoComplete="new-password"
              size="lg"
              vars={() => ({ root: { '--psi-button-size': '44px', '--psi-icon-size': '22px' } })}
            />
          </SimpleGrid>
          <Title order={3} fz="h4">
            {t('signInSettings.claims.heading')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('signInSettings.claims.name')}
              value={draft.nameClaim}
              onChange={(e) => set('nameClaim', e.currentTarget.value)}
              error={fieldError(save.error, 'claims.name')}
            />
            <TextInput
              label={t('signInSettings.claims.email')}
              value={draft.emailClaim}
              onChange={(e) => set('emailClaim', e.currentTarget.value)}
              error={fieldError(save.error, 'claims.email')}
            />
            <TextInput
              label={t('signInSettings.claims.locale')}
              value={draft.localeClaim}
              onChange={(e) => set('localeClaim', e.currentTarget.value)}
              error={fieldError(save.error, 'claims.locale')}
            />
            <TextInput
              label={t('signInSettings.claims.team')}
              description={t('signInSettings.claims.teamHint')}
              value={draft.teamClaim}
              onChange={(e) => set('teamClaim', e.currentTarget.value)}
              error={fieldError(save.error, 'claims.team')}
            />
          </SimpleGrid>
          <Title order={3} fz="h4">
            {t('signInSettings.provisioning.heading')}
          </Title>
          <Switch
            size="md"
            label={t('signInSettings.provisioning.enabled')}
            description={t('signInSettings.provisioning.enabledHint')}
            checked={draft.provisioning}
            onChange={(e) => set('provisioning', e.currentTarget.checked)}
          />
          {draft.provisioning ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Checkbox.Group
                label={t('signInSettings.provisioning.roles')}
                value={draft.roles}
                onChange={(roles) => set('roles', roles as Role[])}
                error={fieldError(save.error, 'provisioning.roles')}
              >
                <Stack gap={6} mt={6}>
                  {ROLES.map((role) => (
                    <Checkbox
                      key={role}
                      value={role}
                      label={t(`roles.${role}`)}
                      // The whole 44 px row is the thumb's target (the label toggles the box).
                      styles={{
                        body: { alignItems: 'center' },
                        label: { minHeight: 44, display: 'flex', alignItems: 'center' },
                      }}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Select
                label={t('signInSettings.provisioning.kind')}
                data={[
                  { value: 'employee', label: t('signInSettings.provisioning.employee') },
                  { value: 'fan', label: t('signInSettings.provisioning.fan') },
                ]}
                value={draft.kind}
                allowDeselect={false}
                onChange={(kind) => set('kind', (kind as Draft['kind'] | null) ?? 'employee')}
              />
            </SimpleGrid>
          ) : null}
          <Title order={3} fz="h4">
            {t('signInSettings.require.heading')}
          </Title>
          <Switch
            size="md"
            label={t('signInSettings.require.enabled')}
            description={t('signInSettings.require.enabledHint')}
            checked={draft.requireSso}
            onChange={(e) => set('requireSso', e.currentTarget.checked)}
          />
          <MultiSelect
            label={t('signInSettings.require.breakGlass')}
            description={t('signInSettings.require.breakGlassHint')}
            data={(admins.data?.items ?? []).map((person) => ({
              value: person.id,
              label: `${person.name} (${person.email})`,
            }))}
            value={draft.breakGlass}
            onChange={(ids) => set('breakGlass', ids)}
            error={fieldError(save.error, 'breakGlassMemberIds')}
            size="md"
            searchable
            // The typing field fills the box, so a thumb anywhere in it opens the list.
            styles={{ inputField: { minHeight: 44 } }}
          />
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {t('signInSettings.save')}
            </Button>
            <Button
              variant="default"
              // The settings as typed; a blank secret means the saved one.
              disabled={!draft.issuer.trim() || !draft.clientId.trim() || (!saved && !draft.clientSecret)}
              loading={test.isPending}
              onClick={() => {
                const { issuer, clientId, clientSecret } = toBody(draft);
                test.mutate({ issuer, clientId, ...(clientSecret ? { clientSecret } : {}) });
              }}
            >
              {t('signInSettings.test.button')}
            </Button>
            {saved ? (
              <Button
                variant="subtle"
                color="red"
                loading={remove.isPending}
                onClick={() => {
                  if (window.confirm(t('signInSettings.removeConfirm')))
                    remove.mutate(undefined, { onSuccess: onSaved });
                }}
              >
                {t('signInSettings.remove')}
              </Button>
            ) : null}
          </Group>
          {test.isError ? <ProblemAlert error={test.error} title={t('signInSettings.test.failed')} /> : null}
          {test.data ? (
            <Alert
              role="status"
              color={test.data.discovery && test.data.credentials ? 'teal' : 'red'}
              title={
                test.data.discovery && test.data.credentials
                  ? t('signInSettings.test.ok')
                  : t('signInSettings.test.notOk')
              }
            >
              <Stack gap={4}>
                <Text size="sm">
                  {t('signInSettings.test.discovery')}: {test.data.discovery ? '✓' : '✗'}
                </Text>
                <Text size="sm">
                  {t('signInSettings.test.credentials')}: {test.data.credentials ? '✓' : '✗'}
                </Text>
                {test.data.detail ? (
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {test.data.detail}
                  </Text>
                ) : null}
              </Stack>
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

function DomainsPanel() {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const domains = useSsoDomains();
  const add = useAddSsoDomain();
  const [name, setName] = useState('');

  return (
    <SectionCard
      id="sso-domains"
      title={t('signInSettings.domains.heading')}
      intro={t('signInSettings.domains.intro')}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(name, { onSuccess: () => setName('') });
        }}
      >
        <Group gap="sm" align="start" wrap="wrap">
          <TextInput
            label={t('signInSettings.domains.add')}
            placeholder="example.com"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(add.error, 'domain')}
            style={{ flex: '1 1 14rem' }}
            autoCapitalize="none"
            spellCheck={false}
          />
          <Button type="submit" mt={{ base: 0, xs: 25 }} loading={add.isPending}>
            {t('signInSettings.domains.addButton')}
          </Button>
        </Group>
      </form>
      {add.isError && !fieldError(add.error, 'domain') ? (
        <ProblemAlert error={add.error} title={t('signInSettings.domains.addFailed')} />
      ) : null}
      {domains.isError ? (
        <ProblemAlert error={domains.error} title={t('signInSettings.loadFailed')} />
      ) : domains.isPending ? (
        <Skeleton h={80} />
      ) : domains.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('signInSettings.domains.empty')}
        </Text>
      ) : (
        domains.data.items.map((domain) => <DomainRow key={domain.id} domain={domain} />)
      )}
    </SectionCard>
  );
}

function DomainRow({ domain }: { domain: SsoDomain }) {
  const { t } = useTranslation();
  const verify = useVerifySsoDomain();
  const remove = useRemoveSsoDomain();
  const failure = verify.error ?? remove.error;
  return (
    <Paper withBorder radius="sm" p="sm" data-testid={`domain-${domain.domain}`}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {domain.domain}
          </Text>
          {domain.verifiedAt ? (
            <Badge color="teal" variant="light">
              {t('signInSettings.domains.verified')}
            </Badge>
          ) : (
            <Badge color="yellow" variant="light">
              {t('signInSettings.domains.unverified')}
            </Badge>
          )}
        </Group>
        {failure ? <ProblemAlert error={failure} title={t('signInSettings.domains.verifyFailed')} /> : null}
        {domain.verifiedAt ? null : (
          <>
            <Text size="sm">{t('signInSettings.domains.instructions')}</Text>
            <CopyField
              label={t('signInSettings.domains.recordName')}
              value={domain.recordName}
              copyLabel={t('signInSettings.copy')}
            />
            <CopyField
              label={t('signInSettings.domains.recordValue')}
              value={domain.recordValue}
              copyLabel={t('signInSettings.copy')}
            />
          </>
        )}
        <Group gap="sm">
          {domain.verifiedAt ? null : (
            <Button loading={verify.isPending} onClick={() => verify.mutate(domain.id)}>
              {t('signInSettings.domains.verify')}
            </Button>
          )}
          <Button
            variant="subtle"
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate(domain.id)}
          >
            {t('signInSettings.domains.remove')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
