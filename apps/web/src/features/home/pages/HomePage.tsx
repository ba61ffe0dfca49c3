import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { homeEntry, knownRoles } from '../../../app/navigation';
import { useMember } from '../../auth/hooks/useMember';
import { ComingForRole } from '../components/ComingForRole';

/** The placeholder home each role lands on until its own home page exists. */
export function HomePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const member = useMember();
  useDocumentTitle(t('app.documentTitle', { page: t('home.title') }));
  const roles = knownRoles(member.roles);
  const home = homeEntry(member.roles);

  return (
    <Stack gap="xl" maw={960}>
      <Stack gap={6}>
        <Text size="sm" c="dimmed">
          {t('home.today', { date: format.longDate(new Date()) })}
        </Text>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('home.greeting', { name: member.name })}
        </Title>
        {home && !home.ready ? (
          <Text size="md" maw={640}>
            {t('home.intro', { page: t(`nav.${home.id}`) })}
          </Text>
        ) : null}
      </Stack>
      {roles.length > 0 ? (
        <Stack gap="sm" component="section" aria-labelledby="home-coming">
          <Title
            order={2}
            id="home-coming"
            fz="sm"
            tt="uppercase"
            c="dimmed"
            style={{ letterSpacing: '0.04em' }}
          >
            {t('home.comingLabel')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {roles.map((role) => (
              <ComingForRole key={role} role={role} />
            ))}
          </SimpleGrid>
        </Stack>
      ) : null}
    </Stack>
  );
}
