import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { isNetworkId, listNetworks, type NetworkId } from '@heimo/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/problem';
import { useFormat } from '../../../app/i18n/format';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useAddProfile } from '../hooks/useAddProfile';
import { useUpdateProfile } from '../hooks/useUpdateProfile';
import type { SocialProfile } from '../types';
import { networkLabel } from './NetworkMark';
import { MAX_AUDIENCE_SIZE, MAX_HANDLE_LENGTH, handleProblem, parseAudienceSize } from './profileForm';

interface ProfileDialogProps {
  /** Open to add when `profile` is null, to edit it otherwise. */
  opened: boolean;
  profile: SocialProfile | null;
  /** Networks the member already has a profile on: one per network. */
  taken: readonly string[];
  onClose: () => void;
  onSaved: (profile: SocialProfile, added: boolean) => void;
}

export function ProfileDialog({ opened, profile, taken, onClose, onSaved }: ProfileDialogProps) {
  const { t } = useTranslation();
  const add = useAddProfile();
  const update = useUpdateProfile();
  const close = () => {
    add.reset();
    update.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={
        profile
          ? t('profile.dialog.editTitle', { network: networkLabel(profile.network) })
          : t('profile.dialog.addTitle')
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened ? (
        <ProfileForm
          key={profile?.id ?? 'new'}
          profile={profile}
          taken={taken}
          add={add}
          update={update}
          onCancel={close}
          onSaved={(saved) => {
            onSaved(saved, profile === null);
            close();
          }}
        />
      ) : null}
    </Modal>
  );
}

interface ProfileFormProps {
  profile: SocialProfile | null;
  taken: readonly string[];
  add: ReturnType<typeof useAddProfile>;
  update: ReturnType<typeof useUpdateProfile>;
  onCancel: () => void;
  onSaved: (profile: SocialProfile) => void;
}

interface Hints {
  network?: string;
  handle?: string;
  audienceSize?: string;
}

function ProfileForm({ profile, taken, add, update, onCancel, onSaved }: ProfileFormProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { fieldError } = useProblemMessage();
  const locale = i18n.resolvedLanguage ?? 'en';
  const free = listNetworks().filter((network) => !taken.includes(network.id));
  const [network, setNetwork] = useState<NetworkId | null>(
    profile ? null : free.length === 1 ? (free[0]?.id ?? null) : null,
  );
  const [handle, setHandle] = useState(profile?.handle ?? '');
  const [audience, setAudience] = useState(
    profile ? format.integer(profile.pendingAudienceSize ?? profile.audienceSize) : '',
  );
  // A verified audience is the connected account's follower count: not the member's to type.
  const verified = profile?.audienceVerifiedAt != null;
  const [hints, setHints] = useState<Hints>({});
  const saving = profile ? update : add;
  const error = saving.error;

  // The API's word on a field goes next to that field; a taken network belongs to the network field.
  const apiHints: Hints = {
    network:
      fieldError(error, 'network') ??
      (isApiProblem(error) && error.code === 'profile.network_taken'
        ? t('errors.profile.network_taken')
        : undefined),
    handle: fieldError(error, 'handle'),
    audienceSize: fieldError(error, 'audienceSize'),
  };
  const shownNextToField = Object.values(apiHints).some(Boolean);

  const edit = (field: keyof Hints) => {
    setHints((current) => ({ ...current, [field]: undefined }));
    saving.reset();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const handleIssue = handleProblem(handle);
    const size = parseAudienceSize(audience, locale);
    const next: Hints = {
      network: !profile && !network ? t('profile.form.networkRequired') : undefined,
      handle: handleIssue
        ? t(`profile.form.handleProblems.${handleIssue}`, { max: MAX_HANDLE_LENGTH })
        : undefined,
      audienceSize: size.problem
        ? t(`profile.form.audienceProblems.${size.problem}`, { max: format.integer(MAX_AUDIENCE_SIZE) })
        : undefined,
    };
    setHints(next);
    if (next.network || next.handle || next.audienceSize || size.value === null) return;
    if (profile)
      update.mutate(
        {
          profileId: profile.id,
          body: verified ? { handle: handle.trim() } : { handle: handle.trim(), audienceSize: size.value },
        },
        { onSuccess: onSaved },
      );
    else if (network)
      add.mutate({ network, handle: handle.trim(), audienceSize: size.value }, { onSuccess: onSaved });
  };

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        {saving.isError && !shownNextToField ? (
          <ProblemAlert error={error} title={t('profile.form.saveFailed')} />
        ) : null}
        {profile ? null : (
          <Select
            label={t('profile.form.network')}
            placeholder={t('profile.form.networkPlaceholder')}
            data={free.map((candidate) => ({ value: candidate.id, label: candidate.label }))}
            value={network}
            allowDeselect={false}
            onChange={(value) => {
              setNetwork(value && isNetworkId(value) ? value : null);
              edit('network');
            }}
            error={hints.network ?? apiHints.network}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
        )}
        <TextInput
          label={t('profile.form.handle')}
          description={t('profile.form.handleHint')}
          name="handle"
          autoComplete="off"
          value={handle}
          onChange={(event) => {
            setHandle(event.currentTarget.value);
            edit('handle');
          }}
          error={hints.handle ?? apiHints.handle}
          data-autofocus={profile ? true : undefined}
        />
        <TextInput
          label={t('profile.form.audienceSize')}
          description={
            verified
              ? t('profile.verifiedHint', { network: networkLabel(profile?.network ?? '') })
              : t('profile.form.audienceSizeHint')
          }
          readOnly={verified}
          name="audienceSize"
          inputMode="numeric"
          autoComplete="off"
          value={audience}
          onChange={(event) => {
            setAudience(event.currentTarget.value);
            edit('audienceSize');
          }}
          error={hints.audienceSize ?? apiHints.audienceSize}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving.isPending}>
            {profile ? t('common.save') : t('profile.form.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
