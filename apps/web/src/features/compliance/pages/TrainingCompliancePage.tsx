import {
  Badge,
  Button,
  Card,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { ReadyMeter } from '../components/ReadyMeter';
import { TrainingModuleList } from '../components/TrainingModuleList';
import { useCompliance } from '../hooks/useCompliance';
import { useDownloadComplianceCsv } from '../hooks/useDownloadComplianceCsv';
import type { Compliance, LapsedTraining, ModuleCompliance, TeamCompliance } from '../types';

/** Curators and admins: who may share, per team and overall, what blocks the rest, and the modules. */
export function TrainingCompliancePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('compliance.title') }));
  const compliance = useCompliance();
  const download = useDownloadComplianceCsv();

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="end" gap="sm">
        <Stack gap={4} maw={680}>
          <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
            {t('compliance.title')}
          </Title>
          <Text c="dimmed">{t('compliance.intro')}</Text>
        </Stack>
        <Button
          variant="light"
          loading={download.isPending}
          onClick={() => download.mutate()}
          w={{ base: '100%', xs: 'auto' }}
        >
          {t('compliance.downloadCsv')}
        </Button>
      </Group>
      {download.isError ? (
        <ProblemAlert error={download.error} title={t('compliance.downloadFailed')} />
      ) : null}

      {compliance.isError ? (
        <ProblemAlert error={compliance.error} title={t('compliance.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void compliance.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : compliance.isPending ? (
        <Stack gap="md" role="status" aria-busy="true" aria-label={t('app.loading')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            {[0, 1, 2].map((card) => (
              <Skeleton key={card} h={120} radius="md" />
            ))}
          </SimpleGrid>
          <Skeleton h={200} radius="md" />
        </Stack>
      ) : (
        <ComplianceOverview compliance={compliance.data} />
      )}

      <Section id="compliance-modules" title={t('compliance.catalogue.heading')}>
        <div>
          <Button component={Link} to="/training-modules/new" w={{ base: '100%', xs: 'auto' }}>
            {t('compliance.catalogue.new')}
          </Button>
        </div>
        <TrainingModuleList
          requiredIds={new Set(compliance.data?.modules.map((module) => module.moduleId))}
        />
      </Section>
    </Stack>
  );
}

function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Stack gap={2}>
        <Title order={2} fz="h3" id={id}>
          {title}
        </Title>
        {intro ? (
          <Text size="sm" c="dimmed">
            {intro}
          </Text>
        ) : null}
      </Stack>
      {children}
    </Stack>
  );
}

function ComplianceOverview({ compliance }: { compliance: Compliance }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { overall } = compliance;
  const teamNames = new Map(compliance.teams.map((team) => [team.teamId, team.teamName]));

  return (
    <>
      <Text size="xs" c="dimmed">
        {t('compliance.generatedAt', { date: format.dateTime(new Date(compliance.generatedAt)) })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Card withBorder radius="md" padding="md">
          <Text size="sm" fw={600} mb={4}>
            {t('compliance.overall.ready')}
          </Text>
          <Text size="xs" c="dimmed" mb="sm">
            {t('compliance.overall.readyHint')}
          </Text>
          <ReadyMeter group={overall} label={t('compliance.overall.ready')} />
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text size="sm" fw={600} mb={4}>
            {t('compliance.overall.topBlocking')}
          </Text>
          {overall.topBlockingModule ? (
            <>
              <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
                {overall.topBlockingModule.title}
              </Text>
              <Text size="sm" c="dimmed">
                {t('compliance.blockedPeople', { count: overall.topBlockingModule.blocked })}
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('compliance.nothingBlocks')}
            </Text>
          )}
        </Card>
        <Card withBorder radius="md" padding="md">
          <Text size="sm" fw={600} mb={4}>
            {t('compliance.overall.lapsed')}
          </Text>
          <Text fw={700} fz="h2" lh={1.2}>
            {format.integer(compliance.lapsedTotal)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('compliance.overall.lapsedHint')}
          </Text>
        </Card>
      </SimpleGrid>

      <Section id="compliance-teams" title={t('compliance.teams.heading')}>
        {compliance.teams.length === 0 ? (
          <Empty>{t('compliance.teams.empty')}</Empty>
        ) : (
          <SimpleGrid
            cols={{ base: 1, sm: 2, lg: 3 }}
            spacing="md"
            component="ul"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
          >
            {compliance.teams.map((team) => (
              <TeamCard key={team.teamId ?? 'none'} team={team} />
            ))}
          </SimpleGrid>
        )}
      </Section>

      <Section
        id="compliance-required"
        title={t('compliance.modules.heading')}
        intro={t('compliance.modules.intro')}
      >
        {compliance.modules.length === 0 ? (
          <Empty>{t('compliance.modules.empty')}</Empty>
        ) : (
          <>
            <ModuleTable modules={compliance.modules} />
            <ModuleCards modules={compliance.modules} />
          </>
        )}
      </Section>

      <Section
        id="compliance-lapsed"
        title={t('compliance.lapsed.heading')}
        intro={t('compliance.lapsed.intro')}
      >
        {compliance.lapsed.length === 0 ? (
          <Empty>{t('compliance.lapsed.empty')}</Empty>
        ) : (
          <>
            <LapsedList lapsed={compliance.lapsed} teamNames={teamNames} />
            {compliance.lapsedTotal > compliance.lapsed.length ? (
              <Text size="sm" c="dimmed">
                {t('compliance.lapsed.more', {
                  shown: compliance.lapsed.length,
                  total: compliance.lapsedTotal,
                })}
              </Text>
            ) : null}
          </>
        )}
      </Section>
    </>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" ta="center">
      <Text size="sm">{children}</Text>
    </Paper>
  );
}

function TeamCard({ team }: { team: TeamCompliance }) {
  const { t } = useTranslation();
  const name = team.teamName ?? t('compliance.teams.noTeam');
  return (
    <Card withBorder radius="md" padding="md" component="li" aria-label={name}>
      <Text fw={600} mb="xs" style={{ overflowWrap: 'anywhere' }}>
        {name}
      </Text>
      <ReadyMeter group={team} label={t('compliance.teams.readyLabel', { team: name })} />
      <Text size="xs" c="dimmed" mt="sm" style={{ overflowWrap: 'anywhere' }}>
        {team.topBlockingModule
          ? t('compliance.teams.topBlocking', {
              module: team.topBlockingModule.title,
              count: team.topBlockingModule.blocked,
            })
          : t('compliance.nothingBlocks')}
      </Text>
    </Card>
  );
}

const moduleColumns = [
  'requiredOf',
  'passed',
  'notStarted',
  'failed',
  'expired',
  'outdated',
  'blocked',
] as const;

/** Desktop: one row per required module. */
function ModuleTable({ modules }: { modules: ModuleCompliance[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('compliance.modules.columns.module')}</Table.Th>
              {moduleColumns.map((column) => (
                <Table.Th key={column} ta="right">
                  {t(`compliance.modules.columns.${column}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {modules.map((module) => (
              <Table.Tr key={module.moduleId}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {module.title}
                  </Text>
                </Table.Td>
                {moduleColumns.map((column) => (
                  <Table.Td key={column} ta="right">
                    <Text size="sm" fw={column === 'blocked' && module.blocked > 0 ? 700 : undefined}>
                      {format.integer(module[column])}
                    </Text>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** Phone: one card per required module, its figures as a short list. */
function ModuleCards({ modules }: { modules: ModuleCompliance[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="sm" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {modules.map((module) => (
        <Card key={module.moduleId} withBorder radius="md" padding="md" component="li">
          <Text fw={600} mb="xs" style={{ overflowWrap: 'anywhere' }}>
            {module.title}
          </Text>
          <SimpleGrid cols={2} spacing={4} verticalSpacing={2} component="dl" m={0}>
            {moduleColumns.map((column) => (
              <Group key={column} gap={6} wrap="nowrap" justify="space-between">
                <Text size="xs" c="dimmed" component="dt">
                  {t(`compliance.modules.columns.${column}`)}
                </Text>
                <Text size="sm" component="dd" m={0} fw={600}>
                  {format.integer(module[column])}
                </Text>
              </Group>
            ))}
          </SimpleGrid>
        </Card>
      ))}
    </Stack>
  );
}

function LapsedList({
  lapsed,
  teamNames,
}: {
  lapsed: LapsedTraining[];
  teamNames: Map<string | null, string | null>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const teamOf = (row: LapsedTraining) =>
    (row.teamId ? teamNames.get(row.teamId) : null) ?? t('compliance.teams.noTeam');
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {lapsed.map((row) => (
        <Paper key={`${row.memberId}:${row.moduleId}`} withBorder radius="md" p="sm" component="li">
          <Group justify="space-between" gap="xs" align="flex-start">
            <Stack gap={0} miw={0} style={{ flex: '1 1 14rem' }}>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {row.name}
              </Text>
              <Text size="xs" c="dimmed">
                {teamOf(row)}
              </Text>
            </Stack>
            <Stack gap={2} miw={0} style={{ flex: '1 1 14rem' }}>
              <Group gap={6}>
                <Badge
                  color={row.status === 'expired' ? 'orange' : 'yellow'}
                  variant="light"
                  radius="sm"
                  tt="none"
                >
                  {t(`training.statuses.${row.status}`)}
                </Badge>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {row.moduleTitle}
                </Text>
              </Group>
              {row.passedAt ? (
                <Text size="xs" c="dimmed">
                  {t('compliance.lapsed.passedAt', { date: format.shortDate(new Date(row.passedAt)) })}
                </Text>
              ) : null}
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
