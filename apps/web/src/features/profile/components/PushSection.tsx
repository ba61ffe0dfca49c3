import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { addLazyMessages } from '../../../app/i18n/resources';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import {
  PushPermissionDenied,
  pushSupported,
  type PushDevice,
  useForgetPushDevice,
  usePushDevices,
  usePushSettings,
  useSwitchPushDevice,
  useTurnOnPush,
  useUpdatePushSettings,
} from '../hooks/usePush';
import en from '../locales/push.en.json';
import fi from '../locales/push.fi.json';
import { SaveState } from './SaveState';

// Both languages carry the same keys (each assignment fails to compile otherwise).
const english: typeof fi = en;
const finnish: typeof en = fi;
// These strings load with the profile page, not with every visit's first page.
addLazyMessages(i18n, 'push', { en: english, fi: finnish });

const ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** Push on the member's devices: this one turned on here, each one switched or forgotten, quiet hours. */
export function PushSection() {
  const { t } = useTranslation();
  const supported = pushSupported();
  const devices = usePushDevices();
  const turnOn = useTurnOnPush();
  const switchDevice = useSwitchPushDevice();
  const forget = useForgetPushDevice();
  const hasCurrent = devices.data?.some((device) => device.current) ?? false;
  const changeFailed = switchDevice.error ?? forget.error;

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="push-heading"
    >
      <Stack gap="md">
        <Group justify="space-between" align="start" gap="xs">
          <Stack gap={2} maw={560}>
            <Title order={2} fz="h3" id="push-heading">
              {t('push.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('push.intro')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('push.iphone')}
            </Text>
          </Stack>
          <SaveState
            pending={turnOn.isPending || switchDevice.isPending || forget.isPending}
            saved={turnOn.isSuccess || switchDevice.isSuccess || forget.isSuccess}
          />
        </Group>
        {!supported ? (
          <Alert color="gray" variant="light" radius="md">
            <Text size="sm">{t('push.unsupported')}</Text>
          </Alert>
        ) : !hasCurrent && devices.data ? (
          <Button
            onClick={() => turnOn.mutate()}
            loading={turnOn.isPending}
            w={{ base: '100%', xs: 'auto' }}
            // A long label wraps on a phone rather than being cut.
            styles={{
              root: { alignSelf: 'start', height: 'auto', minHeight: 44 },
              label: { whiteSpace: 'normal', paddingBlock: 8 },
            }}
          >
            {t('push.turnOn')}
          </Button>
        ) : null}
        {turnOn.error instanceof PushPermissionDenied ? (
          <Alert color="orange" variant="light" radius="md" role="alert">
            <Text size="sm">{t('push.denied')}</Text>
          </Alert>
        ) : turnOn.error ? (
          <ProblemAlert error={turnOn.error} title={t('push.turnOnFailed')} />
        ) : null}
        {changeFailed ? <ProblemAlert error={changeFailed} title={t('push.saveFailed')} /> : null}
        {devices.isError ? (
          <ProblemAlert error={devices.error} title={t('push.loadFailed')}>
            <Button variant="light" color="red" mt="sm" onClick={() => void devices.refetch()}>
              {t('common.retry')}
            </Button>
          </ProblemAlert>
        ) : devices.isPending ? (
          <Skeleton h={64} radius="md" role="status" aria-busy="true" aria-label={t('app.loading')} />
        ) : devices.data.length === 0 ? (
          <Text size="sm">{t('push.none')}</Text>
        ) : (
          <Stack
            gap="xs"
            component="ul"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
            aria-label={t('push.devices')}
          >
            {devices.data.map((device) => (
              <DeviceRow
                key={device.id}
                device={device}
                onSwitch={(enabled) => switchDevice.mutate({ id: device.id, enabled })}
                onForget={() => forget.mutate(device)}
                forgetting={forget.isPending && forget.variables?.id === device.id}
              />
            ))}
          </Stack>
        )}
        <QuietHours />
      </Stack>
    </Paper>
  );
}

interface DeviceRowProps {
  device: PushDevice;
  onSwitch: (enabled: boolean) => void;
  onForget: () => void;
  forgetting: boolean;
}

function DeviceRow({ device, onSwitch, onForget, forgetting }: DeviceRowProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const browser = device.browser ?? t('push.unknownBrowser');
  const name = device.system ? t('push.browserOnSystem', { browser, system: device.system }) : browser;
  return (
    <Paper component="li" withBorder radius="md" p="sm" aria-label={name}>
      <Group justify="space-between" align="center" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 200px' }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600}>{name}</Text>
            {device.current ? (
              <Badge color="teal" variant="light">
                {t('push.thisDevice')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            {t('push.since', { date: format.dateTime(new Date(device.createdAt)) })}
            {device.lastSentAt
              ? ` · ${t('push.lastSent', { date: format.dateTime(new Date(device.lastSentAt)) })}`
              : ''}
          </Text>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          <Switch
            size="md"
            checked={device.enabled}
            onChange={(event) => onSwitch(event.currentTarget.checked)}
            aria-label={t('push.switchNamed', { name })}
            styles={{ body: { alignItems: 'center', minHeight: 44 } }}
          />
          <Button
            variant="default"
            size="sm"
            loading={forgetting}
            onClick={onForget}
            aria-label={t('push.forgetNamed', { name })}
          >
            {t('push.forget')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

function QuietHours() {
  const { t } = useTranslation();
  const settings = usePushSettings();
  const update = useUpdatePushSettings();
  if (settings.isError) return <ProblemAlert error={settings.error} title={t('push.loadFailed')} />;
  if (!settings.data)
    return <Skeleton h={64} radius="md" role="status" aria-busy="true" aria-label={t('app.loading')} />;
  const data = settings.data;
  const time = (value: string) => (/^\d\d:\d\d$/.test(value) ? value : null);
  return (
    <Stack gap="xs" component="fieldset" m={0} p={0} style={{ border: 0 }}>
      <Group gap="xs" justify="space-between">
        <Title order={3} fz="h5" component="legend">
          {t('push.quietTitle')}
        </Title>
        <SaveState pending={update.isPending} saved={update.isSuccess} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('push.quietIntro')}
      </Text>
      {update.isError ? <ProblemAlert error={update.error} title={t('push.saveFailed')} /> : null}
      <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
        <TextInput
          type="time"
          label={t('push.quietStart')}
          defaultValue={data.quietHoursStart ?? ''}
          onBlur={(event) => update.mutate({ quietHoursStart: time(event.currentTarget.value) })}
          style={{ minWidth: 120 }}
        />
        <TextInput
          type="time"
          label={t('push.quietEnd')}
          defaultValue={data.quietHoursEnd ?? ''}
          onBlur={(event) => update.mutate({ quietHoursEnd: time(event.currentTarget.value) })}
          style={{ minWidth: 120 }}
        />
      </Group>
      <NativeSelect
        label={t('push.timeZone')}
        value={data.timeZone ?? ''}
        onChange={(event) => update.mutate({ timeZone: event.currentTarget.value || null })}
        data={[
          { value: '', label: t('push.organisationTimeZone', { zone: data.organisationTimeZone }) },
          ...ZONES.map((zone) => ({ value: zone, label: zone })),
        ]}
      />
    </Stack>
  );
}
