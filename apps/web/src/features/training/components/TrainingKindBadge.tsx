import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TrainingKind } from '../types';

/** Course or policy, and whether the organisation requires it before sharing. */
export function TrainingKindBadges({ kind, required }: { kind: TrainingKind; required: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge variant="outline" color="indigo" radius="sm" tt="none">
        {t(`training.kinds.${kind}`)}
      </Badge>
      {required ? (
        <Badge variant="filled" color="indigo" radius="sm" tt="none">
          {t('training.required')}
        </Badge>
      ) : null}
    </Group>
  );
}
