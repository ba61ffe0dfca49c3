// On a phone the share button can open the system share sheet (`navigator.share`), which browsers
// allow only close to the tap: so while the card is open the share's code is reserved (the final
// caption and tracked link) and its picture fetched; the tap opens the sheet at once; the share is
// confirmed when the sheet resolves, and the reservation released when it is cancelled.
import { type NetworkId, prefersShareSheet, textHoldsLink } from '@heimo/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { ShareBody, ShareReservation, ShareResult } from '../types';
import { randomKey } from './shareAttempt';
import { feedQueryKey } from './useFeed';
import { markShared } from './useShare';

/** A phone or tablet: the primary pointer is a finger. */
export function hasCoarsePointer(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(pointer: coarse)').matches
  );
}

/** The system sheet here: a finger, a browser that has it, and the network's rule (@heimo/domain). */
export function usesShareSheet(
  network: NetworkId,
  packHasMedia: boolean,
  server: string | null = null,
): boolean {
  return (
    hasCoarsePointer() &&
    typeof navigator !== 'undefined' &&
    typeof navigator.share === 'function' &&
    prefersShareSheet(network, packHasMedia, server)
  );
}

/** A reservation is renewed this long before it expires, while the card stays open. */
const RENEW_BEFORE_MS = 2 * 60_000;
/** Reserve once the card has stayed in view (or the typing has paused) this long. */
const SETTLE_MS = 300;

interface Prepared {
  readonly reservation: ShareReservation;
  readonly file: File | null;
  readonly bodyKey: string;
}

/**
 * `sharing`: the sheet is open; `confirming`: it resolved, the share is being recorded; `done`;
 * `cancelled` (nothing recorded); `failed` (the sheet would not open); `unrecorded` (shared, but the
 * confirmation failed: retry it).
 */
export type SheetStatus = 'idle' | 'sharing' | 'confirming' | 'done' | 'cancelled' | 'failed' | 'unrecorded';

const bodyKeyOf = (body: ShareBody) => JSON.stringify([body.packId, body.network, body.caption ?? null]);

/** The picture as a file for the sheet; null when it cannot be fetched (the sheet then goes without). */
async function fetchFile(url: string): Promise<File | null> {
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) return null;
    const blob = await response.blob();
    const type = blob.type || 'application/octet-stream';
    const extension = type.split('/')[1]?.split(/[;+]/)[0] ?? 'bin';
    return new File([blob], `share.${extension}`, { type });
  } catch {
    return null;
  }
}

function release(id: string): void {
  void api
    .DELETE('/api/shares/reservations/{reservationId}', { params: { path: { reservationId: id } } })
    .catch(() => undefined); // one never released expires and never counts
}

/** The share sheet for one variant; `enabled` while the card is open, in view and may share. */
export function useShareSheet(body: ShareBody, enabled: boolean) {
  const queryClient = useQueryClient();
  const bodyKey = bodyKeyOf(body);
  const latestBody = useRef(body);
  latestBody.current = body;
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [prepareError, setPrepareError] = useState<unknown>(null);
  // Each round reserves anew: after a use, before the expiry, or on a retry.
  const [round, setRound] = useState(0);
  const [status, setStatus] = useState<SheetStatus>('idle');
  const [share, setShare] = useState<ShareResult | null>(null);
  const [confirmError, setConfirmError] = useState<unknown>(null);
  const unconfirmed = useRef<string | null>(null);
  const used = useRef(new Set<string>());

  useEffect(() => {
    if (!enabled) return;
    const taken = used.current;
    let live = true;
    let held: string | null = null;
    let renew: ReturnType<typeof setTimeout> | undefined;
    const start = setTimeout(() => {
      const request = latestBody.current;
      unwrap(
        api.POST('/api/shares/reservations', {
          body: request,
          headers: { 'Idempotency-Key': randomKey() },
        }),
      ).then(
        async (reservation) => {
          held = reservation.id;
          if (!live) return release(reservation.id);
          const file = reservation.mediaUrl ? await fetchFile(reservation.mediaUrl) : null;
          if (!live) return;
          setPrepareError(null);
          setPrepared({ reservation, file, bodyKey: bodyKeyOf(request) });
          const renewIn = Date.parse(reservation.expiresAt) - Date.now() - RENEW_BEFORE_MS;
          renew = setTimeout(() => setRound((n) => n + 1), Math.max(renewIn, 0));
        },
        (error: unknown) => {
          if (live) setPrepareError(error);
        },
      );
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(start);
      clearTimeout(renew);
      setPrepared(null);
      // Not used for a share: forgotten now rather than left to expire.
      if (held && !taken.has(held)) release(held);
    };
  }, [enabled, bodyKey, round]);

  const confirm = (id: string, packId: string): void => {
    setStatus('confirming');
    setConfirmError(null);
    unwrap(
      api.POST('/api/shares/reservations/{reservationId}/confirm', {
        params: { path: { reservationId: id } },
      }),
    ).then(
      async (result) => {
        unconfirmed.current = null;
        const made = result as ShareResult;
        setShare(made);
        setStatus('done');
        setRound((n) => n + 1);
        await markShared(queryClient, packId, made);
      },
      (error: unknown) => {
        unconfirmed.current = id;
        setConfirmError(error);
        setStatus('unrecorded');
        void queryClient.invalidateQueries({ queryKey: feedQueryKey });
      },
    );
  };

  const ready = prepared !== null && prepared.bodyKey === bodyKey;

  /** Call straight from the tap: the sheet opens only within the person's gesture. */
  const open = (): void => {
    if (!prepared || prepared.bodyKey !== bodyKey) return;
    const { reservation, file } = prepared;
    const data: ShareData = { text: reservation.text };
    if (reservation.link && !textHoldsLink(reservation.text, reservation.link)) data.url = reservation.link;
    if (reservation.title) data.title = reservation.title;
    if (file && typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })) {
      data.files = [file];
    }
    used.current.add(reservation.id);
    setPrepared(null);
    setShare(null);
    setConfirmError(null);
    setStatus('sharing');
    navigator.share(data).then(
      () => confirm(reservation.id, reservation.packId),
      (error: unknown) => {
        release(reservation.id);
        const name = error instanceof Error || error instanceof DOMException ? error.name : '';
        setStatus(name === 'AbortError' ? 'cancelled' : 'failed');
        setRound((n) => n + 1);
      },
    );
  };

  const retryConfirm = (): void => {
    if (unconfirmed.current) confirm(unconfirmed.current, body.packId);
  };

  const retryPrepare = (): void => {
    setPrepareError(null);
    setRound((n) => n + 1);
  };

  return { ready, open, status, share, confirmError, prepareError, retryConfirm, retryPrepare };
}
