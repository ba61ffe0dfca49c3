import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { PublicLayout } from '../../../app/shell/PublicLayout';
import { PublicFormCard } from '../../people/components/PublicFormCard';
import { useForgotPassword } from '../hooks/usePasswords';
import { useDiscoverSignIn } from '../hooks/useSingleSignOn';
import { ProviderLinkButton } from '../components/ProviderLinkButton';

/**
 * `/forgot-password`: asks for a reset link. The answer is the same whether or not the address is known.
 * An address in a domain whose organisation requires single sign-on is led to the provider instead (the
 * API would send it no link).
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('auth.forgot.title') }));
  const forgot = useForgotPassword();
  const { fieldError } = useProblemMessage();
  const [email, setEmail] = useState('');
  const [hint, setHint] = useState<string | undefined>();
  const discover = useDiscoverSignIn();
  const [ssoStart, setSsoStart] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!/^\S+@\S+$/.test(email.trim())) return setHint(t('auth.signIn.emailInvalid'));
    const address = email.trim();
    discover.mutate(
      { email: address.toLowerCase() },
      {
        onSuccess: (result) => {
          if (result.method === 'sso' && result.required && result.startUrl) setSsoStart(result.startUrl);
          else forgot.mutate({ email: address });
        },
        // The look-up is a courtesy: without it, ask for the link as before.
        onError: () => forgot.mutate({ email: address }),
      },
    );
  };

  if (ssoStart) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('auth.forgot.heading')}>
          <Stack gap="md">
            <Alert color="blue" variant="light" radius="md" role="status" title={t('auth.forgot.ssoTitle')}>
              <Text size="sm">{t('auth.forgot.sso', { email: email.trim() })}</Text>
            </Alert>
            <ProviderLinkButton href={ssoStart}>{t('auth.sso.toProvider')}</ProviderLinkButton>
            <Button component={Link} to="/login" variant="subtle" fullWidth h={44}>
              {t('auth.forgot.toSignIn')}
            </Button>
          </Stack>
        </PublicFormCard>
      </PublicLayout>
    );
  }

  return (
    <PublicLayout>
      <PublicFormCard heading={t('auth.forgot.heading')} intro={t('auth.forgot.intro')}>
        {forgot.isSuccess ? (
          <Stack gap="md">
            <Alert color="teal" variant="light" radius="md" role="status" title={t('auth.forgot.sentTitle')}>
              <Text size="sm">{t('auth.forgot.sent', { email: email.trim() })}</Text>
            </Alert>
            <Button component={Link} to="/login" variant="light" size="lg">
              {t('auth.forgot.toSignIn')}
            </Button>
          </Stack>
        ) : (
          <form noValidate onSubmit={submit}>
            <Stack gap="md">
              {forgot.isError ? <ProblemAlert error={forgot.error} title={t('auth.forgot.failed')} /> : null}
              <TextInput
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
                value={email}
                onChange={(event) => {
                  setEmail(event.currentTarget.value);
                  setHint(undefined);
                  setSsoStart(null);
                }}
                error={hint ?? fieldError(forgot.error, 'email')}
              />
              <Button type="submit" size="lg" fullWidth loading={forgot.isPending || discover.isPending}>
                {t('auth.forgot.submit')}
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
