import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../api/types';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useErasePerson } from '../hooks/useErasePerson';
import { confirmationWord, confirms } from './eraseConfirmation';

interface ErasePersonPanelProps {
  person: Person;
  /** Why the person cannot be erased (the last active admin, oneself), said instead of the button. */
  unavailable: string | null;
  onErased: () => void;
}

/** Erases a person's personal data after the admin types their name; cannot be undone. */
export function ErasePersonPanel({ person, unavailable, onErased }: ErasePersonPanelProps) {
  const { t } = useTranslation();
  const erase = useErasePerson();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const word = confirmationWord(person);
  const ready = confirms(typed, word);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="erase-heading" mt="lg">
      <Stack gap="xs">
        <Text fw={600} id="erase-heading">
          {t('people.erase.title')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('people.erase.intro')}
        </Text>
        {unavailable ? (
          <Alert color="gray" variant="light" role="note" aria-label={t('people.erase.unavailable')}>
            <Text size="sm">{unavailable}</Text>
          </Alert>
        ) : confirming ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (ready) erase.mutate(person.id, { onSuccess: onErased });
            }}
          >
            <Stack gap="xs">
              {erase.isError ? <ProblemAlert error={erase.error} title={t('people.erase.failed')} /> : null}
              <TextInput
                label={t('people.erase.typeName', { name: word })}
                description={t('people.erase.typeNameHint')}
                autoComplete="off"
                spellCheck={false}
                data-autofocus
                value={typed}
                onChange={(event) => setTyped(event.currentTarget.value)}
              />
              <Group gap="sm" justify="flex-end">
                <Button
                  variant="default"
                  onClick={() => {
                    setConfirming(false);
                    setTyped('');
                    erase.reset();
                  }}
                >
                  {t('common.cancel')}
                </Button>
                <Button type="submit" color="red" disabled={!ready} loading={erase.isPending}>
                  {t('people.erase.confirm', { name: word })}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group>
            <Button
              variant="light"
              color="red"
              onClick={() => setConfirming(true)}
              w={{ base: '100%', xs: 'auto' }}
            >
              {t('people.erase.start')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
