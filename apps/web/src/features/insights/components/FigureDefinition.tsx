import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../app/i18n/format';
import { networkLabel } from '../../profile/components/NetworkMark';
import type { EmvRate, KpiKey } from '../types';

interface FigureDefinitionProps {
  figure: KpiKey | 'points' | 'verifiedReach' | 'engagement';
  /** EMV's rates and currency, shown under its formula. */
  emv?: { formula: string; rates: readonly EmvRate[]; currency: string };
}

/** What a figure means and how it is counted, in words; EMV with its formula and the CPM of each network. */
export function FigureDefinition({ figure, emv }: FigureDefinitionProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <Text size="sm">{t(`insights.definitions.${figure}`)}</Text>
      {figure === 'emvMinor' && emv ? (
        <>
          <Text size="sm">
            {t('insights.emv.formula')}{' '}
            <Text span ff="monospace" fw={600}>
              {emv.formula}
            </Text>
          </Text>
          {emv.rates.length > 0 ? (
            <Table withTableBorder fz="xs" verticalSpacing={4} horizontalSpacing="xs">
              <caption style={{ captionSide: 'top', textAlign: 'start', paddingBottom: 4 }}>
                {t('insights.emv.ratesCaption')}
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('insights.columns.network')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('insights.emv.cpm')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {emv.rates.map((rate) => (
                  <Table.Tr key={rate.network}>
                    <Table.Td>{networkLabel(rate.network)}</Table.Td>
                    <Table.Td ta="right">{format.money(rate.cpmMinor, emv.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
        </>
      ) : null}
    </>
  );
}
