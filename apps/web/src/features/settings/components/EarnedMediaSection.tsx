import { NumberInput, Select, SimpleGrid, Text } from '@mantine/core';
import { MAX_CPM_MINOR, currencyCodes, currencyDigits, isCurrencyCode, listNetworks } from '@heimo/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftProblem, SettingsDraft } from './settingsDraft';

interface EarnedMediaSectionProps {
  draft: SettingsDraft;
  onCurrency: (currency: string) => void;
  onRate: (network: string, amount: number | string) => void;
  /** The form's own refusal for a field (`currency`, `cpm.<network>`), shown once the admin saves. */
  problem: (field: string) => DraftProblem | undefined;
  /** The API's refusal for a field, in words. */
  apiError: (field: 'currency' | `cpm.${string}`) => string | undefined;
}

/** The currency and, per enabled network, what a thousand people reached are worth (CPM). */
export function EarnedMediaSection({
  draft,
  onCurrency,
  onRate,
  problem,
  apiError,
}: EarnedMediaSectionProps) {
  const { t, i18n } = useTranslation();
  const currencies = useMemo(() => currencyCodes(), []);
  const currency = draft.currency.trim().toUpperCase();
  const known = isCurrencyCode(currency);
  const digits = known ? currencyDigits(currency) : 2;
  const fi = i18n.resolvedLanguage === 'fi';
  const networks = listNetworks().filter((network) => draft.enabledNetworks.includes(network.id));

  const words = (field: string): string | undefined => {
    const code = problem(field);
    if (!code) return undefined;
    return t(`settings.earnedMedia.errors.${code}`, {
      currency,
      digits,
      max: (MAX_CPM_MINOR / 10 ** digits).toLocaleString(fi ? 'fi' : 'en'),
    });
  };

  return (
    <>
      <Text size="sm" c="dimmed">
        {t('settings.earnedMedia.intro')}
      </Text>
      <Select
        label={t('settings.earnedMedia.currency')}
        description={t('settings.earnedMedia.currencyHint')}
        searchable
        allowDeselect={false}
        limit={50}
        maw={{ base: '100%', sm: 320 }}
        value={currency}
        onChange={(value) => value && onCurrency(value)}
        data={currencies.includes(currency) ? currencies : [currency, ...currencies]}
        error={words('currency') ?? apiError('currency')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        {networks.map((network) => (
          <NumberInput
            key={network.id}
            label={t('settings.earnedMedia.rate', { network: network.label })}
            description={t('settings.earnedMedia.rateHint')}
            min={0}
            hideControls
            inputMode="decimal"
            allowNegative
            decimalSeparator={fi ? ',' : '.'}
            rightSection={
              <Text size="xs" c="dimmed" pr={4}>
                {currency}
              </Text>
            }
            rightSectionWidth={48}
            value={draft.cpm[network.id] ?? ''}
            onChange={(value) => onRate(network.id, value)}
            error={words(`cpm.${network.id}`) ?? apiError(`cpm.${network.id}`)}
          />
        ))}
      </SimpleGrid>
    </>
  );
}
