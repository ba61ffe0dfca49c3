import { Button, Center, Stack } from '@mantine/core';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { adoptMemberLocale } from '../../../app/i18n/i18n';
import { lazyPage } from '../../../app/lazyPage';
import { FullPageLoader } from '../../../app/shell/FullPageLoader';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useMe } from '../hooks/useMe';
import { MemberContext } from '../hooks/useMember';
import { SessionRenewal } from './SessionRenewal';

const TwoStepRequiredPage = lazyPage(
  () => import('../../profile/pages/TwoStepRequiredPage'),
  'TwoStepRequiredPage',
);

/**
 * Renders its routes for a signed-in member; sends anyone else to sign in and back afterwards. A
 * session that ends while here is renewed in place (SessionRenewal). An admin whose organisation
 * requires two-step sign-in sees only its set-up until it is on.
 */
export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const locale = me.data?.locale;

  useEffect(() => {
    if (locale) void adoptMemberLocale(locale);
  }, [locale]);

  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    return (
      <Center mih="60vh" p="md">
        <Stack maw={480} w="100%">
          <ProblemAlert error={me.error} title={t('auth.sessionCheckFailed.title')} />
          <Button variant="light" onClick={() => void me.refetch()} loading={me.isFetching}>
            {t('auth.sessionCheckFailed.retry')}
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!me.data) {
    const here = `${location.pathname}${location.search}`;
    const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  return (
    <MemberContext value={me.data}>
      {me.data.twoStep.required && !me.data.twoStep.enabled ? (
        <Suspense fallback={<FullPageLoader />}>
          <TwoStepRequiredPage />
        </Suspense>
      ) : (
        <Outlet />
      )}
      <SessionRenewal member={me.data} />
    </MemberContext>
  );
}
