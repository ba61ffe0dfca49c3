import { Button, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { onSessionLost } from '../../../api/client';
import type { Me } from '../../../api/types';
import { homePath } from '../../../app/navigation';
import { meQueryKey } from '../hooks/useMe';
import { SignInForm } from './SignInForm';
import { TwoStepCodeForm } from './TwoStepCodeForm';

/**
 * One step of signing in again. The password is the first; a second factor or single sign-on is
 * another step: a step hands over to the next with `next`, and the last one calls `done` with the
 * member the API answered.
 */
export interface RenewalStepProps {
  member: Me;
  next: (step: RenewalStep) => void;
  done: (member: Me) => void;
}
export type RenewalStep = (props: RenewalStepProps) => ReactNode;

/** The member's own address and their password; a member with two-step sign-in goes on to the code. */
export const PasswordStep: RenewalStep = ({ member, next, done }) => (
  <SignInForm email={member.email} onSignedIn={done} onTwoStepRequired={() => next(CodeStep)} />
);

/** The code from the authenticator app (or a recovery code); too slow, and it is the password again. */
export const CodeStep: RenewalStep = ({ next, done }) => (
  <TwoStepCodeForm onSignedIn={done} onRestart={() => next(PasswordStep)} />
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
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const waiting = useRef<Waiting | null>(null);
  const [opened, setOpened] = useState(false);
  const [step, setStep] = useState<{ render: RenewalStep }>({ render: PasswordStep });

  useEffect(() => {
    const stop = onSessionLost(() => {
      if (!waiting.current) {
        let resolve!: (signedIn: boolean) => void;
        const promise = new Promise<boolean>((ok) => (resolve = ok));
        waiting.current = { promise, resolve };
        setStep({ render: PasswordStep });
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

  const Step = step.render;
  return (
    <Modal
      opened={opened}
      onClose={leave}
      title={t('auth.renewal.title')}
      centered
      closeOnClickOutside={false}
      // The one way out is named for what it does: "Sign out" below (Escape does the same).
      withCloseButton={false}
      size="md"
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      zIndex={400}
    >
      <Stack gap="md">
        <Text size="sm">{t('auth.renewal.body')}</Text>
        <Step member={member} next={(render) => setStep({ render })} done={done} />
        <Button variant="subtle" color="gray" onClick={leave}>
          {t('auth.renewal.signOut')}
        </Button>
      </Stack>
    </Modal>
  );
}
