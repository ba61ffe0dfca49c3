import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { WEBHOOK_EVENT_TYPES } from '@heimo/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { CopyField } from '../../people/components/CopyField';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useRedeliverWebhook,
  useRotateWebhookSecret,
  useUpdateWebhook,
  useWebhookDeliveries,
  useWebhooks,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
} from '../hooks/useWebhooks';
import { SectionCard } from '../../../app/shell/SectionCard';

/** A secret just made: shown once, with the endpoint it belongs to. */
interface ShownSecret {
  endpointId: string;
  secret: string;
}

const statusColor: Record<WebhookDelivery['status'], string> = {
  pending: 'gray',
  retrying: 'yellow',
  succeeded: 'teal',
  failed: 'red',
};

/**
 * Settings → Integrations: the organisation's webhook endpoints (Standard Webhooks), each with its
 * events, its delivery log, redelivery and secret rotation. Self-contained: the page only places it.
 */
export function WebhooksSection() {
  const { t } = useTranslation();
  const endpoints = useWebhooks();
  const [shown, setShown] = useState<ShownSecret | null>(null);

  return (
    <SectionCard
      id="integrations-webhooks"
      title={t('integrations.webhooks.title')}
      intro={t('integrations.webhooks.intro')}
    >
      {shown ? <SecretNotice shown={shown} onDone={() => setShown(null)} /> : null}
      {endpoints.isError ? (
        <ProblemAlert error={endpoints.error} title={t('integrations.webhooks.loadFailed')} />
      ) : endpoints.isPending ? (
        <Skeleton h={80} />
      ) : endpoints.data.items.length === 0 ? (
        <Text size="sm">{t('integrations.webhooks.none')}</Text>
      ) : (
        <Stack gap="sm">
          {endpoints.data.items.map((endpoint) => (
            <EndpointCard key={endpoint.id} endpoint={endpoint} onSecret={setShown} />
          ))}
        </Stack>
      )}
      <AddWebhookForm onCreated={setShown} />
    </SectionCard>
  );
}

function SecretNotice({ shown, onDone }: { shown: ShownSecret; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={t('integrations.webhooks.secretTitle')} role="status">
      <Stack gap="xs">
        <Text size="sm">{t('integrations.webhooks.secretHint')}</Text>
        <CopyField
          label={t('integrations.webhooks.secret')}
          value={shown.secret}
          copyLabel={t('integrations.webhooks.copy')}
        />
        <Group>
          <Button variant="default" size="sm" onClick={onDone}>
            {t('integrations.webhooks.secretDone')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function EventChoices({
  value,
  onChange,
  error,
}: {
  value: WebhookEventType[];
  onChange: (events: WebhookEventType[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={t('integrations.webhooks.events')}
      value={value}
      onChange={(chosen) =>
        onChange(WEBHOOK_EVENT_TYPES.filter((type) => chosen.includes(type)) as WebhookEventType[])
      }
      error={error}
    >
      <Stack gap={0} mt={6}>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <Checkbox
            key={type}
            value={type}
            // A 44 px row: the label is the thumb's target on phones.
            styles={{
              body: { alignItems: 'center' },
              label: { minHeight: 44, display: 'flex', alignItems: 'center' },
            }}
            label={
              <span>
                <Code>{type}</Code> {t(`integrations.webhooks.eventNames.${type}`)}
              </span>
            }
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function AddWebhookForm({ onCreated }: { onCreated: (shown: ShownSecret) => void }) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['pack.published']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { url, description, events },
      {
        onSuccess: (made) => {
          onCreated({ endpointId: made.endpoint.id, secret: made.secret });
          setUrl('');
          setDescription('');
          setEvents(['pack.published']);
        },
      },
    );
  };
  const urlError = fieldError(create.error, 'url');
  const eventsError = fieldError(create.error, 'events');
  const descriptionError = fieldError(create.error, 'description');
  const otherError = create.error && !urlError && !eventsError && !descriptionError;

  return (
    <form onSubmit={submit} aria-labelledby="integrations-webhooks-add" noValidate>
      <Stack gap="sm">
        <Title order={3} fz="h4" id="integrations-webhooks-add">
          {t('integrations.webhooks.add')}
        </Title>
        {otherError ? (
          <ProblemAlert error={create.error} title={t('integrations.webhooks.addFailed')} />
        ) : null}
        <TextInput
          label={t('integrations.webhooks.url')}
          description={t('integrations.webhooks.urlHint')}
          placeholder="https://hooks.example.com/heimo"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={urlError}
          required
          inputMode="url"
          autoComplete="off"
        />
        <TextInput
          label={t('integrations.webhooks.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={descriptionError}
          maxLength={200}
        />
        <EventChoices value={events} onChange={setEvents} error={eventsError} />
        <Group>
          <Button type="submit" loading={create.isPending} disabled={!url.trim() || !events.length}>
            {t('integrations.webhooks.addButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EndpointCard({
  endpoint,
  onSecret,
}: {
  endpoint: WebhookEndpoint;
  onSecret: (shown: ShownSecret) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateWebhookSecret();
  const [showLog, setShowLog] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const failure = update.error ?? remove.error ?? rotate.error;
  const headingId = `webhook-${endpoint.id}`;

  return (
    <Paper withBorder radius="sm" p="sm" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={600} id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {endpoint.description || endpoint.url}
            </Text>
            {endpoint.description ? (
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {endpoint.url}
              </Text>
            ) : null}
          </Stack>
          <Badge color={endpoint.enabled ? 'teal' : endpoint.disabledReason ? 'red' : 'gray'} variant="light">
            {endpoint.enabled
              ? t('integrations.webhooks.on')
              : endpoint.disabledReason
                ? t('integrations.webhooks.failing')
                : t('integrations.webhooks.off')}
          </Badge>
        </Group>
        {endpoint.disabledReason ? (
          <Text size="sm" c="red.8">
            {t('integrations.webhooks.failingHint', {
              date: endpoint.disabledAt ? format.dateTime(new Date(endpoint.disabledAt)) : '',
            })}
          </Text>
        ) : null}
        <Group gap={4}>
          {endpoint.events.map((type) => (
            <Badge key={type} variant="outline" color="gray" tt="none">
              {type}
            </Badge>
          ))}
        </Group>
        {endpoint.previousSecretExpiresAt ? (
          <Text size="sm" c="dimmed">
            {t('integrations.webhooks.overlap', {
              date: format.dateTime(new Date(endpoint.previousSecretExpiresAt)),
            })}
          </Text>
        ) : null}
        {failure ? <ProblemAlert error={failure} title={t('integrations.webhooks.changeFailed')} /> : null}
        <Group gap="xs">
          <Button
            variant="light"
            size="sm"
            onClick={() => setShowLog((open) => !open)}
            aria-expanded={showLog}
          >
            {showLog ? t('integrations.webhooks.hideLog') : t('integrations.webhooks.showLog')}
          </Button>
          <Button
            variant="default"
            size="sm"
            loading={update.isPending}
            onClick={() => update.mutate({ endpointId: endpoint.id, body: { enabled: !endpoint.enabled } })}
          >
            {endpoint.enabled ? t('integrations.webhooks.switchOff') : t('integrations.webhooks.switchOn')}
          </Button>
          <Button
            variant="default"
            size="sm"
            loading={rotate.isPending}
            onClick={() =>
              rotate.mutate(endpoint.id, {
                onSuccess: (made) => onSecret({ endpointId: endpoint.id, secret: made.secret }),
              })
            }
          >
            {t('integrations.webhooks.rotate')}
          </Button>
          {confirmRemove ? (
            <Button
              color="red"
              size="sm"
              loading={remove.isPending}
              onClick={() => remove.mutate(endpoint.id)}
            >
              {t('integrations.webhooks.confirmRemove')}
            </Button>
          ) : (
            <Button variant="subtle" color="red" size="sm" onClick={() => setConfirmRemove(true)}>
              {t('integrations.webhooks.remove')}
            </Button>
          )}
        </Group>
        {showLog ? <DeliveryLog endpoint={endpoint} /> : null}
      </Stack>
    </Paper>
  );
}

function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { describeField } = useProblemMessage();
  const deliveries = useWebhookDeliveries(endpoint.id);
  const redeliver = useRedeliverWebhook(endpoint.id);

  if (deliveries.isError)
    return <ProblemAlert error={deliveries.error} title={t('integrations.webhooks.logFailed')} />;
  if (deliveries.isPending) return <Skeleton h={60} />;
  if (!deliveries.data.items.length)
    return (
      <Text size="sm" c="dimmed">
        {t('integrations.webhooks.noDeliveries')}
      </Text>
    );
  return (
    <Stack gap="xs" aria-label={t('integrations.webhooks.log')} role="list">
      {redeliver.error ? (
        <ProblemAlert error={redeliver.error} title={t('integrations.webhooks.redeliverFailed')} />
      ) : null}
      {deliveries.data.items.map((delivery) => (
        <Paper key={delivery.id} withBorder radius="sm" p="xs" role="listitem" bg="gray.0">
          <Stack gap={4}>
            <Group justify="space-between" gap="xs">
              <Group gap="xs">
                <Badge color={statusColor[delivery.status]} variant="light">
                  {t(`integrations.webhooks.status.${delivery.status}`)}
                </Badge>
                <Code>{delivery.eventType}</Code>
              </Group>
              <Text size="sm" c="dimmed">
                {format.dateTime(new Date(delivery.lastAttemptAt ?? delivery.createdAt))}
              </Text>
            </Group>
            <Text size="sm">
              {t('integrations.webhooks.attemptLine', {
                http: delivery.responseStatus ?? '—',
                duration: delivery.durationMs ?? '—',
                count: delivery.attempts,
              })}
              {delivery.errorCode ? ` · ${describeField(delivery.errorCode)}` : ''}
            </Text>
            {delivery.responseExcerpt ? (
              <Code
                block
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 96, overflow: 'auto' }}
              >
                {delivery.responseExcerpt}
              </Code>
            ) : null}
            {endpoint.enabled ? (
              <Group>
                <Button
                  variant="subtle"
                  size="sm"
                  loading={redeliver.isPending && redeliver.variables === delivery.id}
                  onClick={() => redeliver.mutate(delivery.id)}
                >
                  {t('integrations.webhooks.redeliver')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
