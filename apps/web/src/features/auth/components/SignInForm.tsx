import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem';
import type { Me } from '../../../api/types';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useSignIn } from '../hooks/useSignIn';
import { goToSingleSignOn, useDiscoverSignIn } from '../hooks/useSingleSignOn';
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
  /** Where to come back to after single sign-on (a path of this site). */
  returnTo?: string;
}

/** Email and password. A successful sign-in updates the session; the page then moves on. */
export function SignInForm({
  email: fixedEmail,
  onSignedIn,
  submitLabel,
  onTwoStepRequired,
  returnTo: givenReturnTo,
}: SignInFormProps = {}) {
  // Signing in again in place comes back to this very page.
  const returnTo =
    givenReturnTo ??
    (fixedEmail !== undefined ? `${window.location.pathname}${window.location.search}` : undefined);
  const { t } = useTranslation();
  const { describeField } = useProblemMessage();
  const signIn = useSignIn();
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [password, setPassword] = useState('');
  const [hints, setHints] = useState<FieldHints>({});
  const [secondStep, setSecondStep] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  // E-mail first: an address in a domain its organisation signs in through a provider gets the
  // provider instead of the password field.
  const discover = useDiscoverSignIn();
  const [ssoStart, setSsoStart] = useState<{ email: string; url: string } | null>(null);
  const [leaving, setLeaving] = useState(false);
  // The button shows progress only for a look-up the person asked for by submitting (a look-up on
  // leaving the field must not disable the button under their finger).
  const [checking, setChecking] = useState(false);
  const sso = ssoStart && ssoStart.email === email.trim().toLowerCase() ? ssoStart : null;

  const lookUp = (address: string, then?: (startUrl: string | null) => void) => {
    const normalised = address.trim().toLowerCase();
    if (!/^\S+@\S+\.\S+$/.test(normalised)) return;
    discover.mutate(
      { email: normalised, ...(returnTo ? { returnTo } : {}) },
      {
        onSuccess: (result) => {
          const startUrl = result.method === 'sso' && result.startUrl ? result.startUrl : null;
          setSsoStart(startUrl ? { email: normalised, url: startUrl } : null);
          then?.(startUrl);
        },
        onError: () => then?.(null),
      },
    );
  };

  useEffect(() => {
    // Signing in again as a known address: ask at once whether it uses a provider.
    if (fixedEmail) lookUp(fixedEmail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fixedEmail]);

  const leave = (url: string) => {
    setLeaving(true);
    goToSingleSignOn(url);
  };

  const serverFieldError = (field: string): string | undefined => {
    const problem = signIn.error instanceof ApiProblem ? signIn.error : null;
    const fieldProblem = problem?.errors.find((error) => error.field === field);
    return fieldProblem ? describeField(fieldProblem.code) : undefined;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sso) return leave(sso.url);
    const found = checkFields(email, password);
    setHints(found);
    if (found.email) return emailInput.current?.focus();
    if (found.password) {
      // Only the e-mail so far: it may belong to a provider rather than need a password.
      setHints(({ password: _notYet, ...rest }) => rest);
      setChecking(true);
      return lookUp(email, (startUrl) => {
        setChecking(false);
        if (startUrl) return leave(startUrl);
        setHints(found);
        passwordInput.current?.focus();
      });
    }
    signIn.mutate(
      { email: email.trim(), password },
      {
        onError: (error) => {
          // The address's organisation requires single sign-on: go there instead.
          if (error instanceof ApiProblem && error.code === 'auth.sso_required') {
            const query = new URLSearchParams({ email: email.trim().toLowerCase() });
            if (returnTo) query.set('returnTo', returnTo);
            leave(`/api/auth/sso/start?${query.toString()}`);
          }
        },
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
        {signIn.isError && !leaving ? (
          <ProblemAlert error={signIn.error} title={t('auth.signIn.failed')} />
        ) : null}
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
          onBlur={(event) => lookUp(event.currentTarget.value)}
          error={hints.email ? t(hints.email) : serverFieldError('email')}
        />
        {sso ? (
          <Alert color="blue" role="status">
            {leaving ? t('auth.sso.redirecting') : t('auth.sso.notice')}
          </Alert>
        ) : (
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
        )}
        <Button type="submit" size="lg" fullWidth loading={signIn.isPending || leaving || checking} mt="xs">
          {sso ? t('auth.sso.continue') : (submitLabel ?? t('auth.signIn.submit'))}
        </Button>
      </Stack>
    </form>
  );
}
