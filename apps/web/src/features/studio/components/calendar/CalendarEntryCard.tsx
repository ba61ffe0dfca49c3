import { Button, Group, Stack, Text } from '@mantine/core';
import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { networkLabel } from '../../../profile/components/NetworkMark';
import type { PackCalendarEntry } from '../../types';
import classes from './calendar.module.css';

export const ENTRY_COLORS: Record<PackCalendarEntry['kind'], string> = {
  scheduled: 'var(--mantine-color-blue-7)',
  published: 'var(--mantine-color-green-8)',
  expiring: 'var(--mantine-color-orange-8)',
};

export const entryKey = (entry: PackCalendarEntry) => `${entry.kind}:${entry.pack.id}`;

interface CalendarEntryCardProps {
  entry: PackCalendarEntry;
  time: string;
  onMove: (entry: PackCalendarEntry) => void;
  onDragStart: (entry: PackCalendarEntry) => void;
  onDragEnd: () => void;
  /** A smaller Move button, for the narrow cells of the month grid. */
  compact?: boolean;
}

/** One time of a pack on a day: dragged, or moved with its button, when the pack's state allows. */
export function CalendarEntryCard({
  entry,
  time,
  onMove,
  onDragStart,
  onDragEnd,
  compact = false,
}: CalendarEntryCardProps) {
  const { t } = useTranslation();
  const kind = t(`calendar.kinds.${entry.kind}`);
  const movable = entry.moves !== null;
  const dragStart = (event: DragEvent<HTMLDivElement>) => {
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', entryKey(entry));
    onDragStart(entry);
  };
  return (
    <div
      className={`${classes.entry} ${movable ? classes.movable : ''}`}
      style={{ ['--entry-color' as string]: ENTRY_COLORS[entry.kind] }}
      draggable={movable}
      onDragStart={movable ? dragStart : undefined}
      onDragEnd={movable ? onDragEnd : undefined}
      title={movable ? t('calendar.dragHint') : undefined}
      data-entry={entryKey(entry)}
    >
      <Stack gap={2}>
        <Text size="xs" fw={700}>
          {time} · {kind}
        </Text>
        <Text
          component={Link}
          to={`/studio/packs/${entry.pack.id}`}
          size="sm"
          fw={600}
          c="inherit"
          td="underline"
          lineClamp={3}
          // On a phone the title is a thumb's target: 44 px tall.
          py={compact ? 0 : 12}
          style={{ overflowWrap: 'anywhere' }}
          aria-label={t('calendar.entryLabel', { kind, time, title: entry.pack.title })}
        >
          {entry.pack.title}
        </Text>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {[t(`studio.state.${entry.pack.status}`), ...entry.pack.networks.map(networkLabel)].join(' · ')}
        </Text>
        {movable ? (
          <Group gap={4}>
            <Button
              size={compact ? 'compact-xs' : 'sm'}
              mih={compact ? undefined : 44}
              variant="default"
              onClick={() => onMove(entry)}
              aria-label={t('calendar.moveLabel', { title: entry.pack.title, kind })}
            >
              {t('calendar.move')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </div>
  );
}
