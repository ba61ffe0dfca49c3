import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { withFilter } from '../filters';

export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterField {
  name: string;
  label: string;
  value: string | null;
  options: readonly FilterOption[];
  /** What no choice means ("All networks"); fields without it always have a value. */
  anyLabel?: string;
}

/** The option that stands for "any" (Select options need a non-empty value); it leaves the filter out. */
const ANY = 'any';

/**
 * The filters of an insights page, written to the URL so a view can be shared and survives a reload.
 * A filter the API refused (a team deleted since the link was shared) is marked with the API's reason.
 */
export function FilterBar({ fields, problem }: { fields: readonly FilterField[]; problem?: unknown }) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const [params, setParams] = useSearchParams();
  return (
    <SimpleGrid
      component="form"
      role="search"
      aria-label={t('insights.filters.label')}
      cols={{ base: 1, xs: 2, md: Math.min(fields.length, 5) }}
      spacing="sm"
      onSubmit={(event) => event.preventDefault()}
    >
      {fields.map((field) => (
        <Select
          key={field.name}
          label={field.label}
          value={field.value ?? ANY}
          allowDeselect={false}
          error={problem ? fieldError(problem, field.name) : undefined}
          comboboxProps={{ withinPortal: true }}
          data={[
            ...(field.anyLabel !== undefined ? [{ value: ANY, label: field.anyLabel }] : []),
            ...field.options,
          ]}
          onChange={(value) => setParams(withFilter(params, field.name, value === ANY ? null : value))}
        />
      ))}
    </SimpleGrid>
  );
}
