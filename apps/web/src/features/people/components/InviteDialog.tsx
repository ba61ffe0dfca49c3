import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation, MemberKind, Role } from '../../../api/types';
import { useFormat } from '../../../app/i18n/format';
import { languages } from '../../../app/i18n/resources';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useTeams } from '../../teams/hooks/useTeams';
import { useInvitePerson } from '../hooks/useInvitePerson';
import { CopyField } from './CopyField';
import { allRoles } from './roles';

interface InviteDialogProps {
  opened: boolean;
  onClose: () => void;
}

const noTeam = '';

/** Invite by email; the answer's link is shown once, with a copy button, because only its hash is kept. */
export function InviteDialog({ opened, onClose }: InviteDialogProps) {
  const { t } = useTranslation();
  const invite = useInvitePerson();
  const [created, setCreated] = useState<Invitation | null>(null);

  const close = () => {
    setCreated(null);
    invite.reset();
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('people.inviteDialog.readyTitle') : t('people.inviteDialog.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
      fullScreen={false}
    >
      {created ? (
        <InvitationReady invitation={created} onDone={close} />
      ) : (
        <InviteForm onCreated={setCreated} invite={invite} onCancel={close} />
      )}
    </Modal>
  );
}

function InvitationReady({ invitation, onDone }: { invitation: Invitation; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="md">
      <Alert color="teal" variant="light">
        <Text size="sm">
          {t('people.inviteDialog.readyBody', {
            email: invitation.member.email,
            date: format.dateTime(new Date(invitation.expiresAt)),
          })}
        </Text>
      </Alert>
      <CopyField
        label={t('people.inviteDialog.link')}
        value={invitation.invitationUrl}
        copyLabel={t('people.inviteDialog.copy')}
      />
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('people.inviteDialog.done')}</Button>
      </Group>
    </Stack>
  );
}

interface InviteFormProps {
  invite: ReturnType<typeof useInvitePerson>;
  onCreated: (invitation: Invitation) => void;
  onCancel: () => void;
}

function InviteForm({ invite, onCreated, onCancel }: InviteFormProps) {
  const { t, i18n } = useTranslation();
  const { fieldError } = useProblemMessage();
  const teams = useTeams();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['advocate']);
  const [kind, setKind] = useState<MemberKind>('employee');
  const [teamId, setTeamId] = useState(noTeam);
  const [locale, setLocale] = useState<string>(i18n.resolvedLanguage ?? 'en');
  const [hints, setHints] = useState<{ email?: string; roles?: string }>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof hints = {};
    const address = email.trim();
    if (!address) found.email = t('people.inviteDialog.emailRequired');
    else if (!/^\S+@\S+$/.test(address)) found.email = t('people.inviteDialog.emailInvalid');
    if (roles.length === 0) found.roles = t('people.inviteDialog.rolesRequired');
    setHints(found);
    if (found.email || found.roles) return;
    invite.mutate(
      {
        email: address,
        ...(name.trim() ? { name: name.trim() } : {}),
        roles: kind === 'fan' ? ['advocate'] : roles,
        kind,
        teamId: teamId || null,
        locale: locale === 'fi' ? 'fi' : 'en',
      },
      { onSuccess: onCreated },
    );
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {invite.isError ? (
          <ProblemAlert error={invite.error} title={t('people.inviteDialog.failed')} />
        ) : null}
        <TextInput
          label={t('people.inviteDialog.email')}
          name="email"
          type="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          withAsterisk={false}
          data-autofocus
          value={email}
          onChange={(event) => {
            setEmail(event.currentTarget.value);
            setHints(({ email: _cleared, ...rest }) => rest);
          }}
          error={hints.email ?? fieldError(invite.error, 'email')}
        />
        <TextInput
          label={t('people.inviteDialog.name')}
          description={t('people.inviteDialog.nameHint')}
          name="name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={fieldError(invite.error, 'name')}
        />
        <Select
          label={t('people.inviteDialog.kind')}
          value={kind}
          allowDeselect={false}
          onChange={(value) => setKind(value === 'fan' ? 'fan' : 'employee')}
          data={(['employee', 'fan'] as const).map((value) => ({ value, label: t(`people.kinds.${value}`) }))}
        />
        <Checkbox.Group
          label={t('people.inviteDialog.roles')}
          description={kind === 'fan' ? t('people.editDialog.fanRoles') : undefined}
          value={kind === 'fan' ? ['advocate'] : roles}
          onChange={(value) => {
            setRoles(allRoles.filter((role) => value.includes(role)));
            setHints(({ roles: _cleared, ...rest }) => rest);
          }}
          error={hints.roles ?? fieldError(invite.error, 'roles')}
        >
          <Group gap="md" mt={6}>
            {allRoles.map((role) => (
              <Checkbox
                key={role}
                value={role}
                label={t(`roles.${role}`)}
                disabled={kind === 'fan' && role !== 'advocate'}
              />
            ))}
          </Group>
        </Checkbox.Group>
        <Select
          label={t('people.inviteDialog.team')}
          value={teamId}
          allowDeselect={false}
          onChange={(value) => setTeamId(value ?? noTeam)}
          data={[
            { value: noTeam, label: t('people.noTeam') },
            ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
          ]}
          error={fieldError(invite.error, 'teamId')}
        />
        <Select
          label={t('people.inviteDialog.language')}
          value={locale}
          allowDeselect={false}
          onChange={(value) => setLocale(value ?? 'en')}
          data={languages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending}>
            {t('people.inviteDialog.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
