import { addDays, isCalendarDay } from '@heimo/domain';
import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackCalendarEntry } from '../../types';
import { MoveProblem } from './MoveProblem';

interface MoveEntryDialogProps {
  entry: PackCalendarEntry;
  time: string;
  timeZone: string;
  pending: boolean;
  error: unknown;
  onMove: (day: string) => void;
  onClose: () => void;
}

/** The keyboard's way to move an entry: a day picked (or stepped a day at a time), the time kept. */
export function MoveEntryDialog({
  entry,
  time,
  timeZone,
  pending,
  error,
  onMove,
  onClose,
}: MoveEntryDialogProps) {
  const { t } = useTranslation();
  const [day, setDay] = useState(entry.day);
  const [touched, setTouched] = useState(false);
  const same = day === entry.day;
  const valid = isCalendarDay(day);
  const step = (days: number) => {
    if (valid) setDay(addDays(day, days));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (valid && !same) onMove(day);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('calendar.moveDialog.title', { title: entry.pack.title })}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {t(`calendar.moveDialog.field.${entry.moves ?? 'publishAt'}`)}{' '}
            {t('calendar.moveDialog.keepsTime', { time, zone: timeZone })}
          </Text>
          <TextInput
            type="date"
            label={t('calendar.moveDialog.day')}
            value={day}
            onChange={(event) => setDay(event.currentTarget.value)}
            error={touched && (same || !valid) ? t('calendar.moveDialog.same') : undefined}
            data-autofocus
            required
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <Button variant="default" onClick={() => step(-1)}>
              {t('calendar.moveDialog.earlier')}
            </Button>
            <Button variant="default" onClick={() => step(1)}>
              {t('calendar.moveDialog.later')}
            </Button>
          </SimpleGrid>
          {error ? (
            <MoveProblem error={error} title={t('calendar.moveFailed', { title: entry.pack.title })} />
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('calendar.moveDialog.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {t('calendar.moveDialog.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
