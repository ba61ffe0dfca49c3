import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Messages } from '../../../app/i18n/resources';

type FigureKey = keyof Messages['insights']['figures'];

/** Which figure a breakdown chart draws; the table beside it shows them all. */
export function FigurePicker<F extends FigureKey>({
  id,
  figures,
  value,
  onChange,
}: {
  id: string;
  figures: readonly F[];
  value: F;
  onChange: (figure: F) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      label={t('insights.figureShown')}
      size="sm"
      maw={240}
      allowDeselect={false}
      value={value}
      data={figures.map((figure) => ({ value: figure, label: t(`insights.figures.${figure}`) }))}
      onChange={(next) => {
        const figure = figures.find((candidate) => candidate === next);
        if (figure) onChange(figure);
      }}
    />
  );
}
