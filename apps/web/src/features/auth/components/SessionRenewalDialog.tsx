import { Button, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../api/types';
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

interface SessionRenewalDialogProps {
  member: Me;
  opened: boolean;
  /** Signed in again as `member` (or someone else: see SessionRenewal). */
  done: (member: Me) => void;
  /** Signing out here, or Escape. */
  leave: () => void;
}

/**
 * The sign-in dialog of SessionRenewal, loaded the first time a session ends in the page (the first
 * load carries none of it). Each time it opens it starts at the password.
 */
export function SessionRenewalDialog({ member, opened, done, leave }: SessionRenewalDialogProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<{ render: RenewalStep }>({ render: PasswordStep });
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened) setStep({ render: PasswordStep });
  }

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
