import { SendPasswordReset } from './SendPasswordReset';
import { ErasePersonPanel } from './ErasePersonPanel';
import { Alert, Button, Checkbox, Group, Modal, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem';
import type { Person, Role } from '../../../api/types';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useMember } from '../../auth/hooks/useMember';
import { useTeams } from '../../teams/hooks/useTeams';
import { useLastActiveAdmin } from '../hooks/useLastActiveAdmin';
import { usePerson } from '../hooks/usePerson';
import { useUpdatePerson } from '../hooks/useUpdatePerson';
import { EndSessionsPanel } from './EndSessionsPanel';
import { ResetTwoStepPanel } from './ResetTwoStepPanel';
import { allRoles } from './roles';

interface EditPersonDialogProps {
  memberId: string | null;
  onClose: () => void;
}

const noTeam = '';

/** Roles, team and status, sent with the version they were loaded at; a stale write reloads the person. */
export function EditPersonDialog({ memberId, onClose }: EditPersonDialogProps) {
  const { t } = useTranslation();
  const person = usePerson(memberId);
  const me = useMember();
  const lastAdmin = useLastActiveAdmin(person.data);
  const update = useUpdatePerson();
  const close = () => {
    update.reset();
    onClose();
  };
  // Never empty: the dialog is named by its title, also while the person loads or it closes.
  const title = person.data
    ? t('people.editDialog.title', { name: person.data.name || person.data.email })
    : t('people.editDialog.titleLoading');

  return (
    <Modal
      opened={memberId !== null}
      onClose={close}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close'), size: 'xl' }}
      size="lg"
    >
      {person.isError ? <ProblemAlert error={person.error} title={t('people.loadFailed')} /> : null}
      {person.isPending && memberId ? (
        <Stack gap="md" aria-hidden>
          <Skeleton h={60} />
          <Skeleton h={60} />
          <Skeleton h={60} />
        </Stack>
      ) : null}
      {person.data ? (
        // A new version (after a 409 reload) starts the form again from what is saved now.
        <EditPersonForm
          key={`${person.data.id}:${person.data.version}`}
          person={person.data}
          lastAdmin={lastAdmin}
          update={update}
          onSaved={close}
          onCancel={close}
        />
      ) : null}
      {person.data?.status === 'active' ? <EndSessionsPanel person={person.data} /> : null}
      {person.data?.status === 'active' ? (
        <SendPasswordReset key={person.data.id} memberId={person.data.id} email={person.data.email} />
      ) : null}
      {person.data?.status === 'active' ? (
        <ResetTwoStepPanel
          key={`two-step:${person.data.id}`}
          memberId={person.data.id}
          name={person.data.name}
        />
      ) : null}
      {person.data && !erased(person.data) ? (
        <ErasePersonPanel
          key={`erase:${person.data.id}`}
          person={person.data}
          unavailable={
            lastAdmin
              ? t('people.erase.lastAdmin', { name: person.data.name || person.data.email })
              : person.data.id === me.id
                ? t('people.erase.self')
                : null
          }
          onErased={close}
        />
      ) : null}
    </Modal>
  );
}

/** An erased member keeps only an `erased-<id>@invalid` address: nothing is left to erase. */
function erased(person: Person): boolean {
  return /^erased-[^@]+@invalid$/.test(person.email);
}

interface EditPersonFormProps {
  person: Person;
  /** The organisation's only active admin: the API refuses to take away their role or status. */
  lastAdmin: boolean;
  update: ReturnType<typeof useUpdatePerson>;
  onSaved: () => void;
  onCancel: () => void;
}

function EditPersonForm({ person, lastAdmin, update, onSaved, onCancel }: EditPersonFormProps) {
  const { t } = useTranslation();
  const { fieldError } = useProblemMessage();
  const teams = useTeams();
  const [roles, setRoles] = useState<Role[]>(person.roles);
  const [teamId, setTeamId] = useState(person.teamId ?? noTeam);
  const [status, setStatus] = useState(person.status);
  const [rolesHint, setRolesHint] = useState<string | undefined>();
  const fan = person.kind === 'fan';
  const stale =
    update.error instanceof ApiProblem &&
    update.error.status === 409 &&
    update.error.code.endsWith('stale_version');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (roles.length === 0) return setRolesHint(t('people.editDialog.rolesRequired'));
    update.mutate(
      {
        memberId: person.id,
        body: {
          version: person.version,
          roles,
          teamId: teamId || null,
          ...(status !== person.status && status !== 'invited' ? { status } : {}),
        },
      },
      { onSuccess: onSaved },
    );
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {person.email} · {t(`people.kinds.${person.kind}`)}
        </Text>
        {lastAdmin ? (
          <Alert color="blue" variant="light" role="note" aria-label={t('people.lastAdmin.label')}>
            <Text size="sm">{t('people.lastAdmin.hint', { name: person.name || person.email })}</Text>
          </Alert>
        ) : null}
        {stale ? (
          <Alert color="orange" variant="light" role="alert">
            <Text size="sm">{t('people.editDialog.stale')}</Text>
          </Alert>
        ) : update.isError ? (
          <ProblemAlert error={update.error} title={t('people.editDialog.failed')} />
        ) : null}
        <Checkbox.Group
          label={t('people.editDialog.roles')}
          description={fan ? t('people.editDialog.fanRoles') : undefined}
          value={roles}
          onChange={(value) => {
            setRoles(allRoles.filter((role) => value.includes(role)));
            setRolesHint(undefined);
          }}
          error={rolesHint ?? fieldError(update.error, 'roles')}
        >
          <Group gap="md" mt={6}>
            {allRoles.map((role) => (
              <Checkbox
                key={role}
                value={role}
                label={t(`roles.${role}`)}
                disabled={(fan && role !== 'advocate') || (lastAdmin && role === 'admin')}
                // The whole 44 px row is the thumb's target (the label toggles the box).
                styles={{ label: { minHeight: 44, display: 'flex', alignItems: 'center' } }}
              />
            ))}
          </Group>
        </Checkbox.Group>
        <Select
          label={t('people.editDialog.team')}
          value={teamId}
          allowDeselect={false}
          onChange={(value) => setTeamId(value ?? noTeam)}
          data={[
            { value: noTeam, label: t('people.noTeam') },
            ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
          ]}
          error={fieldError(update.error, 'teamId')}
        />
        <Select
          label={t('people.editDialog.status')}
          description={
            person.status === 'invited'
              ? t('people.editDialog.invitedStatus')
              : person.managedBy
                ? t('people.managed.statusHint')
                : lastAdmin
                  ? t('people.lastAdmin.status')
                  : undefined
          }
          value={status}
          allowDeselect={false}
          disabled={person.status === 'invited' || lastAdmin || person.managedBy !== null}
          onChange={(value) => setStatus(value === 'deactivated' ? 'deactivated' : 'active')}
          data={(person.status === 'invited'
            ? (['invited'] as const)
            : (['active', 'deactivated'] as const)
          ).map((value) => ({ value, label: t(`people.statuses.${value}`) }))}
          error={fieldError(update.error, 'status')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('people.editDialog.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
