import { localDateOf, NETWORK_IDS } from '@heimo/domain';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import i18n from 'i18next';
import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addLazyMessages } from '../../../app/i18n/resources';
import { parseLocalDay } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { networkLabel } from '../../profile/components/NetworkMark';
import { useTeams } from '../../teams/hooks/useTeams';
import { CalendarEntryCard } from '../components/calendar/CalendarEntryCard';
import classes from '../components/calendar/calendar.module.css';
import {
  CALENDAR_VIEWS,
  calendarRange,
  inMonthOf,
  shiftAnchor,
  type CalendarView,
} from '../components/calendar/calendarRange';
import { MoveEntryDialog } from '../components/calendar/MoveEntryDialog';
import { MoveProblem } from '../components/calendar/MoveProblem';
import { useMoveCalendarEntry, usePackCalendar } from '../hooks/usePackCalendar';
import english from '../locales/calendar.en.json';
import finnish from '../locales/calendar.fi.json';
import type { PackCalendarEntry } from '../types';

addLazyMessages(i18n, 'calendar', { en: english, fi: finnish });

const ALL = 'all';
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

type Outcome =
  | { readonly kind: 'pending'; readonly text: string }
  | { readonly kind: 'moved'; readonly text: string }
  | { readonly kind: 'failed'; readonly title: string; readonly error: unknown };

/** Dates and times as the organisation sees them, in the reader's language. */
function useCalendarFormat(timeZone: string) {
  const { i18n: instance } = useTranslation();
  const locale = instance.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone });
    const long = new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    });
    const short = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    return {
      time: (at: string) => time.format(new Date(at)),
      longDay: (day: string) => long.format(parseLocalDay(day)),
      shortDay: (day: string) => short.format(parseLocalDay(day)),
      weekday: (day: string) => weekday.format(parseLocalDay(day)),
      month: (day: string) => month.format(parseLocalDay(day)),
      dayNumber: (day: string) => String(Number(day.slice(8))),
    };
  }, [locale, timeZone]);
}

/**
 * The curators' content calendar: a month or a week of scheduled, published and expiring packs in
 * the organisation's time zone. A pack moves to another day by dragging it or with its Move button
 * (a dialog the keyboard reaches), keeping its time of day; the save is the pack editor's.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('calendar.title') }));
  const phone = useMediaQuery('(max-width: 47.99em)');
  const [chosenView, setView] = useState<CalendarView | null>(null);
  const view: CalendarView = chosenView ?? (phone ? 'week' : 'month');
  const [anchor, setAnchor] = useState(() => localDateOf(new Date(), browserZone()));
  const [network, setNetwork] = useState(ALL);
  const [team, setTeam] = useState(ALL);
  const range = useMemo(() => calendarRange(view, anchor), [view, anchor]);
  const calendar = usePackCalendar({
    from: range.from,
    to: range.to,
    network: network === ALL ? null : network,
    team: team === ALL ? null : team,
  });
  const teams = useTeams();
  const move = useMoveCalendarEntry();
  const [moving, setMoving] = useState<PackCalendarEntry | null>(null);
  const [dragging, setDragging] = useState<PackCalendarEntry | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const timeZone = calendar.data?.timeZone ?? browserZone();
  const format = useCalendarFormat(timeZone);
  const today = localDateOf(new Date(), timeZone);
  const byDay = useMemo(() => {
    const days = new Map<string, PackCalendarEntry[]>();
    for (const entry of calendar.data?.entries ?? []) {
      days.set(entry.day, [...(days.get(entry.day) ?? []), entry]);
    }
    return days;
  }, [calendar.data]);

  const moveTo = (entry: PackCalendarEntry, day: string, fromDialog: boolean) => {
    const field = entry.moves;
    if (!field || day === entry.day) return;
    const title = entry.pack.title;
    setOutcome({ kind: 'pending', text: t('calendar.moving', { title }) });
    move.mutate(
      { entry, day, timeZone },
      {
        onSuccess: (pack) => {
          setMoving(null);
          const at = pack[field] ?? entry.at;
          setOutcome({
            kind: 'moved',
            text: t(`calendar.moved.${field}`, {
              title,
              date: format.longDay(localDateOf(new Date(at), timeZone)),
              time: format.time(at),
            }),
          });
        },
        // The dialog shows its own error and stays open.
        onError: (error) =>
          setOutcome(
            fromDialog ? null : { kind: 'failed', title: t('calendar.moveFailed', { title }), error },
          ),
      },
    );
  };

  const openMove = (entry: PackCalendarEntry) => {
    move.reset();
    setMoving(entry);
  };

  const dropHandlers = (day: string) => ({
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (!dragging || dragging.day === day) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      if (over !== day) setOver(day);
    },
    onDragLeave: (event: DragEvent<HTMLElement>) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(null);
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      event.preventDefault();
      setOver(null);
      const entry = dragging;
      setDragging(null);
      if (entry) moveTo(entry, day, false);
    },
  });

  const entryList = (day: string) => (
    <Stack gap={4} component="ul" className={classes.list}>
      {(byDay.get(day) ?? []).map((entry) => (
        <li key={`${entry.kind}:${entry.pack.id}`}>
          <CalendarEntryCard
            entry={entry}
            time={format.time(entry.at)}
            onMove={openMove}
            compact={!phone}
            onDragStart={setDragging}
            onDragEnd={() => {
              setDragging(null);
              setOver(null);
            }}
          />
        </li>
      ))}
    </Stack>
  );

  const dayHeading = (day: string, visible: string) => (
    <Title order={3} fz="sm" fw={700} mb={4}>
      {visible === format.longDay(day) ? (
        visible
      ) : (
        <>
          <span aria-hidden>{visible}</span>
          <VisuallyHidden component="span">{format.longDay(day)}</VisuallyHidden>
        </>
      )}
      {day === today ? (
        <Text component="span" size="xs" fw={700} c="blue.8" ml={6}>
          {t('calendar.todayMark')}
        </Text>
      ) : null}
    </Title>
  );

  const heading =
    view === 'month' ? format.month(anchor) : t('calendar.weekOf', { date: format.shortDay(range.from) });
  const entriesShown = calendar.data?.entries.length ?? 0;
  const agendaDays =
    view === 'week' ? range.days : range.days.filter((day) => byDay.has(day) || day === today);

  return (
    <Stack gap="lg" maw={1280}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
            {t('calendar.title')}
          </Title>
          <Text c="dimmed">{t('calendar.intro')}</Text>
        </Stack>
        <Button component={Link} to="/studio" variant="default" w={{ base: '100%', xs: 'auto' }}>
          {t('calendar.backToStudio')}
        </Button>
      </Group>

      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <SegmentedControl
            aria-label={t('calendar.view')}
            value={view}
            onChange={(value) => setView(value as CalendarView)}
            data={CALENDAR_VIEWS.map((value) => ({ value, label: t(`calendar.views.${value}`) }))}
            styles={{
              label: { minHeight: 44, display: 'flex', alignItems: 'center', justifyContent: 'center' },
            }}
          />
          <Group gap="xs" wrap="nowrap">
            <ActionIcon
              variant="default"
              size={44}
              aria-label={t(`calendar.previous.${view}`)}
              onClick={() => setAnchor(shiftAnchor(view, anchor, -1))}
            >
              <span aria-hidden>‹</span>
            </ActionIcon>
            <Button variant="default" mih={44} onClick={() => setAnchor(today)}>
              {t('calendar.today')}
            </Button>
            <ActionIcon
              variant="default"
              size={44}
              aria-label={t(`calendar.next.${view}`)}
              onClick={() => setAnchor(shiftAnchor(view, anchor, 1))}
            >
              <span aria-hidden>›</span>
            </ActionIcon>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={560}>
          <Select
            label={t('calendar.network')}
            value={network}
            onChange={(value) => setNetwork(value ?? ALL)}
            allowDeselect={false}
            data={[
              { value: ALL, label: t('calendar.allNetworks') },
              ...NETWORK_IDS.map((id) => ({ value: id, label: networkLabel(id) })),
            ]}
          />
          <Select
            label={t('calendar.team')}
            value={team}
            onChange={(value) => setTeam(value ?? ALL)}
            allowDeselect={false}
            data={[
              { value: ALL, label: t('calendar.allTeams') },
              ...(teams.data ?? []).map((item) => ({ value: item.id, label: item.name })),
            ]}
          />
        </SimpleGrid>
      </Stack>

      <Stack gap={2}>
        <Title order={2} fz="h3">
          {heading}
        </Title>
        <Text size="xs" c="dimmed">
          {t('calendar.timeZone', { zone: timeZone })}
        </Text>
      </Stack>

      <div aria-live="polite" role="status">
        {outcome && outcome.kind !== 'failed' ? (
          <Alert color={outcome.kind === 'moved' ? 'green' : 'blue'} variant="light">
            <Text size="sm">{outcome.text}</Text>
          </Alert>
        ) : null}
      </div>
      {outcome?.kind === 'failed' ? <MoveProblem error={outcome.error} title={outcome.title} /> : null}

      {calendar.isError ? (
        <ProblemAlert error={calendar.error} title={t('calendar.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void calendar.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : calendar.isPending ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2].map((row) => (
            <Skeleton key={row} h={96} radius="md" />
          ))}
        </Stack>
      ) : (
        <Stack gap="sm" aria-busy={calendar.isFetching}>
          {calendar.data.truncated ? (
            <Alert color="yellow" variant="light">
              <Text size="sm">{t('calendar.truncated')}</Text>
            </Alert>
          ) : null}
          {entriesShown === 0 ? (
            <Paper withBorder p="md" radius="md">
              <Text size="sm">{t('calendar.empty')}</Text>
            </Paper>
          ) : null}
          {phone ? (
            <Stack gap="sm" component="ol" className={classes.list} aria-label={heading}>
              {agendaDays.map((day) => (
                <li
                  key={day}
                  data-day={day}
                  className={`${classes.agendaDay} ${day === today ? classes.today : ''} ${over === day ? classes.over : ''}`}
                  {...dropHandlers(day)}
                >
                  {dayHeading(day, format.longDay(day))}
                  {byDay.has(day) ? (
                    entryList(day)
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('calendar.emptyDay')}
                    </Text>
                  )}
                </li>
              ))}
            </Stack>
          ) : (
            <div className={view === 'week' ? classes.week : undefined}>
              <div className={classes.weekdays} aria-hidden>
                {range.days.slice(0, 7).map((day) => (
                  <Text key={day} size="xs" fw={700} c="dimmed" ta="center">
                    {format.weekday(day)}
                  </Text>
                ))}
              </div>
              <ol className={classes.grid} aria-label={heading}>
                {range.days.map((day) => (
                  <li
                    key={day}
                    data-day={day}
                    className={[
                      classes.day,
                      view === 'month' && !inMonthOf(anchor, day) ? classes.outside : '',
                      day === today ? classes.today : '',
                      over === day ? classes.over : '',
                    ].join(' ')}
                    {...dropHandlers(day)}
                  >
                    {dayHeading(
                      day,
                      view === 'week'
                        ? `${format.weekday(day)} ${format.dayNumber(day)}`
                        : format.dayNumber(day),
                    )}
                    {entryList(day)}
                  </li>
                ))}
              </ol>
            </div>
          )}
        </Stack>
      )}

      {moving ? (
        <MoveEntryDialog
          entry={moving}
          time={format.time(moving.at)}
          timeZone={timeZone}
          pending={move.isPending}
          error={move.error}
          onMove={(day) => moveTo(moving, day, true)}
          onClose={() => setMoving(null)}
        />
      ) : null}
    </Stack>
  );
}
