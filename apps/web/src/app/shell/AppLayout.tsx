import { AppShell, Burger, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMember } from '../../features/auth/hooks/useMember';
import { useSignOut } from '../../features/auth/hooks/useSignOut';
import { useOfflineState } from '../offline';
import { loadAllStyles } from '../styles';
import { AccountMenu } from './AccountMenu';
import { MainNav } from './MainNav';
import { PageOutlet } from './PageOutlet';
import { ProblemAlert } from './ProblemAlert';
import { SkipLink } from './SkipLink';
import { Wordmark } from './Wordmark';
import classes from './AppLayout.module.css';

// Shown only offline or when a new version waits: the first load carries none of it.
const OfflineNotices = lazy(() =>
  Promise.all([import('./OfflineNotices'), loadAllStyles()]).then(([module]) => ({
    default: module.OfflineNotices,
  })),
);

/** The signed-in frame: header with the account menu, navigation by role, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const member = useMember();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const offline = useOfflineState();

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding={{ base: 'md', sm: 'xl' }}
      bg="gray.0"
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpen}
              onClick={toggleNav}
              hiddenFrom="sm"
              className={classes.burger}
              aria-label={navOpen ? t('shell.closeNavigation') : t('shell.openNavigation')}
              aria-expanded={navOpen}
              aria-controls="main-navigation"
            />
            <Wordmark />
            <Text size="sm" c="dimmed" visibleFrom="xs" className={classes.organisation}>
              {member.organisation.name}
            </Text>
          </Group>
          <AccountMenu
            member={member}
            signingOut={signOut.isPending}
            onSignOut={() =>
              signOut.mutate(undefined, { onSuccess: () => void navigate('/login', { replace: true }) })
            }
          />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="main-navigation" aria-label={t('shell.mainNavigation')} p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <MainNav roles={member.roles} onNavigate={closeNav} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        {signOut.isError ? (
          <div className={classes.notice}>
            <ProblemAlert error={signOut.error} title={t('auth.signOutFailed')} />
          </div>
        ) : null}
        {offline.asOf || offline.update ? (
          <Suspense fallback={null}>
            <OfflineNotices />
          </Suspense>
        ) : null}
        <PageOutlet />
      </AppShell.Main>
    </AppShell>
  );
}
