import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { UpdateNotificationPreferencesBody } from '../types';

export const notificationPreferencesQueryKey = ['notification-preferences'] as const;

/** What the member receives by e-mail. */
export function useNotificationPreferences() {
  return useQuery({
    queryKey: notificationPreferencesQueryKey,
    queryFn: () => unwrap(api.GET('/api/me/notification-preferences')),
  });
}

/** Saves one or more choices; the answer (all three) replaces the cached preferences. */
export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateNotificationPreferencesBody) =>
      unwrap(api.PATCH('/api/me/notification-preferences', { body })),
    onSuccess: (saved) => queryClient.setQueryData(notificationPreferencesQueryKey, saved),
    onError: () => queryClient.invalidateQueries({ queryKey: notificationPreferencesQueryKey }),
  });
}
