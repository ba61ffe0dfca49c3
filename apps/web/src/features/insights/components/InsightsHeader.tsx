import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

const pages = [
  { id: 'dashboard', path: '/insights' },
  { id: 'leaderboards', path: '/insights/leaderboards' },
  { id: 'teams', path: '/insights/teams' },
] as const;

export type InsightsPageId = (typeof pages)[number]['id'];

/** The title of an insights page and the links between the three; the filters travel along. */
export function InsightsHeader({ page, intro }: { page: InsightsPageId; intro: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t(`insights.pages.${page}`)}
        </Title>
        <Text c="dimmed">{intro}</Text>
      </Stack>
      <Group component="nav" aria-label={t('insights.pages.label')} gap="xs">
        {pages.map((entry) => {
          const current = entry.id === page;
          return (
            <Button
              key={entry.id}
              component={Link}
              to={`${entry.path}${search}`}
              variant={current ? 'filled' : 'default'}
              size="sm"
              radius="xl"
              aria-current={current ? 'page' : undefined}
            >
              {t(`insights.pages.${entry.id}`)}
            </Button>
          );
        })}
      </Group>
    </Stack>
  );
}
