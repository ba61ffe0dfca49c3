import { Box, NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Role } from '../../api/types';
import { entriesFor, homePath } from '../navigation';
import classes from './MainNav.module.css';

interface MainNavProps {
  roles: readonly Role[];
  onNavigate: () => void;
}

/** Links to the pages that exist for the person's roles; the rest listed as coming, never as links. */
export function MainNav({ roles, onNavigate }: MainNavProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const entries = entriesFor(roles);
  const ready = entries.filter((entry) => entry.ready);
  const coming = entries.filter((entry) => !entry.ready);
  const links = [{ id: 'home' as const, path: homePath }, ...ready];
  const matches = (path: string) => pathname === path || pathname.startsWith(`${path}/`);
  // The longest matching entry is the page: /settings/integrations is Integrations, not Settings.
  const current = ready
    .filter((entry) => matches(entry.path))
    .reduce<string | null>(
      (best, entry) => (best && best.length >= entry.path.length ? best : entry.path),
      null,
    );

  return (
    <Stack gap="lg">
      <Stack gap={4} component="ul" className={classes.list}>
        {links.map((entry) => {
          const active = entry.path === homePath ? pathname === homePath : entry.path === current;
          return (
            <li key={entry.id}>
              <NavLink
                component={Link}
                to={entry.path}
                label={t(`nav.${entry.id}`)}
                active={active}
                aria-current={active ? 'page' : undefined}
                onClick={onNavigate}
                className={classes.link}
                variant="light"
              />
            </li>
          );
        })}
      </Stack>
      {coming.length > 0 ? (
        <Box>
          <Text id="nav-coming-soon" size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb={6}>
            {t('shell.comingSoon')}
          </Text>
          <Stack gap={0} component="ul" className={classes.list} aria-labelledby="nav-coming-soon">
            {coming.map((entry) => (
              <li key={entry.id} className={classes.coming}>
                <Text size="sm" c="dimmed">
                  {t(`nav.${entry.id}`)}
                </Text>
              </li>
            ))}
          </Stack>
        </Box>
      ) : null}
    </Stack>
  );
}
