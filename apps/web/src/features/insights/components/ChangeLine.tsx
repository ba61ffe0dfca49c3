import { Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { trendColor, trendOf } from '../change';

const arrows = { up: '▲', down: '▼', flat: '▶', none: '' } as const;

/**
 * The change against the previous period: an arrow and a signed percentage in colour, said in words.
 * `previousLabel` names what the figure is compared with ("vs the previous 23 days").
 */
export function ChangeLine({ change, previousLabel }: { change: number | null; previousLabel: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const trend = trendOf(change);
  if (change === null || trend === 'none') {
    return (
      <Text size="xs" c="dimmed">
        {t('insights.change.none')}
      </Text>
    );
  }
  const said = t(`insights.change.${trend}`, {
    change: format.percent(Math.abs(change)),
    previous: previousLabel,
  });
  return (
    <Text size="xs" c="dimmed">
      <Text span fw={700} c={`${trendColor[trend]}.8`} aria-hidden>
        {arrows[trend]} {trend === 'flat' ? format.percent(0) : format.change(change)}
      </Text>{' '}
      <span aria-hidden>{previousLabel}</span>
      <VisuallyHidden>{said}</VisuallyHidden>
    </Text>
  );
}
