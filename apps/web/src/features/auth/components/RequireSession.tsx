import { Button, Center, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { adoptMemberLocale } from '../../../app/i18n/i18n';
import { FullPageLoader } from '../../../app/shell/FullPageLoader';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useMe } from '../hooks/useMe';
import { MemberContext } from '../hooks/useMember';
import { SessionRenewal } from './SessionRenewal';

/**
 * Renders its routes for a signed-in member; sends anyone else to sign in and back afterwards. A
 * session that ends while here is renewed in place (SessionRenewal).
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
      <Outlet />
      <SessionRenewal member={me.data} />
    </MemberContext>
  );
}
