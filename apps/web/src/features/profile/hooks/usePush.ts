import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pushKeyProblem } from '@heimo/domain';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';

export type PushDevice = components['schemas']['PushSubscriptionDto'];
export type PushSettings = components['schemas']['PushSettingsDto'];

export const pushDevicesQueryKey = ['me', 'push-subscriptions'] as const;
export const pushSettingsQueryKey = ['me', 'push-settings'] as const;

/** Whether this browser can receive Web Push at all (a service worker and a push manager). */
export function pushSupported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window;
}

/** The member's devices with push, this one marked `current`. */
export function usePushDevices() {
  return useQuery({
    queryKey: pushDevicesQueryKey,
    queryFn: () => unwrap(api.GET('/api/me/push-subscriptions')),
  });
}

export class PushPermissionDenied extends Error {}

/**
 * Asks the browser for permission, subscribes with the server's key and saves the subscription
 * (this session's: signing out of this device ends it on the server).
 */
export function useTurnOnPush() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') throw new PushPermissionDenied();
      const { publicKey } = await unwrap(api.GET('/api/push/public-key'));
      const registration = await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: publicKey,
        }));
      const json = subscription.toJSON();
      const keys = { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' };
      // The server's own check: a browser whose keys it would refuse is told so before sending.
      for (const name of ['p256dh', 'auth'] as const) {
        const problem = pushKeyProblem(name, keys[name]);
        if (problem) throw new Error(`${name}: ${problem}`);
      }
      return unwrap(
        api.POST('/api/me/push-subscriptions', {
          body: { endpoint: json.endpoint ?? subscription.endpoint, keys },
        }),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: pushDevicesQueryKey }),
  });
}

export function useSwitchPushDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      unwrap(
        api.PATCH('/api/me/push-subscriptions/{subscriptionId}', {
          params: { path: { subscriptionId: id } },
          body: { enabled },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: pushDevicesQueryKey }),
  });
}

/** Forgets a device; when it is this one, the browser's subscription ends too. */
export function useForgetPushDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (device: PushDevice) => {
      await unwrap(
        api.DELETE('/api/me/push-subscriptions/{subscriptionId}', {
          params: { path: { subscriptionId: device.id } },
        }),
      );
      if (device.current && pushSupported()) {
        const registration = await navigator.serviceWorker.getRegistration();
        await (await registration?.pushManager.getSubscription())?.unsubscribe();
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: pushDevicesQueryKey }),
  });
}

export function usePushSettings() {
  return useQuery({
    queryKey: pushSettingsQueryKey,
    queryFn: () => unwrap(api.GET('/api/me/push-settings')),
  });
}

export function useUpdatePushSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      timeZone?: string | null;
      quietHoursStart?: string | null;
      quietHoursEnd?: string | null;
    }) => unwrap(api.PATCH('/api/me/push-settings', { body })),
    onSuccess: (saved) => queryClient.setQueryData(pushSettingsQueryKey, saved),
  });
}
