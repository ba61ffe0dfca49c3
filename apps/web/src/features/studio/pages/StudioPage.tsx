import { NETWORK_IDS, type NetworkId } from '@heimo/domain';
import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  ScrollArea,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { networkLabel } from '../../profile/components/NetworkMark';
import { PackStatusBadge } from '../components/PackStatusBadge';
import { useDuplicatePack, usePacks } from '../hooks/usePacks';
import { STUDIO_TABS, type PackState, type PackSummary } from '../types';

/** Segments thumbs can hit (44 px) on a phone. */
const TALL_SEGMENTS = { label: { minHeight: 44, display: 'flex', alignItems: 'center' } } as const;

/** The curator's studio: packs by state, review queue first, with search. */
export function StudioPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('studio.title') }));
  const [status, setStatus] = useState<PackState>('in_review');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [hashtagInput, setHashtagInput] = useState('');
  const [hashtag] = useDebouncedValue(hashtagInput.trim(), 300);
  const [network, setNetwork] = useState<NetworkId | ''>('');
  const packs = usePacks(status, { q, hashtag, network });

  return (
    <Stack gap="lg" maw={960}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
            {t('studio.title')}
          </Title>
          <Text c="dimmed">{t('studio.intro')}</Text>
        </Stack>
        <Group gap="sm" w={{ base: '100%', xs: 'auto' }}>
          <Button component={Link} to="/studio/suggestions" variant="light" w={{ base: '100%', xs: 'auto' }}>
            {t('studio.suggestions')}
          </Button>
          <Button component={Link} to="/studio/packs/new" w={{ base: '100%', xs: 'auto' }}>
            {t('studio.newPack')}
          </Button>
        </Group>
      </Group>
      <ScrollArea type="auto" offsetScrollbars>
        <SegmentedControl
          styles={TALL_SEGMENTS}
          aria-label={t('studio.statusFilter')}
          value={status}
          onChange={(value) => setStatus(value as PackState)}
          data={STUDIO_TABS.map((value) => ({ value, label: t(`studio.status.${value}`) }))}
        />
      </ScrollArea>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          type="search"
          label={t('studio.search')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <TextInput
          type="search"
          label={t('studio.hashtagFilter')}
          leftSection="#"
          value={hashtagInput}
          onChange={(event) => setHashtagInput(event.currentTarget.value.replace(/\s/g, ''))}
        />
        <NativeSelect
          label={t('studio.networkFilter')}
          value={network}
          onChange={(event) => setNetwork(event.currentTarget.value as NetworkId | '')}
          data={[
            { value: '', label: t('studio.anyNetwork') },
            ...NETWORK_IDS.map((id) => ({ value: id, label: networkLabel(id) })),
          ]}
        />
      </SimpleGrid>
      {packs.isError ? (
        <ProblemAlert error={packs.error} title={t('studio.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void packs.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : packs.isPending ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2].map((row) => (
            <Skeleton key={row} h={96} radius="md" />
          ))}
        </Stack>
      ) : packs.data.items.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Text>{t('studio.empty')}</Text>
        </Paper>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {packs.data.items.map((pack) => (
            <PackCard key={pack.id} pack={pack} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function PackCard({ pack }: { pack: PackSummary }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const duplicate = useDuplicatePack();
  const when = pack.publishAt ?? pack.updatedAt;
  return (
    <Card withBorder radius="md" padding="md" component="li">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
        <Text
          component={Link}
          to={`/studio/packs/${pack.id}`}
          fw={600}
          // A tap target of 44 px on a phone, however short the title.
          style={{ overflowWrap: 'anywhere', display: 'inline-block', paddingBlock: 10 }}
          c="inherit"
          td="underline"
        >
          {pack.title}
        </Text>
        <PackStatusBadge status={pack.status} />
      </Group>
      {pack.summary ? (
        <Text size="sm" c="dimmed" mt={4} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {pack.summary}
        </Text>
      ) : null}
      <Group gap="xs" mt={6}>
        {pack.networks.map((network) => (
          <Badge key={network} variant="outline" color="gray">
            {networkLabel(network)}
          </Badge>
        ))}
        <Text size="xs" c="dimmed">
          {t(pack.publishAt ? 'studio.publishAtShort' : 'studio.updatedShort', {
            when: new Date(when).toLocaleString(i18n.language),
          })}
        </Text>
        <Button
          variant="subtle"
          size="sm"
          mih={44}
          ml="auto"
          loading={duplicate.isPending}
          aria-label={t('studio.duplicateLabel', { title: pack.title })}
          onClick={() =>
            duplicate.mutate(pack.id, { onSuccess: (copy) => void navigate(`/studio/packs/${copy.id}`) })
          }
        >
          {t('studio.duplicate')}
        </Button>
      </Group>
      {duplicate.isError ? (
        <Text size="sm" c="red" role="alert" mt={4}>
          {t('studio.duplicateFailed')}
        </Text>
      ) : null}
    </Card>
  );
}
