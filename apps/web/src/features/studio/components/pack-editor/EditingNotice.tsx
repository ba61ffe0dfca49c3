import type { PackEditingNote } from '@heimo/domain';
import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PackState } from '../../types';

/**
 * What the pack's state lets change, said above the form with the way on (the domain's
 * `packEditingNote`): read-only fields are never a surprise at save time.
 */
export function EditingNotice({ note, state }: { note: PackEditingNote | null; state: PackState }) {
  const { t } = useTranslation();
  if (!note) return null;
  return (
    <Alert
      color={note === 'back_to_review' ? 'yellow' : 'blue'}
      variant="light"
      title={t(`studio.editing.${note}.title`, { state: t(`studio.state.${state}`) })}
      data-testid="editing-notice"
    >
      <Text size="sm">{t(`studio.editing.${note}.body`)}</Text>
    </Alert>
  );
}
