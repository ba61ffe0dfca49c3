import { Button, Loader, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { landingPath } from '../../../app/navigation';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { PublicLayout } from '../../../app/shell/PublicLayout';
import { useConfirmJoin } from '../hooks/useJoin';
import { PublicFormCard } from '../components/PublicFormCard';

/** `/confirm-join?token=…`: the link e-mailed to a fan who signed up; following it signs them in. */
export function ConfirmJoinPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('join.confirmTitle') }));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmJoin();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    confirm.mutate(token);
  }, [confirm, token]);

  if (confirm.data) return <Navigate to={landingPath(confirm.data.roles)} replace />;

  return (
    <PublicLayout>
      <PublicFormCard heading={t('join.confirmTitle')}>
        {confirm.isError ? (
          <Stack gap="md">
            <ProblemAlert error={confirm.error} title={t('join.confirmFailed')} />
            <Button component={Link} to="/login" variant="light" size="lg">
              {t('join.toSignIn')}
            </Button>
          </Stack>
        ) : (
          <Stack gap="md" align="center" role="status">
            <Loader aria-hidden />
            {t('join.confirming')}
          </Stack>
        )}
      </PublicFormCard>
    </PublicLayout>
  );
}
