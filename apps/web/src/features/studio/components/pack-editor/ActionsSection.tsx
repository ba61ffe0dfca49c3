import { Button, Card, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../../app/shell/ProblemAlert';
import type { PackEditorForm } from '../../hooks/usePackEditorForm';
import type { Pack } from '../../types';

type UnavailableReason = Pack['unavailableActions'][number]['code'] extends `pack.${infer R}` ? R : never;

interface ActionsSectionProps {
  pack: Pack;
  transition: PackEditorForm['transition'];
  runTransition: PackEditorForm['runTransition'];
}

/**
 * The moves this person may make (submit, approve, publish…), and why those the state offers are
 * missing (four-eyes, the curator role, a passed expiry); a rejection asks for a comment.
 */
export function ActionsSection({ pack, transition, runTransition }: ActionsSectionProps) {
  const { t } = useTranslation();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const actions = pack.availableActions;
  // Actions the state offers that this person may not take, grouped by the reason.
  const missing = new Map<string, string[]>();
  for (const { action, code } of pack.unavailableActions) {
    missing.set(code, [...(missing.get(code) ?? []), t(`studio.actions.${action}`)]);
  }
  if (actions.length === 0 && missing.size === 0) return null;

  const run = (action: Parameters<typeof runTransition>[0], withComment?: string) =>
    runTransition(action, withComment, () => {
      setRejecting(false);
      setComment('');
    });

  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Text fw={600}>{t('studio.actions.heading')}</Text>
        {actions.length > 0 ? (
          <Group gap="sm">
            {actions.map((action) => (
              <Button
                key={action}
                variant={action === 'reject' || action === 'archive' ? 'light' : 'filled'}
                color={action === 'reject' ? 'red' : undefined}
                loading={transition.isPending && transition.variables.action === action}
                onClick={() => (action === 'reject' ? setRejecting(true) : run(action))}
              >
                {t(`studio.actions.${action}`)}
              </Button>
            ))}
          </Group>
        ) : null}
        {[...missing].map(([code, names]) => (
          <Text key={code} size="sm" c="dimmed" data-testid="unavailable-actions">
            {t('studio.actions.notOffered', { actions: names.join(', ') })}{' '}
            {t(`studio.actions.why.${code.replace('pack.', '') as UnavailableReason}`)}
          </Text>
        ))}
        {transition.isError ? (
          <ProblemAlert error={transition.error} title={t('studio.actions.failed')} />
        ) : null}
      </Stack>
      <Modal opened={rejecting} onClose={() => setRejecting(false)} title={t('studio.actions.rejectTitle')}>
        <Stack gap="sm">
          <Textarea
            label={t('studio.actions.comment')}
            required
            autosize
            minRows={3}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
          />
          <Button color="red" disabled={!comment.trim()} onClick={() => run('reject', comment.trim())}>
            {t('studio.actions.reject')}
          </Button>
        </Stack>
      </Modal>
    </Card>
  );
}
