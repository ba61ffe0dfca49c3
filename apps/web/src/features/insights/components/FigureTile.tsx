import { Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ChangeLine } from './ChangeLine';
import { DefinitionButton } from './DefinitionButton';

interface FigureTileProps {
  /** Names the tile for tests and the CSV columns alike (`reach`, `emvMinor`). */
  id: string;
  label: string;
  /** The figure already formatted (number, percentage, money); "—" when there is none. */
  value: string;
  change: number | null;
  previousLabel: string;
  definition: ReactNode;
  /** Said instead of the change where a figure has no previous period of its own. */
  note?: string;
}

/** One figure of the period: its value, its change against the previous period and its definition. */
export function FigureTile({ id, label, value, change, previousLabel, definition, note }: FigureTileProps) {
  const labelId = `figure-${id}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={labelId} data-figure={id}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
          <Text size="sm" fw={600} id={labelId} c="dimmed">
            {label}
          </Text>
          <DefinitionButton figure={label}>{definition}</DefinitionButton>
        </Group>
        <Text fz={{ base: 24, sm: 28 }} fw={700} lh={1.2} data-testid={`figure-value-${id}`}>
          {value}
        </Text>
        {note !== undefined ? (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        ) : (
          <ChangeLine change={change} previousLabel={previousLabel} />
        )}
      </Stack>
    </Paper>
  );
}
