import {
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberKind, Person, PersonStatus, Role } from '../../../api/types';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useTeams } from '../../teams/hooks/useTeams';
import { EditPersonDialog } from '../components/EditPersonDialog';
import { InviteDialog } from '../components/InviteDialog';
import { PendingAudiencesPanel } from '../components/PendingAudiencesPanel';
import { ManagedBadge, PersonStatusBadge } from '../components/PersonStatusBadge';
import { allRoles } from '../components/roles';
import { usePeople, type PeopleSearch } from '../hooks/usePeople';

const statuses: readonly PersonStatus[] = ['invited', 'active', 'deactivated'];
const kinds: readonly MemberKind[] = ['employee', 'fan'];

/** The admin's home: everyone in the organisation, filtered, a page at a time. */
export function PeoplePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('people.title') }));
  const teams = useTeams();
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<PersonStatus | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [kind, setKind] = useState<MemberKind | null>(null);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [q] = useDebouncedValue(query.trim(), 300);

  const search: PeopleSearch = {
    ...(q ? { q } : {}),
    ...(role ? { role } : {}),
    ...(status ? { status } : {}),
    ...(teamId ? { teamId } : {}),
    ...(kind ? { kind } : {}),
  };
  const people = usePeople(search);
  const items = people.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(search).length > 0;

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="end" gap="sm">
        <Stack gap={4}>
          <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
            {t('people.title')}
          </Title>
          <Text c="dimmed" maw={640}>
            {t('people.intro')}
          </Text>
        </Stack>
        <Button onClick={() => setInviting(true)}>{t('people.invite')}</Button>
      </Group>

      <PendingAudiencesPanel />

      <Paper withBorder p="md" radius="md" component="search">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="sm">
          <TextInput
            label={t('people.search')}
            placeholder={t('people.searchPlaceholder')}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
          />
          <Select
            label={t('people.role')}
            placeholder={t('people.anyRole')}
            clearable
            value={role}
            onChange={(value) => setRole(allRoles.find((candidate) => candidate === value) ?? null)}
            data={allRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
          />
          <Select
            label={t('people.status')}
            placeholder={t('people.anyStatus')}
            clearable
            value={status}
            onChange={(value) => setStatus(statuses.find((candidate) => candidate === value) ?? null)}
            data={statuses.map((value) => ({ value, label: t(`people.statuses.${value}`) }))}
          />
          <Select
            label={t('people.team')}
            placeholder={t('people.anyTeam')}
            clearable
            value={teamId}
            onChange={setTeamId}
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          />
          <Select
            label={t('people.kind')}
            placeholder={t('people.anyKind')}
            clearable
            value={kind}
            onChange={(value) => setKind(kinds.find((candidate) => candidate === value) ?? null)}
            data={kinds.map((value) => ({ value, label: t(`people.kinds.${value}`) }))}
          />
        </SimpleGrid>
      </Paper>

      {people.isError ? (
        <ProblemAlert error={people.error} title={t('people.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void people.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : people.isPending ? (
        <Stack gap="xs" role="status" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2, 3, 4].map((row) => (
            <Skeleton key={row} h={56} radius="md" />
          ))}
        </Stack>
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Text>{filtered ? t('people.empty') : t('people.emptyAll')}</Text>
        </Paper>
      ) : (
        <>
          <PeopleTable people={items} onEdit={setEditing} />
          <PeopleCards people={items} onEdit={setEditing} />
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('people.shown', { count: items.length })}
            </Text>
            {people.hasNextPage ? (
              <Button
                variant="light"
                loading={people.isFetchingNextPage}
                onClick={() => void people.fetchNextPage()}
              >
                {t('common.loadMore')}
              </Button>
            ) : null}
          </Group>
        </>
      )}

      <InviteDialog opened={inviting} onClose={() => setInviting(false)} />
      <EditPersonDialog memberId={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

interface PeopleListProps {
  people: Person[];
  onEdit: (memberId: string) => void;
}

function displayName(person: Person): string {
  return person.name || person.email;
}

function PersonInvitation({ person }: { person: Person }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!person.invitation) return null;
  return (
    <Text size="xs" c={person.invitation.expired ? 'red.8' : 'dimmed'}>
      {person.invitation.expired
        ? t('people.invitationExpired')
        : t('people.invitationUntil', { date: format.shortDate(new Date(person.invitation.expiresAt)) })}
    </Text>
  );
}

function RoleBadges({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {person.roles.map((role) => (
        <Badge key={role} variant="light" color="indigo" radius="sm" tt="none">
          {t(`roles.${role}`)}
        </Badge>
      ))}
      {person.kind === 'fan' ? (
        <Badge variant="outline" color="grape" radius="sm" tt="none">
          {t('people.kinds.fan')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** Desktop: a table. */
function PeopleTable({ people, onEdit }: PeopleListProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('people.columns.person')}</Table.Th>
              <Table.Th>{t('people.columns.roles')}</Table.Th>
              <Table.Th>{t('people.columns.team')}</Table.Th>
              <Table.Th>{t('people.columns.status')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('people.columns.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((person) => (
              <Table.Tr key={person.id}>
                <Table.Td>
                  <Text fw={600} size="sm">
                    {person.name || t('people.notAccepted')}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {person.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RoleBadges person={person} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={person.teamName ? undefined : 'dimmed'}>
                    {person.teamName ?? t('people.noTeam')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <PersonStatusBadge status={person.status} />
                    <ManagedBadge managedBy={person.managedBy} />
                  </Group>
                  <PersonInvitation person={person} />
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    variant="subtle"
                    size="sm"
                    onClick={() => onEdit(person.id)}
                    aria-label={t('people.editLabel', { name: displayName(person) })}
                  >
                    {t('people.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** Phone: one card per person, nothing scrolls sideways. */
function PeopleCards({ people, onEdit }: PeopleListProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {people.map((person) => (
        <Card key={person.id} withBorder radius="md" padding="md" component="li">
          <Stack gap={2}>
            <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {person.name || t('people.notAccepted')}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {person.email}
            </Text>
          </Stack>
          <Stack gap={6} mt="sm">
            <Group gap={4}>
              <PersonStatusBadge status={person.status} />
              <ManagedBadge managedBy={person.managedBy} />
              <RoleBadges person={person} />
            </Group>
            <Text size="sm" c={person.teamName ? undefined : 'dimmed'}>
              {person.teamName ?? t('people.noTeam')}
            </Text>
            <PersonInvitation person={person} />
          </Stack>
          <Button
            variant="light"
            mt="sm"
            fullWidth
            onClick={() => onEdit(person.id)}
            aria-label={t('people.editLabel', { name: displayName(person) })}
          >
            {t('people.edit')}
          </Button>
        </Card>
      ))}
    </Stack>
  );
}
