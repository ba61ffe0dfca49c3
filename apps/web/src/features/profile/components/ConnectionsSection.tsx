import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  PasswordInput,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import i18n from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { addLazyMessages } from '../../../app/i18n/resources';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ConfirmRemovalDialog } from '../../../app/shell/ConfirmRemovalDialog';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import {
  type ConnectableNetwork,
  type Connection,
  useAuthorizeConnection,
  useConnectWithPassword,
  useConnections,
  useDisconnect,
} from '../hooks/useConnections';
import en from '../locales/connections.en.json';
import fi from '../locales/connections.fi.json';
import { NetworkMark, networkLabel } from './NetworkMark';

// Both languages carry the same keys (each assignment fails to compile otherwise).
const english: typeof fi = en;
const finnish: typeof en = fi;
// These strings load with this section's code, not with every visit's first page.
addLazyMessages(i18n, 'connections', { en: english, fi: finnish });

/** Where a member makes the password an `app_password` connection asks for (the method's only network, Bluesky). */
const APP_PASSWORD_HELP_URL = 'https://bsky.app/settings/app-passwords';

export interface ConnectionsReturn {
  /** `?connected=<network>` from the OAuth callback. */
  readonly connected: string | null;
  /** `?error=<code>` from the OAuth callback. */
  readonly error: string | null;
}

/**
 * The member's connected accounts: each network Heimo can connect with its way of connecting, the
 * connection's verified follower count and a disconnect, and the partner-only networks with why not.
 * Generic: the connect method comes from the API, never from a network's id.
 */
export function ConnectionsSection({ returned }: { returned: ConnectionsReturn }) {
  const { t } = useTranslation();
  const { describeField } = useProblemMessage();
  const connections = useConnections();
  const [notice, setNotice] = useState<string | null>(
    returned.connected
      ? t('connections.connectedNotice', { network: networkLabel(returned.connected) })
      : null,
  );
  const [disconnecting, setDisconnecting] = useState<ConnectableNetwork | null>(null);
  const returning = returned.connected !== null || returned.error !== null;
  // Back from the network's authorisation: the outcome is here, not at the top of the page.
  useEffect(() => {
    if (returning) document.getElementById('connections-heading')?.scrollIntoView({ block: 'start' });
  }, [returning]);
  const offered = connections.data?.filter((entry) => entry.offered) ?? [];
  const unavailable = connections.data?.filter((entry) => !entry.offered) ?? [];

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="connections-heading"
    >
      <Stack gap="md">
        <Stack gap={2} maw={620}>
          <Title order={2} fz="h3" id="connections-heading">
            {t('connections.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('connections.intro')}
          </Text>
        </Stack>
        {notice ? (
          <Alert color="teal" variant="light" radius="md" role="status">
            <Text size="sm">{notice}</Text>
          </Alert>
        ) : null}
        {returned.error ? (
          <Alert color="red" variant="light" title={t('connections.returnFailed')} role="alert">
            <Text size="sm">{describeField(returned.error)}</Text>
          </Alert>
        ) : null}
        {connections.isError ? (
          <ProblemAlert error={connections.error} title={t('connections.loadFailed')}>
            <Button variant="light" color="red" mt="sm" onClick={() => void connections.refetch()}>
              {t('common.retry')}
            </Button>
          </ProblemAlert>
        ) : connections.isPending ? (
          <Skeleton h={96} radius="md" role="status" aria-busy="true" aria-label={t('app.loading')} />
        ) : (
          <>
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {offered.map((entry) => (
                <ConnectableCard
                  key={entry.network}
                  entry={entry}
                  onDisconnect={() => {
                    setNotice(null);
                    setDisconnecting(entry);
                  }}
                />
              ))}
            </Stack>
            {unavailable.length > 0 ? (
              <Stack gap="xs">
                <Title order={3} fz="h5">
                  {t('connections.notAvailableTitle')}
                </Title>
                <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {unavailable.map((entry) => (
                    <Group
                      key={entry.network}
                      component="li"
                      gap="sm"
                      wrap="nowrap"
                      align="flex-start"
                      aria-label={t('connections.item', { network: networkLabel(entry.network) })}
                    >
                      <NetworkMark network={entry.network} size={28} />
                      <Stack gap={0} miw={0}>
                        <Group gap="xs">
                          <Text size="sm" fw={600}>
                            {networkLabel(entry.network)}
                          </Text>
                          <Badge color="gray" variant="light" size="sm">
                            {t('connections.notAvailable')}
                          </Badge>
                        </Group>
                        <Text size="sm" c="dimmed">
                          {t('connections.partnerOnly', {
                            reason: entry.reason ?? '',
                            network: networkLabel(entry.network),
                          })}
                        </Text>
                      </Stack>
                    </Group>
                  ))}
                </Stack>
              </Stack>
            ) : null}
          </>
        )}
      </Stack>
      <DisconnectDialog
        entry={disconnecting}
        onClose={() => setDisconnecting(null)}
        onDone={(network) => setNotice(t('connections.disconnected', { network: networkLabel(network) }))}
      />
    </Paper>
  );
}

function ConnectableCard({ entry, onDisconnect }: { entry: ConnectableNetwork; onDisconnect: () => void }) {
  const { t } = useTranslation();
  const label = networkLabel(entry.network);
  const connection = entry.connection;
  const active = connection?.status === 'active';
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="li"
      aria-label={t('connections.item', { network: label })}
    >
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <NetworkMark network={entry.network} />
          <Stack gap={2} miw={0} style={{ flex: 1 }}>
            <Group gap="xs">
              <Text fw={600}>{label}</Text>
              {connection ? (
                <Badge color={active ? 'teal' : 'red'} variant="light">
                  {active ? t('connections.connected') : t('connections.broken')}
                </Badge>
              ) : null}
            </Group>
            {connection ? <ConnectionFacts connection={connection} label={label} /> : null}
          </Stack>
        </Group>
        {connection && !active ? (
          <Alert color="red" variant="light" role="status">
            <Text size="sm">{t('connections.brokenBody', { network: label })}</Text>
          </Alert>
        ) : null}
        {active ? null : entry.connect === 'app_password' ? (
          <AppPasswordForm network={entry.network} label={label} />
        ) : entry.connect === 'instance_oauth' ? (
          <ServerForm network={entry.network} label={label} />
        ) : null}
        {connection ? (
          <Group justify="flex-end">
            <Button
              variant="light"
              color="red"
              onClick={onDisconnect}
              aria-label={t('connections.disconnectLabel', { network: label })}
              w={{ base: '100%', xs: 'auto' }}
            >
              {t('connections.disconnect')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function ConnectionFacts({ connection, label }: { connection: Connection; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <Anchor
        href={connection.profileUrl}
        target="_blank"
        rel="noopener noreferrer"
        size="sm"
        style={{ overflowWrap: 'anywhere', display: 'flex', alignItems: 'center', minHeight: 44 }}
        aria-label={`${connection.handle} — ${t('connections.viewProfile', { network: label })}`}
      >
        {connection.handle}
      </Anchor>
      <Text size="sm" fw={600} data-testid="verified-followers">
        {connection.status === 'active'
          ? t('connections.followers', { count: connection.followers })
          : t('connections.followersLast', { count: connection.followers })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('connections.checkedAt', {
          network: label,
          date: format.dateTime(new Date(connection.followersCheckedAt)),
        })}
      </Text>
    </>
  );
}

function AppPasswordForm({ network, label }: { network: string; label: string }) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const connect = useConnectWithPassword();
  const [identifier, setIdentifier] = useState('');
  const [appPassword, setAppPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const error = connect.error;
  const identifierError = fieldError(error, 'identifier');
  const passwordError = fieldError(error, 'appPassword');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = identifier.trim();
    if (!trimmed || !appPassword) {
      setMissing(true);
      return;
    }
    setMissing(false);
    connect.mutate({ network, identifier: trimmed, appPassword }, { onSuccess: () => setAppPassword('') });
  };

  return (
    <form noValidate onSubmit={submit} aria-label={t('connections.appPassword.connect', { network: label })}>
      <Stack gap="sm">
        {error && !identifierError && !passwordError ? (
          <ProblemAlert error={error} title={t('connections.appPassword.failed', { network: label })} />
        ) : null}
        {missing ? (
          <Text size="sm" c="red" role="alert">
            {t('connections.appPassword.required')}
          </Text>
        ) : null}
        <TextInput
          label={t('connections.appPassword.identifier')}
          description={t('connections.appPassword.identifierHint')}
          name="identifier"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={identifier}
          onChange={(event) => {
            setIdentifier(event.currentTarget.value);
            connect.reset();
          }}
          error={identifierError}
        />
        <PasswordInput
          label={t('connections.appPassword.password')}
          description={t('connections.appPassword.passwordHint')}
          // As on the password section: md is 42 px on a phone; the toggle a 44 px target with a name.
          size="lg"
          visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
          vars={() => ({ root: { '--psi-button-size': '44px', '--psi-icon-size': '22px' } })}
          name="appPassword"
          autoComplete="off"
          value={appPassword}
          onChange={(event) => {
            setAppPassword(event.currentTarget.value);
            connect.reset();
          }}
          error={passwordError}
        />
        <Anchor
          href={APP_PASSWORD_HELP_URL}
          target="_blank"
          rel="noopener noreferrer"
          size="sm"
          style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44, alignSelf: 'flex-start' }}
        >
          {t('connections.appPassword.help')}
        </Anchor>
        <Group justify="flex-end">
          <Button type="submit" loading={connect.isPending} w={{ base: '100%', xs: 'auto' }}>
            {t('connections.appPassword.connect', { network: label })}
          </Button>
        </Group>
        {connect.isPending ? (
          <Text size="sm" c="dimmed" role="status">
            {t('connections.appPassword.connecting')}
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}

function ServerForm({ network, label }: { network: string; label: string }) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const authorize = useAuthorizeConnection();
  const [server, setServer] = useState('');
  const [missing, setMissing] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const serverError = fieldError(authorize.error, 'server');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = server.trim();
    if (!trimmed) {
      setMissing(true);
      return;
    }
    setMissing(false);
    authorize.mutate(
      { network, server: trimmed },
      {
        onSuccess: ({ authorizationUrl }) => {
          setLeaving(true);
          window.location.assign(authorizationUrl);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} aria-label={t('connections.appPassword.connect', { network: label })}>
      <Stack gap="sm">
        {authorize.error && !serverError ? (
          <ProblemAlert error={authorize.error} title={t('connections.oauth.failed', { network: label })} />
        ) : null}
        <TextInput
          label={t('connections.oauth.server')}
          description={t('connections.oauth.serverHint')}
          name="server"
          inputMode="url"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={server}
          onChange={(event) => {
            setServer(event.currentTarget.value);
            authorize.reset();
          }}
          error={serverError ?? (missing ? t('connections.oauth.required') : undefined)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={authorize.isPending || leaving} w={{ base: '100%', xs: 'auto' }}>
            {t('connections.oauth.connect')}
          </Button>
        </Group>
        {leaving ? (
          <Text size="sm" c="dimmed" role="status">
            {t('connections.oauth.redirecting')}
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}

interface DisconnectDialogProps {
  entry: ConnectableNetwork | null;
  onClose: () => void;
  onDone: (network: string) => void;
}

function DisconnectDialog({ entry, onClose, onDone }: DisconnectDialogProps) {
  const { t } = useTranslation();
  const disconnect = useDisconnect();
  const close = () => {
    disconnect.reset();
    onClose();
  };
  const label = entry ? networkLabel(entry.network) : '';
  return (
    <ConfirmRemovalDialog
      opened={entry !== null}
      title={t('connections.disconnectTitle', { network: label })}
      body={t('connections.disconnectBody', { network: label, handle: entry?.connection?.handle ?? '' })}
      confirmLabel={t('connections.disconnectConfirm')}
      pending={disconnect.isPending}
      error={disconnect.isError ? disconnect.error : null}
      errorTitle={t('connections.disconnectFailed')}
      onClose={close}
      onConfirm={() => {
        if (!entry) return;
        disconnect.mutate(entry.network, {
          onSuccess: () => {
            onDone(entry.network);
            close();
          },
        });
      }}
    />
  );
}
