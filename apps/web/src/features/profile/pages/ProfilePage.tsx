import { Alert, Badge, Button, Card, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { listNetworks } from '@heimo/domain';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmRemovalDialog } from '../../../app/shell/ConfirmRemovalDialog';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { EmailPreferencesSection } from '../components/EmailPreferencesSection';
import { LanguageSection } from '../components/LanguageSection';
import { LeaderboardPrivacySection } from '../components/LeaderboardPrivacySection';
import { PasswordSection } from '../components/PasswordSection';
import { NetworkMark, networkLabel } from '../components/NetworkMark';
import { ProfileDialog } from '../components/ProfileDialog';
import { PushSection } from '../components/PushSection';
import { SessionsSection } from '../components/SessionsSection';
import { TwoStepSection } from '../components/TwoStepSection';
import { useProfiles } from '../hooks/useProfiles';
import { useRemoveProfile } from '../hooks/useRemoveProfile';
import type { SocialProfile } from '../types';

// The connections section (and its strings) loads after the rest of the page, in its own chunk.
const ConnectionsSection = lazy(() =>
  import('../components/ConnectionsSection').then((module) => ({ default: module.ConnectionsSection })),
);

type Dialog = { kind: 'add' } | { kind: 'edit'; profile: SocialProfile } | null;

/** The member's accounts on each network; the audience size is the reach each share counts. */
export function ProfilePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('profile.title') }));
  const profiles = useProfiles();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [removing, setRemoving] = useState<SocialProfile | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [search] = useSearchParams();
  const taken = profiles.data?.map((profile) => profile.network) ?? [];
  const allTaken = taken.length >= listNetworks().length;

  return (
    <Stack gap="lg" maw={820}>
      <Group justify="space-between" align="end" gap="sm">
        <Stack gap={4} maw={600}>
          <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
            {t('profile.title')}
          </Title>
          <Text c="dimmed">{t('profile.intro')}</Text>
        </Stack>
        <Button
          onClick={() => {
            setNotice(null);
            setDialog({ kind: 'add' });
          }}
          disabled={!profiles.data || allTaken}
          w={{ base: '100%', xs: 'auto' }}
        >
          {t('profile.add')}
        </Button>
      </Group>

      {notice ? (
        <Alert color="teal" variant="light" radius="md" role="status">
          <Text size="sm">{notice}</Text>
        </Alert>
      ) : null}

      {profiles.isError ? (
        <ProblemAlert error={profiles.error} title={t('profile.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void profiles.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : profiles.isPending ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1].map((row) => (
            <Skeleton key={row} h={120} radius="md" />
          ))}
        </Stack>
      ) : profiles.data.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Text>{t('profile.empty')}</Text>
        </Paper>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {profiles.data.map((profile) => (
            <ProfileCard
              key={profile.id}
              profile={profile}
              onEdit={() => {
                setNotice(null);
                setDialog({ kind: 'edit', profile });
              }}
              onRemove={() => {
                setNotice(null);
                setRemoving(profile);
              }}
            />
          ))}
        </Stack>
      )}

      <Suspense
        fallback={
          <Skeleton h={160} radius="md" role="status" aria-busy="true" aria-label={t('app.loading')} />
        }
      >
        <ConnectionsSection returned={{ connected: search.get('connected'), error: search.get('error') }} />
      </Suspense>
      <LanguageSection />
      <EmailPreferencesSection />
      <PushSection />
      <LeaderboardPrivacySection />
      <PasswordSection />
      <TwoStepSection />
      <SessionsSection />

      <ProfileDialog
        opened={dialog !== null}
        profile={dialog?.kind === 'edit' ? dialog.profile : null}
        taken={taken}
        onClose={() => setDialog(null)}
        onSaved={(saved, added) =>
          setNotice(t(added ? 'profile.added' : 'profile.saved', { network: networkLabel(saved.network) }))
        }
      />
      <RemoveProfileDialog
        profile={removing}
        onClose={() => setRemoving(null)}
        onRemoved={(profile) => setNotice(t('profile.removed', { network: networkLabel(profile.network) }))}
      />
    </Stack>
  );
}

interface ProfileCardProps {
  profile: SocialProfile;
  onEdit: () => void;
  onRemove: () => void;
}

function ProfileCard({ profile, onEdit, onRemove }: ProfileCardProps) {
  const { t } = useTranslation();
  const label = networkLabel(profile.network);
  const verified = profile.audienceVerifiedAt !== null;
  return (
    <Card withBorder radius="md" padding="md" component="li" aria-label={label}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <NetworkMark network={profile.network} />
        <Stack gap={2} miw={0} style={{ flex: 1 }}>
          <Group gap="xs">
            <Text fw={600}>{label}</Text>
            {verified ? (
              <Badge color="teal" variant="light" title={t('profile.verifiedHint', { network: label })}>
                {t('profile.verified')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {profile.handle}
          </Text>
          <Text size="sm" c="dimmed">
            {t('profile.audience', { count: profile.audienceSize })}
          </Text>
          {verified ? (
            <Text size="xs" c="dimmed">
              {t('profile.verifiedHint', { network: label })}
            </Text>
          ) : null}
          {profile.pendingAudienceSize !== null ? (
            <Text size="sm" c="yellow">
              {t('profile.audiencePending', { count: profile.pendingAudienceSize })}
            </Text>
          ) : null}
        </Stack>
      </Group>
      <Group gap="xs" mt="sm" grow>
        <Button variant="light" onClick={onEdit} aria-label={t('profile.editLabel', { network: label })}>
          {t('profile.edit')}
        </Button>
        <Button
          variant="light"
          color="red"
          onClick={onRemove}
          aria-label={t('profile.removeLabel', { network: label })}
        >
          {t('profile.remove')}
        </Button>
      </Group>
    </Card>
  );
}

interface RemoveProfileDialogProps {
  profile: SocialProfile | null;
  onClose: () => void;
  onRemoved: (profile: SocialProfile) => void;
}

function RemoveProfileDialog({ profile, onClose, onRemoved }: RemoveProfileDialogProps) {
  const { t } = useTranslation();
  const remove = useRemoveProfile();
  const close = () => {
    remove.reset();
    onClose();
  };
  const label = profile ? networkLabel(profile.network) : '';
  return (
    <ConfirmRemovalDialog
      opened={profile !== null}
      title={t('profile.removeTitle', { network: label })}
      body={t('profile.removeBody', { network: label, handle: profile?.handle ?? '' })}
      confirmLabel={t('profile.removeConfirm')}
      pending={remove.isPending}
      error={remove.isError ? remove.error : null}
      errorTitle={t('profile.removeFailed')}
      onClose={close}
      onConfirm={() => {
        if (!profile) return;
        remove.mutate(profile.id, {
          onSuccess: () => {
            onRemoved(profile);
            close();
          },
        });
      }}
    />
  );
}
