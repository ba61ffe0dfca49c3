import {
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Paper,
  PasswordInput,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { readAuthenticatorCode, readSecondStepCode } from '@heimo/domain';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TwoStepEnrolment } from '../../../api/types';
import { useFormat } from '../../../app/i18n/format';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import {
  useConfirmTwoStep,
  useDisableTwoStep,
  useRenewRecoveryCodes,
  useStartTwoStep,
  useRefreshMember,
  useTwoStep,
} from '../hooks/useTwoStep';
import { QrCode } from './QrCode';

type Phase =
  | { kind: 'idle' }
  | { kind: 'password' }
  | { kind: 'scan'; enrolment: TwoStepEnrolment }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'renew' }
  | { kind: 'disable' };

const passwordProps = {
  size: 'lg' as const,
  required: true,
  withAsterisk: false,
  vars: () => ({ root: { '--psi-button-size': '44px', '--psi-icon-size': '22px' } }),
};

/** The secret as an app shows it: groups of four, easier to type. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Two-step sign-in on the profile: set up with an authenticator app (a QR code drawn here, or the key
 * typed in), confirmed with its first code; ten recovery codes shown once; new codes; turning it off.
 */
export function TwoStepSection({ onEnabled }: { onEnabled?: () => void } = {}) {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useTwoStep();
  const refreshMember = useRefreshMember();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);
  const go = (next: Phase) => {
    setNotice(null);
    setPhase(next);
  };

  let body: ReactNode;
  if (status.isError) {
    body = (
      <ProblemAlert error={status.error} title={t('twoStep.loadFailed')}>
        <Button variant="light" color="red" mt="sm" onClick={() => void status.refetch()}>
          {t('common.retry')}
        </Button>
      </ProblemAlert>
    );
  } else if (status.isPending) {
    body = <Skeleton h={64} radius="md" role="status" aria-busy="true" aria-label={t('app.loading')} />;
  } else if (phase.kind === 'codes') {
    body = (
      <RecoveryCodesPanel
        codes={phase.codes}
        onDone={() => {
          go({ kind: 'idle' });
          void refreshMember();
          onEnabled?.();
        }}
      />
    );
  } else if (phase.kind === 'password') {
    body = (
      <StartForm
        onStarted={(enrolment) => go({ kind: 'scan', enrolment })}
        onCancel={() => go({ kind: 'idle' })}
      />
    );
  } else if (phase.kind === 'scan') {
    body = (
      <ScanForm
        enrolment={phase.enrolment}
        onConfirmed={(codes) => go({ kind: 'codes', codes })}
        onCancel={() => go({ kind: 'idle' })}
      />
    );
  } else if (phase.kind === 'renew') {
    body = (
      <RenewForm onRenewed={(codes) => go({ kind: 'codes', codes })} onCancel={() => go({ kind: 'idle' })} />
    );
  } else if (phase.kind === 'disable') {
    body = (
      <DisableForm
        onDisabled={() => {
          setPhase({ kind: 'idle' });
          setNotice(t('twoStep.disabled'));
          void refreshMember();
        }}
        onCancel={() => go({ kind: 'idle' })}
      />
    );
  } else if (status.data.enabled) {
    body = (
      <Stack gap="sm">
        <Text size="sm">
          {t('twoStep.onSince', { date: format.longDate(new Date(status.data.enabledAt ?? Date.now())) })}{' '}
          {t('twoStep.codesLeft', { count: status.data.recoveryCodesLeft })}
        </Text>
        {status.data.recoveryCodesLeft <= 2 ? (
          <Alert color="orange" variant="light" radius="md">
            <Text size="sm">{t('twoStep.fewCodes')}</Text>
          </Alert>
        ) : null}
        <Group gap="sm">
          <Button variant="light" onClick={() => go({ kind: 'renew' })} w={{ base: '100%', xs: 'auto' }}>
            {t('twoStep.renew')}
          </Button>
          {status.data.required ? null : (
            <Button
              variant="light"
              color="red"
              onClick={() => go({ kind: 'disable' })}
              w={{ base: '100%', xs: 'auto' }}
            >
              {t('twoStep.turnOff')}
            </Button>
          )}
        </Group>
      </Stack>
    );
  } else {
    body = (
      <Stack gap="sm">
        <Text size="sm">{t('twoStep.offBody')}</Text>
        <Button
          onClick={() => go({ kind: 'password' })}
          w={{ base: '100%', xs: 'auto' }}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('twoStep.turnOn')}
        </Button>
      </Stack>
    );
  }

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="two-step-heading"
    >
      <Stack gap="md" maw={620}>
        <Group justify="space-between" align="start" gap="sm" wrap="nowrap">
          <Stack gap={2}>
            <Title order={2} fz="h3" id="two-step-heading">
              {t('twoStep.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('twoStep.intro')}
            </Text>
          </Stack>
          {status.data ? (
            <Badge color={status.data.enabled ? 'teal' : 'gray'} variant="light" style={{ flexShrink: 0 }}>
              {t(status.data.enabled ? 'twoStep.on' : 'twoStep.off')}
            </Badge>
          ) : null}
        </Group>
        {notice ? (
          <Alert color="teal" variant="light" radius="md" role="status">
            <Text size="sm">{notice}</Text>
          </Alert>
        ) : null}
        {body}
      </Stack>
    </Paper>
  );
}

interface FormButtonsProps {
  submit: string;
  loading: boolean;
  onCancel: () => void;
  danger?: boolean;
}

function FormButtons({ submit, loading, onCancel, danger }: FormButtonsProps) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Button
        type="submit"
        loading={loading}
        color={danger ? 'red' : undefined}
        w={{ base: '100%', xs: 'auto' }}
      >
        {submit}
      </Button>
      <Button variant="default" onClick={onCancel} w={{ base: '100%', xs: 'auto' }}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}

interface CodeInputProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  label?: string;
  /** A recovery code (letters) is accepted too: a full keyboard then. */
  recoveryToo?: boolean;
}

function CodeInput({ value, onChange, error, label, recoveryToo }: CodeInputProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      size="lg"
      label={label ?? t('twoStep.codeLabel')}
      name="one-time-code"
      autoComplete="one-time-code"
      inputMode={recoveryToo ? 'text' : 'numeric'}
      autoCapitalize="none"
      spellCheck={false}
      maxLength={20}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      maw={280}
      styles={{ input: { letterSpacing: '0.2em', fontVariantNumeric: 'tabular-nums' } }}
    />
  );
}

function StartForm({
  onStarted,
  onCancel,
}: {
  onStarted: (e: TwoStepEnrolment) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const start = useStartTwoStep();
  const [password, setPassword] = useState('');
  const [hint, setHint] = useState<string | undefined>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!password) return setHint(t('auth.signIn.passwordRequired'));
    start.mutate(password, { onSuccess: onStarted });
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <Text size="sm">{t('twoStep.passwordIntro')}</Text>
        {start.isError && !fieldError(start.error, 'password') ? (
          <ProblemAlert error={start.error} title={t('twoStep.startFailed')} />
        ) : null}
        <PasswordInput
          {...passwordProps}
          label={t('twoStep.password')}
          name="current-password"
          autoComplete="current-password"
          visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setHint(undefined);
          }}
          error={hint ?? fieldError(start.error, 'password')}
          maw={420}
          data-autofocus
          autoFocus
        />
        <FormButtons submit={t('twoStep.continue')} loading={start.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function ScanForm({
  enrolment,
  onConfirmed,
  onCancel,
}: {
  enrolment: TwoStepEnrolment;
  onConfirmed: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const confirm = useConfirmTwoStep();
  const [code, setCode] = useState('');
  const [hint, setHint] = useState<string | undefined>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const read = readAuthenticatorCode(code);
    if (!read) return setHint(t('auth.twoStep.codeInvalid'));
    confirm.mutate(read, { onSuccess: onConfirmed, onError: () => setCode('') });
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <Text size="sm">{t('twoStep.scanIntro')}</Text>
        <Group gap="lg" align="flex-start" wrap="wrap">
          <QrCode value={enrolment.otpauthUri} label={t('twoStep.qrLabel')} size={184} />
          <Stack gap="xs" style={{ flex: '1 1 14rem', minWidth: 0 }}>
            <Text size="sm" c="dimmed">
              {t('twoStep.typeIntro')}
            </Text>
            <TextInput
              label={t('twoStep.secretLabel')}
              value={grouped(enrolment.secret)}
              readOnly
              onFocus={(event) => event.currentTarget.select()}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: '0.85rem' } }}
            />
            <CopyButton value={enrolment.secret} timeout={2500}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? 'teal' : undefined}
                  onClick={copy}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {copied ? t('common.copied') : t('twoStep.copySecret')}
                </Button>
              )}
            </CopyButton>
          </Stack>
        </Group>
        {confirm.isError && !fieldError(confirm.error, 'code') ? (
          <ProblemAlert error={confirm.error} title={t('twoStep.confirmFailed')} />
        ) : null}
        <CodeInput
          value={code}
          onChange={(value) => {
            setCode(value);
            setHint(undefined);
          }}
          error={hint ?? fieldError(confirm.error, 'code')}
        />
        <FormButtons submit={t('twoStep.confirm')} loading={confirm.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const text = `${t('twoStep.fileHeading')}\n\n${codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'heimo-recovery-codes.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Stack gap="md">
      <Alert color="teal" variant="light" radius="md" role="status" title={t('twoStep.codesTitle')}>
        <Text size="sm">{t('twoStep.codesIntro')}</Text>
      </Alert>
      <SimpleGrid
        cols={{ base: 2, xs: 2 }}
        spacing="xs"
        component="ol"
        aria-label={t('twoStep.codesTitle')}
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {codes.map((code) => (
          <Text
            key={code}
            component="li"
            ff="monospace"
            fz="md"
            p={6}
            ta="center"
            style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 6 }}
          >
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <CopyButton value={codes.join('\n')} timeout={2500}>
          {({ copied, copy }) => (
            <Button
              variant="light"
              color={copied ? 'teal' : undefined}
              onClick={copy}
              w={{ base: '100%', xs: 'auto' }}
            >
              {copied ? t('common.copied') : t('twoStep.copyCodes')}
            </Button>
          )}
        </CopyButton>
        <Button variant="light" onClick={download} w={{ base: '100%', xs: 'auto' }}>
          {t('twoStep.downloadCodes')}
        </Button>
        <Button onClick={onDone} w={{ base: '100%', xs: 'auto' }}>
          {t('twoStep.saved')}
        </Button>
      </Group>
    </Stack>
  );
}

function RenewForm({ onRenewed, onCancel }: { onRenewed: (codes: string[]) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const renew = useRenewRecoveryCodes();
  const [code, setCode] = useState('');
  const [hint, setHint] = useState<string | undefined>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const read = readAuthenticatorCode(code);
    if (!read) return setHint(t('auth.twoStep.codeInvalid'));
    renew.mutate(read, { onSuccess: onRenewed, onError: () => setCode('') });
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <Text size="sm">{t('twoStep.renewIntro')}</Text>
        {renew.isError && !fieldError(renew.error, 'code') ? (
          <ProblemAlert error={renew.error} title={t('twoStep.renewFailed')} />
        ) : null}
        <CodeInput
          value={code}
          onChange={(value) => {
            setCode(value);
            setHint(undefined);
          }}
          error={hint ?? fieldError(renew.error, 'code')}
        />
        <FormButtons submit={t('twoStep.renew')} loading={renew.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function DisableForm({ onDisabled, onCancel }: { onDisabled: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const disable = useDisableTwoStep();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [hints, setHints] = useState<{ password?: string; code?: string }>({});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof hints = {};
    if (!password) found.password = t('auth.signIn.passwordRequired');
    const read = readSecondStepCode(code);
    if (!read) found.code = t('auth.twoStep.codeInvalid');
    setHints(found);
    if (found.password || found.code || !read) return;
    disable.mutate({ password, code: read.code }, { onSuccess: onDisabled, onError: () => setCode('') });
  };
  const apiFieldError = fieldError(disable.error, 'password') ?? fieldError(disable.error, 'code');
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <Text size="sm">{t('twoStep.turnOffIntro')}</Text>
        {disable.isError && !apiFieldError ? (
          <ProblemAlert error={disable.error} title={t('twoStep.turnOffFailed')} />
        ) : null}
        <PasswordInput
          {...passwordProps}
          label={t('twoStep.password')}
          name="current-password"
          autoComplete="current-password"
          visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setHints(({ password: _cleared, ...rest }) => rest);
          }}
          error={hints.password ?? fieldError(disable.error, 'password')}
          maw={420}
        />
        <CodeInput
          label={t('twoStep.codeOrRecoveryLabel')}
          recoveryToo
          value={code}
          onChange={(value) => {
            setCode(value);
            setHints(({ code: _cleared, ...rest }) => rest);
          }}
          error={hints.code ?? fieldError(disable.error, 'code')}
        />
        <FormButtons submit={t('twoStep.turnOff')} loading={disable.isPending} onCancel={onCancel} danger />
      </Stack>
    </form>
  );
}
