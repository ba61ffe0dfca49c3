import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { ApiProblem } from '../../../api/problem';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { landingPath } from '../../../app/navigation';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { PublicLayout } from '../../../app/shell/PublicLayout';
import { PASSWORD_MIN_LENGTH, PasswordRules } from '../../people/components/PasswordRules';
import { PublicFormCard } from '../../people/components/PublicFormCard';
import { useResetPassword } from '../hooks/usePasswords';
import { ProviderLinkButton } from '../components/ProviderLinkButton';

/** `/reset-password/:token`: a new password from a reset link; setting it signs the member in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('auth.reset.title') }));
  const { token = '' } = useParams();
  const reset = useResetPassword();
  const { fieldError } = useProblemMessage();
  const [password, setPassword] = useState('');
  const [hint, setHint] = useState<string | undefined>();

  if (reset.data) return <Navigate to={landingPath(reset.data.roles)} replace />;

  // The organisation now requires single sign-on for the address: the link sets no password, the
  // provider is the way in.
  const ssoStart =
    reset.error instanceof ApiProblem && reset.error.code === 'auth.sso_required'
      ? (reset.error.startUrl ?? '/login')
      : null;

  const linkProblem =
    reset.error instanceof ApiProblem && reset.error.errors.some((error) => error.field === 'token');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if ([...password].length < PASSWORD_MIN_LENGTH)
      return setHint(t('password.tooShort', { count: PASSWORD_MIN_LENGTH }));
    reset.mutate({ token, password });
  };

  return (
    <PublicLayout>
      <PublicFormCard heading={t('auth.reset.heading')} intro={t('auth.reset.intro')}>
        {ssoStart ? (
          <Stack gap="md">
            <Alert color="blue" variant="light" radius="md" role="status" title={t('auth.reset.ssoTitle')}>
              <Text size="sm">{t('auth.reset.sso')}</Text>
            </Alert>
            <ProviderLinkButton href={ssoStart}>{t('auth.sso.toProvider')}</ProviderLinkButton>
          </Stack>
        ) : linkProblem ? (
          <Stack gap="md">
            <ProblemAlert error={reset.error} title={t('auth.reset.unusableTitle')}>
              <Text size="sm" mt={4}>
                {t('auth.reset.askAgain')}
              </Text>
            </ProblemAlert>
            <Button component={Link} to="/forgot-password" variant="light" size="lg">
              {t('auth.reset.newLink')}
            </Button>
          </Stack>
        ) : (
          <form noValidate onSubmit={submit}>
            <Stack gap="md">
              {reset.isError ? <ProblemAlert error={reset.error} title={t('auth.reset.failed')} /> : null}
              <PasswordInput
                size="lg"
                label={t('auth.reset.password')}
                name="password"
                autoComplete="new-password"
                required
                withAsterisk={false}
                visibilityToggleButtonProps={{ 'aria-label': t('password.show') }}
                vars={() => ({ root: { '--psi-button-size': '44px', '--psi-icon-size': '22px' } })}
                aria-describedby="password-rules"
                value={password}
                onChange={(event) => {
                  setPassword(event.currentTarget.value);
                  setHint(undefined);
                }}
                error={hint ?? fieldError(reset.error, 'password')}
              />
              <PasswordRules id="password-rules" />
              <Text size="xs" c="dimmed">
                {t('auth.reset.signsOut')}
              </Text>
              <Button type="submit" size="lg" fullWidth loading={reset.isPending}>
                {t('auth.reset.submit')}
              </Button>
              <Button component={Link} to="/login" variant="subtle" fullWidth h={44}>
                {t('auth.forgot.toSignIn')}
              </Button>
            </Stack>
          </form>
        )}
      </PublicFormCard>
    </PublicLayout>
  );
}
