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

/** `/forgot-password`: asks for a reset link. The answer is the same whether or not the address is known. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('auth.forgot.title') }));
  const forgot = useForgotPassword();
  const { fieldError } = useProblemMessage();
  const [email, setEmail] = useState('');
  const [hint, setHint] = useState<string | undefined>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!/^\S+@\S+$/.test(email.trim())) return setHint(t('auth.signIn.emailInvalid'));
    forgot.mutate({ email: email.trim() });
  };

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
                }}
                error={hint ?? fieldError(forgot.error, 'email')}
              />
              <Button type="submit" size="lg" fullWidth loading={forgot.isPending}>
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
