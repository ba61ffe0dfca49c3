import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert';

interface ConfirmRemovalDialogProps {
  /** Open while the thing to remove is set. */
  readonly opened: boolean;
  readonly title: string;
  readonly body: ReactNode;
  readonly confirmLabel: string;
  /** The removal's request: its progress shows on the button, its failure above the buttons. */
  readonly pending: boolean;
  readonly error: unknown;
  readonly errorTitle: string;
  readonly onConfirm: () => void;
  readonly onClose: () => void;
}

/** Asks before something is removed, with the request's progress and failure in the dialog. */
export function ConfirmRemovalDialog(props: ConfirmRemovalDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {props.opened ? (
        <Stack gap="md">
          {props.error ? <ProblemAlert error={props.error} title={props.errorTitle} /> : null}
          <Text size="sm">{props.body}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={props.pending} onClick={props.onConfirm}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
