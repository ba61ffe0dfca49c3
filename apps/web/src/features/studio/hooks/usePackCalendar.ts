import { moveToLocalDate, type NetworkId } from '@heimo/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { Pack, PackCalendar, PackCalendarEntry } from '../types';
import { packsQueryKey } from './usePacks';

export interface CalendarFilter {
  readonly from: string;
  readonly to: string;
  readonly network: string | null;
  readonly team: string | null;
}

export function usePackCalendar({ from, to, network, team }: CalendarFilter) {
  return useQuery({
    queryKey: [...packsQueryKey, 'calendar', from, to, network, team],
    queryFn: (): Promise<PackCalendar> =>
      unwrap(
        api.GET('/api/packs/calendar', {
          params: {
            query: {
              from,
              to,
              ...(network ? { network: network as NetworkId } : {}),
              ...(team ? { team } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export interface CalendarMove {
  readonly entry: PackCalendarEntry;
  readonly day: string;
  readonly timeZone: string;
}

/**
 * Moves an entry to another day at the same time of day in the organisation's zone, through the
 * pack editor's own save (`PATCH /api/packs/{id}` with the version the calendar loaded), so its
 * rules and its 409 on a stale version hold. The calendar reloads either way.
 */
export function useMoveCalendarEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entry, day, timeZone }: CalendarMove): Promise<Pack> => {
      if (!entry.moves) throw new Error('This entry does not move');
      const at = moveToLocalDate(new Date(entry.at), day, timeZone).toISOString();
      return unwrap(
        api.PATCH('/api/packs/{packId}', {
          params: { path: { packId: entry.pack.id } },
          body: { version: entry.pack.version, [entry.moves]: at },
        }),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: packsQueryKey }),
  });
}
