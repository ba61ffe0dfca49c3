import { Button, Group, Modal, Paper, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/problem';
import type { Team } from '../../../api/types';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useCreateTeam } from '../hooks/useCreateTeam';
import { useDeleteTeam } from '../hooks/useDeleteTeam';
import { useRenameTeam } from '../hooks/useRenameTeam';
import { useTeams } from '../hooks/useTeams';

export function TeamsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('teams.title') }));
  const teams = useTeams();
  const [renaming, setRenaming] = useState<Team | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);

  return (
    <Stack gap="lg" maw={820}>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('teams.title')}
        </Title>
        <Text c="dimmed">{t('teams.intro')}</Text>
      </Stack>
      <CreateTeamForm />
      {teams.isError ? (
        <ProblemAlert error={teams.error} title={t('teams.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void teams.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : teams.isPending ? (
        <Stack gap="xs" role="status" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2].map((row) => (
            <Skeleton key={row} h={64} radius="md" />
          ))}
        </Stack>
      ) : teams.data.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Text>{t('teams.empty')}</Text>
        </Paper>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {teams.data.map((team) => (
            <Paper key={team.id} withBorder radius="md" p="md" component="li">
              <Group justify="space-between" gap="sm">
                <Stack gap={0} miw={0}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {team.name}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('teams.members', { count: team.memberCount })}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Button
                    variant="light"
                    onClick={() => setRenaming(team)}
                    aria-label={t('teams.renameLabel', { name: team.name })}
                  >
                    {t('teams.rename')}
                  </Button>
                  <Button
                    variant="light"
                    color="red"
                    onClick={() => setDeleting(team)}
                    aria-label={t('teams.deleteLabel', { name: team.name })}
                  >
                    {t('teams.delete')}
                  </Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <RenameTeamDialog team={renaming} onClose={() => setRenaming(null)} />
      <DeleteTeamDialog team={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}

function CreateTeamForm() {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const create = useCreateTeam();
  const [name, setName] = useState('');
  const [hint, setHint] = useState<string | undefined>();
  // A taken name belongs next to the name field rather than in an alert above it.
  const nameError =
    fieldError(create.error, 'name') ??
    (isApiProblem(create.error) && create.error.code === 'team.name_taken'
      ? t('errors.team.name_taken')
      : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) return setHint(t('teams.nameRequired'));
    create.mutate({ name: name.trim() }, { onSuccess: () => setName('') });
  };

  return (
    <Paper withBorder radius="md" p="md">
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          {create.isError && !nameError ? (
            <ProblemAlert error={create.error} title={t('teams.createFailed')} />
          ) : null}
          <Group align="start" gap="sm" wrap="wrap">
            <TextInput
              label={t('teams.newName')}
              name="name"
              maxLength={80}
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setHint(undefined);
                create.reset();
              }}
              error={hint ?? nameError}
              style={{ flex: '1 1 14rem' }}
            />
            <Button type="submit" loading={create.isPending} mt={{ base: 0, xs: 30 }}>
              {t('teams.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function RenameTeamDialog({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const rename = useRenameTeam();
  const close = () => {
    rename.reset();
    onClose();
  };
  return (
    <Modal
      opened={team !== null}
      onClose={close}
      title={t('teams.renameTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {team ? <RenameTeamForm key={team.id} team={team} rename={rename} onDone={close} /> : null}
    </Modal>
  );
}

function RenameTeamForm({
  team,
  rename,
  onDone,
}: {
  team: Team;
  rename: ReturnType<typeof useRenameTeam>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const [name, setName] = useState(team.name);
  const [hint, setHint] = useState<string | undefined>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) return setHint(t('teams.nameRequired'));
    rename.mutate({ teamId: team.id, name: name.trim() }, { onSuccess: onDone });
  };
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {rename.isError ? <ProblemAlert error={rename.error} title={t('teams.renameFailed')} /> : null}
        <TextInput
          label={t('teams.name')}
          data-autofocus
          maxLength={80}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setHint(undefined);
          }}
          error={hint ?? fieldError(rename.error, 'name')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={rename.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteTeamDialog({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteTeam();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal
      opened={team !== null}
      onClose={close}
      title={team ? t('teams.deleteTitle', { name: team.name }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {team ? (
        <Stack gap="md">
          {remove.isError ? <ProblemAlert error={remove.error} title={t('teams.deleteFailed')} /> : null}
          <Text size="sm">{t('teams.deleteBody', { count: team.memberCount })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate(team.id, { onSuccess: close })}
            >
              {t('teams.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
