import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useSignIn } from '../hooks/useSignIn';
import { TwoStepCodeForm } from './TwoStepCodeForm';

type FieldHint = 'auth.signIn.emailRequired' | 'auth.signIn.emailInvalid' | 'auth.signIn.passwordRequired';

interface FieldHints {
  email?: FieldHint;
  password?: FieldHint;
}

function checkFields(email: string, password: string): FieldHints {
  const hints: FieldHints = {};
  if (!email.trim()) hints.email = 'auth.signIn.emailRequired';
  else if (!/^\S+@\S+$/.test(email.trim())) hints.email = 'auth.signIn.emailInvalid';
  if (!password) hints.password = 'auth.signIn.passwordRequired';
  return hints;
}

interface SignInFormProps {
  /** Signing in again as this address: the field shows it and cannot be changed. */
  email?: string;
  /** Called once signed in (the session is already updated). */
  onSignedIn?: (member: Me) => void;
  submitLabel?: string;
  /**
   * The password was right and the member uses two-step sign-in. Without this the form asks for the
   * code itself; the re-sign-in dialog hands over to its own next step instead.
   */
  onTwoStepRequired?: () => void;
}

/** Email and password. A successful sign-in updates the session; the page then moves on. */
export function SignInForm({
  email: fixedEmail,
  onSignedIn,
  submitLabel,
  onTwoStepRequired,
}: SignInFormProps = {}) {
  const { t } = useTranslation();
  const { describeField } = useProblemMessage();
  const signIn = useSignIn();
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [password, setPassword] = useState('');
  const [hints, setHints] = useState<FieldHints>({});
  const [secondStep, setSecondStep] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const serverFieldError = (field: string): string | undefined => {
    const problem = signIn.error instanceof ApiProblem ? signIn.error : null;
    const fieldProblem = problem?.errors.find((error) => error.field === field);
    return fieldProblem ? describeField(fieldProblem.code) : undefined;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkFields(email, password);
    setHints(found);
    if (found.email) return emailInput.current?.focus();
    if (found.password) return passwordInput.current?.focus();
    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (outcome) => {
          if ('member' in outcome) onSignedIn?.(outcome.member);
          else if (onTwoStepRequired) onTwoStepRequired();
          else setSecondStep(true);
        },
      },
    );
  };

  if (secondStep) {
    return (
      <TwoStepCodeForm
        onSignedIn={onSignedIn}
        onRestart={() => {
          setSecondStep(false);
          setPassword('');
          signIn.reset();
        }}
      />
    );
  }

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {signIn.isError ? <ProblemAlert error={signIn.error} title={t('auth.signIn.failed')} /> : null}
        <TextInput
          ref={emailInput}
          size="lg"
          label={t('auth.signIn.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          withAsterisk={false}
          readOnly={fixedEmail !== undefined}
          variant={fixedEmail !== undefined ? 'filled' : 'default'}
          value={email}
          onChange={(event) => {
            setEmail(event.currentTarget.value);
            setHints(({ email: _cleared, ...rest }) => rest);
          }}
          error={hints.email ? t(hints.email) : serverFieldError('email')}
        />
        <PasswordInput
          ref={passwordInput}
          size="lg"
          visibilityToggleButtonProps={{ 'aria-label': t('auth.signIn.showPassword') }}
          vars={() => ({ root: { '--psi-button-size': '44px', '--psi-icon-size': '22px' } })}
          label={t('auth.signIn.password')}
          name="password"
          autoComplete="current-password"
          data-autofocus={fixedEmail !== undefined ? true : undefined}
          required
          withAsterisk={false}
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setHints(({ password: _cleared, ...rest }) => rest);
          }}
          error={hints.password ? t(hints.password) : serverFieldError('password')}
        />
        <Button type="submit" size="lg" fullWidth loading={signIn.isPending} mt="xs">
          {submitLabel ?? t('auth.signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}
