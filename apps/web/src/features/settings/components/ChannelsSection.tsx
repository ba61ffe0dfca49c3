import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import {
  channelEvents,
  channelKinds,
  useChannels,
  useCreateChannel,
  useDeleteChannel,
  useTestChannel,
  useUpdateChannel,
  type Channel,
  type ChannelEvent,
  type ChannelKind,
  type ChannelTestResult,
} from '../hooks/useChannels';
import { SectionCard } from '../../../app/shell/SectionCard';

/** Segments thumbs can hit (44 px). */
const TALL_SEGMENTS = {
  label: { minHeight: 44, display: 'flex', alignItems: 'center', justifyContent: 'center' },
} as const;

/** Slack and Teams channels: add one by pasting its webhook URL, choose what it receives, test it. */
export function ChannelsSection() {
  const { t } = useTranslation();
  const channels = useChannels();

  return (
    <SectionCard id="integrations-channels" title={t('channels.title')} intro={t('channels.intro')}>
      {channels.isError ? (
        <ProblemAlert error={channels.error} title={t('channels.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void channels.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : channels.isPending ? (
        <Skeleton h={120} radius="md" aria-busy="true" aria-label={t('app.loading')} />
      ) : channels.data.items.length === 0 ? (
        <Text size="sm">{t('channels.empty')}</Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {channels.data.items.map((channel) => (
            <ChannelCard key={channel.id} channel={channel} />
          ))}
        </Stack>
      )}
      <AddChannelForm />
    </SectionCard>
  );
}

function ChannelCard({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateChannel();
  const remove = useDeleteChannel();
  const test = useTestChannel();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<ChannelTestResult | null>(null);
  const [newUrl, setNewUrl] = useState<string | null>(null);
  const { fieldError } = useProblemMessage();
  const urlError = newUrl !== null ? fieldError(update.error, 'url') : undefined;
  const failure = (urlError ? null : update.error) ?? remove.error ?? test.error;
  const replaceUrl = (event: FormEvent) => {
    event.preventDefault();
    if (!newUrl?.trim()) return;
    update.mutate({ id: channel.id, body: { url: newUrl.trim() } }, { onSuccess: () => setNewUrl(null) });
  };
  const setEvents = (events: string[]) =>
    update.mutate({ id: channel.id, body: { events: events as ChannelEvent[] } });
  const sendTest = () => {
    setResult(null);
    test.mutate(channel.id, { onSuccess: setResult });
  };

  return (
    <Paper withBorder radius="md" p="md" component="li" aria-label={channel.name}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            <Text fw={600}>{channel.name}</Text>
            <Badge variant="light">{t(`channels.kinds.${channel.kind}`)}</Badge>
            {channel.enabled ? null : (
              <Badge variant="light" color="gray">
                {t('channels.paused')}
              </Badge>
            )}
          </Group>
          <Switch
            label={t('channels.enabled')}
            checked={channel.enabled}
            disabled={update.isPending}
            onChange={(event) =>
              update.mutate({ id: channel.id, body: { enabled: event.currentTarget.checked } })
            }
          />
        </Group>
        <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {channel.urlHint}
        </Text>
        {newUrl !== null ? (
          <form onSubmit={replaceUrl} noValidate>
            <Stack gap="xs">
              <TextInput
                label={t('channels.newUrl')}
                description={t('channels.urlSecret')}
                value={newUrl}
                onChange={(event) => setNewUrl(event.currentTarget.value)}
                error={urlError}
                autoComplete="off"
                spellCheck={false}
                inputMode="url"
              />
              <Group gap="xs">
                <Button type="submit" loading={update.isPending} disabled={!newUrl.trim()}>
                  {t('channels.saveUrl')}
                </Button>
                <Button variant="default" onClick={() => setNewUrl(null)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
        <Checkbox.Group label={t('channels.events')} value={channel.events} onChange={setEvents}>
          <Stack gap={0} mt={6}>
            {channelEvents.map((event) => (
              <Checkbox
                key={event}
                value={event}
                label={t(`channels.eventLabels.${event}`)}
                disabled={update.isPending}
                // A 44 px row: the label is the thumb's target on phones.
                styles={{
                  body: { alignItems: 'center' },
                  label: { minHeight: 44, display: 'flex', alignItems: 'center', cursor: 'pointer' },
                }}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        {channel.lastStatus ? (
          <Text size="sm" c={channel.lastStatus === 'sent' ? 'teal' : 'red'} role="status">
            {channel.lastStatus === 'sent'
              ? t('channels.lastSent', {
                  when: channel.lastPostedAt
                    ? new Date(channel.lastPostedAt).toLocaleString(i18n.language)
                    : '',
                })
              : t('channels.lastFailed', { reason: channel.lastError ?? '' })}
          </Text>
        ) : null}
        {result ? (
          <Alert
            color={result.status === 'sent' ? 'teal' : 'red'}
            variant="light"
            role="status"
            title={result.status === 'sent' ? t('channels.testSent') : t('channels.testFailed')}
          >
            {result.status === 'sent' ? t('channels.testSentHint') : (result.error ?? '')}
          </Alert>
        ) : null}
        {failure ? <ProblemAlert error={failure} title={t('channels.actionFailed')} /> : null}
        <Group gap="xs" wrap="wrap">
          <Button variant="light" loading={test.isPending} onClick={sendTest}>
            {t('channels.sendTest')}
          </Button>
          {newUrl === null ? (
            <Button variant="subtle" onClick={() => setNewUrl('')}>
              {t('channels.replaceUrl')}
            </Button>
          ) : null}
          {confirming ? (
            <>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(channel.id)}>
                {t('channels.confirmRemove', { name: channel.name })}
              </Button>
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </>
          ) : (
            <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
              {t('channels.remove')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function AddChannelForm() {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const create = useCreateChannel();
  const [kind, setKind] = useState<ChannelKind>('slack');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['pack_published']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { kind, name: name.trim(), url: url.trim(), events: events as ChannelEvent[], enabled: true },
      {
        onSuccess: () => {
          setName('');
          setUrl('');
        },
      },
    );
  };
  const urlError = fieldError(create.error, 'url');
  const nameError = fieldError(create.error, 'name');
  const eventsError = fieldError(create.error, 'events');
  const otherError = create.error && !urlError && !nameError && !eventsError ? create.error : null;

  return (
    <form onSubmit={submit} aria-labelledby="integrations-add-channel" noValidate>
      <Stack gap="sm">
        <Title order={3} fz="h4" id="integrations-add-channel">
          {t('channels.add')}
        </Title>
        <SegmentedControl
          aria-label={t('channels.kind')}
          value={kind}
          onChange={(value) => setKind(value as ChannelKind)}
          styles={TALL_SEGMENTS}
          data={channelKinds.map((value) => ({ value, label: t(`channels.kinds.${value}`) }))}
        />
        <Text size="sm" c="dimmed">
          {t(`channels.urlHelp.${kind}`)}
        </Text>
        <TextInput
          label={t('channels.name')}
          placeholder={t('channels.namePlaceholder')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={nameError}
          required
          maxLength={100}
        />
        <TextInput
          label={t('channels.url')}
          description={t('channels.urlSecret')}
          placeholder={
            kind === 'slack' ? 'https://hooks.slack.com/services/…' : 'https://….logic.azure.com/workflows/…'
          }
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={urlError}
          required
          autoComplete="off"
          spellCheck={false}
          inputMode="url"
        />
        <Checkbox.Group label={t('channels.events')} value={events} onChange={setEvents} error={eventsError}>
          <Stack gap={0} mt={6}>
            {channelEvents.map((value) => (
              <Checkbox
                key={value}
                value={value}
                label={t(`channels.eventLabels.${value}`)}
                // A 44 px row: the label is the thumb's target on phones.
                styles={{
                  body: { alignItems: 'center' },
                  label: { minHeight: 44, display: 'flex', alignItems: 'center', cursor: 'pointer' },
                }}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        {otherError ? <ProblemAlert error={otherError} title={t('channels.addFailed')} /> : null}
        {create.isSuccess && !create.isPending ? (
          <Text size="sm" c="teal" role="status">
            {t('channels.added')}
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={create.isPending} disabled={!name.trim() || !url.trim()}>
            {t('channels.addButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
