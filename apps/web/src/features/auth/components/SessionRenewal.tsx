import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { onSessionLost } from '../../../api/client';
import type { Me } from '../../../api/types';
import { homePath } from '../../../app/navigation';
import { loadAllStyles } from '../../../app/styles';
import { meQueryKey } from '../hooks/useMe';

// Needed only when a session ends in the page: the first load carries none of it.
const SessionRenewalDialog = lazy(() =>
  Promise.all([import('./SessionRenewalDialog'), loadAllStyles()]).then(([module]) => ({
    default: module.SessionRenewalDialog,
  })),
);

interface Waiting {
  promise: Promise<boolean>;
  resolve: (signedIn: boolean) => void;
}

/**
 * While a member is signed in: when a request finds their session over, asks them to sign in again in
 * a dialog over the page, then lets the request (and any that failed with it) go again, the page just
 * as it was. Signing out here, or closing the dialog, ends the session in the page too: the shell
 * then leaves for the sign-in page.
 */
export function SessionRenewal({ member }: { member: Me }) {
  const queryClient = useQueryClient();
  const waiting = useRef<Waiting | null>(null);
  const [opened, setOpened] = useState(false);
  // Once opened, the dialog stays mounted, so it closes as a dialog does.
  const [wanted, setWanted] = useState(false);

  useEffect(() => {
    const stop = onSessionLost(() => {
      if (!waiting.current) {
        let resolve!: (signedIn: boolean) => void;
        const promise = new Promise<boolean>((ok) => (resolve = ok));
        waiting.current = { promise, resolve };
        setWanted(true);
        setOpened(true);
      }
      return waiting.current.promise;
    });
    return () => {
      stop();
      waiting.current?.resolve(false);
      waiting.current = null;
    };
  }, []);

  const settle = (signedIn: boolean) => {
    const current = waiting.current;
    waiting.current = null;
    setOpened(false);
    current?.resolve(signedIn);
  };

  const done = (signedInAs: Me) => {
    if (signedInAs.id !== member.id) {
      // Someone else now (a later step may allow it): nothing of this page is theirs, so home afresh.
      window.location.assign(homePath);
      return;
    }
    settle(true);
  };

  const leave = () => {
    // The header must not go on naming someone whose session is over.
    queryClient.setQueryData(meQueryKey, null);
    settle(false);
  };

  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <SessionRenewalDialog member={member} opened={opened} done={done} leave={leave} />
    </Suspense>
  );
}
