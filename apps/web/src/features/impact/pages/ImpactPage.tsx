import { Button, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { withFilter } from '../../insights/filters';
import { BestShares } from '../components/BestShares';
import { ImpactFigures } from '../components/ImpactFigures';
import { ImpactTrend } from '../components/ImpactTrend';
import { MyShares } from '../components/MyShares';
import { RankCard } from '../components/RankCard';
import { useMyImpact } from '../hooks/useMyImpact';
import { IMPACT_PERIODS, type ImpactPeriod, type MyImpact } from '../types';

/** My impact: the member's figures of a period, their rank and trend, their best shares and every share. */
export function ImpactPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('impact.title') }));
  const [params, setParams] = useSearchParams();
  const period: ImpactPeriod =
    IMPACT_PERIODS.find((candidate) => candidate === params.get('period')) ?? 'month';
  const impact = useMyImpact(period);

  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('impact.title')}
        </Title>
        <Text c="dimmed">{t('impact.intro')}</Text>
      </Stack>
      <SegmentedControl
        fullWidth
        value={period}
        aria-label={t('impact.period')}
        onChange={(value) => setParams(withFilter(params, 'period', value))}
        data={IMPACT_PERIODS.map((value) => ({ value, label: t(`impact.periods.${value}`) }))}
        styles={{
          label: {
            minHeight: 44,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            paddingInline: 4,
          },
        }}
      />

      {impact.isError && !impact.data ? (
        <ProblemAlert error={impact.error} title={t('impact.summaryFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void impact.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : !impact.data ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton h={96} radius="md" />
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
            {[0, 1, 2, 3, 4].map((tile) => (
              <Skeleton key={tile} h={104} radius="md" />
            ))}
          </SimpleGrid>
          <Skeleton h={280} radius="md" />
        </Stack>
      ) : (
        <Stack gap="lg" aria-busy={impact.isFetching} style={{ opacity: impact.isPlaceholderData ? 0.6 : 1 }}>
          <RankCard rank={impact.data.rank} periodLabel={t(`impact.periodPhrase.${period}`)} />
          <ImpactFigures impact={impact.data} />
          {quiet(impact.data.figures) ? (
            <Paper withBorder p="lg" radius="md" ta="center">
              <Text fw={600}>{t(`impact.quiet.title.${period}`)}</Text>
              <Text size="sm" c="dimmed" mt={4}>
                {t('impact.quiet.body')}
              </Text>
              <Button component={Link} to="/feed" variant="light" mt="md">
                {t('impact.empty.action')}
              </Button>
            </Paper>
          ) : (
            <>
              <ImpactTrend impact={impact.data} />
              <BestShares shares={impact.data.bestShares} />
            </>
          )}
        </Stack>
      )}

      <MyShares />
    </Stack>
  );
}

/** Nothing happened in the period: no share made and no click on an older one. */
function quiet(figures: MyImpact['figures']): boolean {
  return !figures.shares.value && !figures.clicks.value;
}
