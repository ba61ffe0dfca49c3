import { Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { PublicLayout } from '../../../app/shell/PublicLayout';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useSignOut } from '../../auth/hooks/useSignOut';
import { TwoStepSection } from '../components/TwoStepSection';

/**
 * What an admin sees, whatever page they open, while their organisation requires two-step sign-in of
 * admins and they have not set it up: the set-up, and signing out. The API answers their other
 * requests 403 `auth.two_step_required` meanwhile.
 */
export function TwoStepRequiredPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('twoStep.title') }));
  const signOut = useSignOut();
  return (
    <PublicLayout>
      <Stack gap="lg" maw={680} mx="auto">
        <Stack gap="xs">
          <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
            {t('twoStep.requiredTitle')}
          </Title>
          <Text>{t('twoStep.requiredIntro')}</Text>
        </Stack>
        <TwoStepSection />
        {signOut.isError ? <ProblemAlert error={signOut.error} title={t('auth.signOutFailed')} /> : null}
        <Button
          variant="subtle"
          color="gray"
          onClick={() => signOut.mutate()}
          loading={signOut.isPending}
          h={44}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('auth.signOut')}
        </Button>
      </Stack>
    </PublicLayout>
  );
}
