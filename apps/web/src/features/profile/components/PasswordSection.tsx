import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useChangePassword } from '../../auth/hooks/usePasswords';
import { PASSWORD_MIN_LENGTH, PasswordRules } from '../../people/components/PasswordRules';

/** The profile's security section: a new password needs the current one; other sign-ins end. */
export function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const { fieldError } = useProblemMessage();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [hints, setHints] = useState<{ currentPassword?: string; newPassword?: string }>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof hints = {};
    if (!currentPassword) found.currentPassword = t('auth.signIn.passwordRequired');
    if ([...newPassword].length < PASSWORD_MIN_LENGTH)
      found.newPassword = t('password.tooShort', { count: PASSWORD_MIN_LENGTH });
    setHints(found);
    if (found.currentPassword || found.newPassword) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
        },
      },
    );
  };

  const inputProps = {
    // As on the sign-in page: a password field's inner input sits inside its border, so md is 42 px on a phone.
    size: 'lg' as const,
    required: true,
    withAsterisk: false,
    visibilityToggleButtonProps: { 'aria-label': t('password.show') },
    vars: () => ({ root: { '--psi-button-size': '44px', '--psi-icon-size': '22px' } }),
  };

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="security-heading"
    >
      <form noValidate onSubmit={submit}>
        <Stack gap="md" maw={560}>
          <Stack gap={2}>
            <Title order={2} fz="h3" id="security-heading">
              {t('profile.security.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('profile.security.intro')}
            </Text>
          </Stack>
          {change.isSuccess ? (
            <Alert color="teal" variant="light" radius="md" role="status">
              <Text size="sm">{t('profile.security.changed')}</Text>
            </Alert>
          ) : null}
          {change.isError ? <ProblemAlert error={change.error} title={t('profile.security.failed')} /> : null}
          <PasswordInput
            {...inputProps}
            label={t('profile.security.current')}
            name="current-password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => {
              setCurrent(event.currentTarget.value);
              setHints(({ currentPassword: _cleared, ...rest }) => rest);
            }}
            error={hints.currentPassword ?? fieldError(change.error, 'currentPassword')}
          />
          <PasswordInput
            {...inputProps}
            label={t('profile.security.new')}
            name="new-password"
            autoComplete="new-password"
            aria-describedby="new-password-rules"
            value={newPassword}
            onChange={(event) => {
              setNew(event.currentTarget.value);
              setHints(({ newPassword: _cleared, ...rest }) => rest);
            }}
            error={hints.newPassword ?? fieldError(change.error, 'newPassword')}
          />
          <PasswordRules id="new-password-rules" />
          <Button
            type="submit"
            loading={change.isPending}
            w={{ base: '100%', xs: 'auto' }}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('profile.security.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
