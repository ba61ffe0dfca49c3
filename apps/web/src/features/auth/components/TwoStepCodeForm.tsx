import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { readSecondStepCode } from '@heimo/domain';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useSignInTwoStep } from '../hooks/useSignIn';

interface TwoStepCodeFormProps {
  /** Called once signed in (the session is already updated). */
  onSignedIn?: (member: Me) => void;
  /** The pending sign-in is over (too slow): start again from the password. */
  onRestart: () => void;
}

/** The second step of signing in: the 6-digit code from the authenticator app, or a recovery code. */
export function TwoStepCodeForm({ onSignedIn, onRestart }: TwoStepCodeFormProps) {
  const { t } = useTranslation();
  const signIn = useSignInTwoStep();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const expired = signIn.error instanceof ApiProblem && signIn.error.code === 'auth.two_step_expired';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const read = readSecondStepCode(code);
    if (!read || (read.kind === 'recovery') !== recovery) {
      setHint(t(recovery ? 'auth.twoStep.recoveryInvalid' : 'auth.twoStep.codeInvalid'));
      input.current?.focus();
      return;
    }
    signIn.mutate(read.code, {
      onSuccess: onSignedIn,
      onError: () => {
        setCode('');
        input.current?.focus();
      },
    });
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <Text size="sm">{t(recovery ? 'auth.twoStep.recoveryIntro' : 'auth.twoStep.intro')}</Text>
        {signIn.isError ? <ProblemAlert error={signIn.error} title={t('auth.twoStep.failed')} /> : null}
        {expired ? (
          <Button variant="light" size="lg" fullWidth onClick={onRestart}>
            {t('auth.twoStep.restart')}
          </Button>
        ) : (
          <>
            <TextInput
              ref={input}
              key={recovery ? 'recovery' : 'app'}
              size="lg"
              label={t(recovery ? 'auth.twoStep.recoveryLabel' : 'auth.twoStep.codeLabel')}
              name={recovery ? 'recovery-code' : 'one-time-code'}
              autoComplete="one-time-code"
              inputMode={recovery ? 'text' : 'numeric'}
              autoCapitalize="none"
              spellCheck={false}
              maxLength={recovery ? 20 : 9}
              data-autofocus
              autoFocus
              value={code}
              onChange={(event) => {
                setCode(event.currentTarget.value);
                setHint(null);
              }}
              error={hint}
              styles={{
                input: { letterSpacing: recovery ? undefined : '0.2em', fontVariantNumeric: 'tabular-nums' },
              }}
            />
            <Button type="submit" size="lg" fullWidth loading={signIn.isPending}>
              {t('auth.twoStep.submit')}
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              mih={44}
              onClick={() => {
                setRecovery((value) => !value);
                setCode('');
                setHint(null);
                signIn.reset();
              }}
            >
              {t(recovery ? 'auth.twoStep.useApp' : 'auth.twoStep.useRecovery')}
            </Anchor>
          </>
        )}
      </Stack>
    </form>
  );
}
