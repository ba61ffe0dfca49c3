import { Alert, Box, Button, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { landingPath, safeNextPath } from '../../../app/navigation';
import { PublicLayout } from '../../../app/shell/PublicLayout';
import { useSetupStatus } from '../../setup/hooks/useSetup';
import { SignInForm } from '../components/SignInForm';
import { useMe } from '../hooks/useMe';
import classes from './LoginPage.module.css';

const highlights = ['share', 'train', 'reach'] as const;

export function LoginPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('landing.title') }));
  const [params] = useSearchParams();
  const { data: member } = useMe();
  // Offered only when the server allows it (ALLOW_ORGANISATION_SIGNUP).
  const signupOpen = useSetupStatus().data?.signupOpen === true;

  const ssoError = params.get('sso_error');
  const ssoMessageKey = `auth.sso.errors.${ssoError ?? ''}`;

  if (member) return <Navigate to={safeNextPath(params.get('next')) ?? landingPath(member.roles)} replace />;

  return (
    <PublicLayout>
      <div className={classes.layout}>
        <Box className={classes.headline}>
          <Title order={1} className={classes.title}>
            {t('landing.headline')}
          </Title>
        </Box>
        <Paper className={classes.form} withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }}>
          <Stack gap="xs" mb="lg">
            <Title order={2} fz="h3">
              {t('auth.signIn.heading')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('auth.signIn.intro')}
            </Text>
          </Stack>
          {ssoError ? (
            <Alert color="red" title={t('auth.sso.failedTitle')} mb="md" role="alert">
              {i18n.exists(ssoMessageKey)
                ? String(t(ssoMessageKey as 'auth.sso.errors.token_invalid'))
                : t('errors.generic')}
            </Alert>
          ) : null}
          <SignInForm returnTo={safeNextPath(params.get('next')) ?? undefined} />
          <Button component={Link} to="/forgot-password" variant="subtle" fullWidth h={44} mt="xs">
            {t('auth.signIn.forgot')}
          </Button>
          {signupOpen ? (
            <Button component={Link} to="/signup-organisation" variant="subtle" fullWidth h={44}>
              {t('organisationSignup.signInLink')}
            </Button>
          ) : null}
        </Paper>
        <Stack className={classes.details} gap="lg">
          <Text size="lg">{t('landing.lead')}</Text>
          <List
            spacing="sm"
            center
            styles={{ itemLabel: { lineHeight: 1.45 } }}
            icon={
              <ThemeIcon size={26} radius="xl" variant="light" aria-hidden>
                <svg width="14" height="14" viewBox="0 0 16 16" focusable="false">
                  <path
                    d="M3 8.5l3 3 7-7"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="2.2"
                    strokeLinecap="round"
                    strokeLinejoin="round"
                  />
                </svg>
              </ThemeIcon>
            }
          >
            {highlights.map((highlight) => (
              <List.Item key={highlight}>{t(`landing.highlights.${highlight}`)}</List.Item>
            ))}
          </List>
        </Stack>
      </div>
    </PublicLayout>
  );
}
