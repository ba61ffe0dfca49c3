import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CsvLink } from './CsvLink';

interface InsightsSectionProps {
  id: string;
  title: string;
  intro?: string;
  /** The CSV of this section's figures, if it has one. */
  csvHref?: string;
  /** A chart, shown first; the table is its alternative for screen readers and exact figures. */
  chart?: ReactNode;
  /** Controls shown above the chart only (the figure a bar chart shows). */
  chartControls?: ReactNode;
  table: ReactNode;
}

/** A titled panel of figures: a chart with a "show as table" switch, or a table, and its CSV. */
export function InsightsSection({
  id,
  title,
  intro,
  csvHref,
  chart,
  chartControls,
  table,
}: InsightsSectionProps) {
  const { t } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const showChart = chart !== undefined && !asTable;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} miw={0} style={{ flex: '1 1 12rem' }}>
            <Title order={2} fz="h4" id={id}>
              {title}
            </Title>
            {intro ? (
              <Text size="sm" c="dimmed">
                {intro}
              </Text>
            ) : null}
          </Stack>
          <Group gap={4} wrap="nowrap">
            {chart !== undefined ? (
              <Button
                variant="subtle"
                size="sm"
                aria-pressed={asTable}
                onClick={() => setAsTable((shown) => !shown)}
              >
                {asTable ? t('insights.showChart') : t('insights.showTable')}
              </Button>
            ) : null}
            {csvHref ? <CsvLink href={csvHref} what={title} /> : null}
          </Group>
        </Group>
        {showChart ? (
          <>
            {chartControls}
            {chart}
          </>
        ) : (
          table
        )}
      </Stack>
    </Paper>
  );
}
