// One tap shares: the tab for the network opens inside the click (popup blockers allow only that),
// the caption is put on the clipboard where the network will not take it prefilled, and the tab is
// pointed at the share intent once the API has made the tracked link.
import { effectiveSharing, findNetwork, mustCopyCaption } from '@heimo/domain';
import { useRef, useState } from 'react';
import type { ShareBody, ShareResult } from '../types';
import { onMemberServer } from './memberServer';
import { nextAttempt, type ShareAttempt } from './shareAttempt';
import { useShare } from './useShare';

export interface ShareOutcome {
  readonly share: ShareResult;
  /** True when the caption is on the clipboard, false when copying failed, null when nothing was to be copied. */
  readonly copied: boolean | null;
  /** False when the browser blocked the new tab; the person then opens it from a link. */
  readonly opened: boolean;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/**
 * Starts a clipboard write while the click still counts as the person's gesture and the page still
 * has focus (opening the tab takes it away); the text follows when the API answers. Browsers
 * without promised clipboard items get a plain write later, which may be refused.
 */
function startCopy(text: Promise<string>): Promise<boolean> {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  if (!clipboard)
    return text.then(
      () => false,
      () => false,
    );
  if (typeof ClipboardItem === 'function' && typeof clipboard.write === 'function') {
    const blob = text.then((value) => new Blob([value], { type: 'text/plain' }));
    return clipboard.write([new ClipboardItem({ 'text/plain': blob })]).then(
      () => true,
      () =>
        text
          .then((value) => clipboard.writeText(value))
          .then(
            () => true,
            () => false,
          ),
    );
  }
  return text
    .then((value) => clipboard.writeText(value))
    .then(
      () => true,
      () => false,
    );
}

/** Shares one variant of one pack; retries of the same request reuse its Idempotency-Key. */
export function useShareFlow() {
  const share = useShare();
  const unfinished = useRef<ShareAttempt | null>(null);
  const [outcome, setOutcome] = useState<ShareOutcome | null>(null);

  /** Call straight from the click handler: the tab and the clipboard need the gesture. */
  const start = (body: ShareBody, server: string | null = null): void => {
    const network = findNetwork(body.network);
    const copies = network ? mustCopyCaption(network.id, server) : false;
    const text = deferred<string>();
    text.promise.catch(() => undefined); // a failed share leaves nothing to copy
    const copied = copies ? startCopy(text.promise) : null;
    // Open the tab now, empty, and cut its way back to this page before it loads anything.
    const intent = network ? effectiveSharing(network.id, server).mode === 'intent' : false;
    const tab = intent ? window.open('', '_blank') : null;
    if (tab) tab.opener = null;

    const attempt = nextAttempt(unfinished.current, body);
    unfinished.current = attempt;
    setOutcome(null);
    share.mutate(attempt, {
      onSuccess: async (answered) => {
        unfinished.current = null;
        const result = onMemberServer(answered, server);
        const action = result.action;
        text.resolve(action.clipboardText ?? result.text);
        if (action.kind === 'intent' && tab) tab.location.href = action.url;
        const wasCopied = copied ? await copied : null;
        setOutcome({ share: result, copied: wasCopied, opened: tab !== null });
      },
      onError: (error) => {
        text.reject(error);
        tab?.close();
      },
    });
  };

  const reset = () => {
    setOutcome(null);
    share.reset();
  };

  return { start, reset, outcome, pending: share.isPending, error: share.error, failedFor: share.variables };
}
