import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';

export interface Actor {
  id: string;
  label: string;
}

interface ActorPickerProps {
  value: Actor | null;
  onChange: (actor: Actor | null) => void;
}

/** Whose actions the log shows: a member found by name or address as the admin types. */
export function ActorPicker({ value, onChange }: ActorPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  // While a member is chosen the box shows their label: that is no new search.
  const searching = q !== '' && q !== value?.label;
  const people = useQuery({
    queryKey: ['people', 'actor-search', searching ? q : ''],
    queryFn: () =>
      unwrap(api.GET('/api/people', { params: { query: { limit: 20, ...(searching ? { q } : {}) } } })),
    staleTime: 30_000,
  });
  const found = (people.data?.items ?? []).map((person) => ({
    value: person.id,
    label: person.name ? `${person.name} (${person.email})` : person.email,
  }));
  const data =
    value && !found.some((option) => option.value === value.id)
      ? [{ value: value.id, label: value.label }, ...found]
      : found;

  return (
    <Select
      label={t('audit.actor')}
      placeholder={t('audit.anyActor')}
      searchable
      clearable
      w={360}
      maw="100%"
      // The API finds people; the box shows what it found without filtering it again.
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      value={value?.id ?? null}
      onChange={(id, option) => onChange(id ? { id, label: option.label } : null)}
      data={data}
      nothingFoundMessage={people.isFetching ? t('app.loading') : t('audit.noActor')}
    />
  );
}
