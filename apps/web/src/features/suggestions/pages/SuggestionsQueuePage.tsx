import { MAX_SUGGESTION_DECISION_NOTE_LENGTH } from '@heimo/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem } from '../../../api/problem';
import type { Suggestion, SuggestionStatus } from '../../../api/types';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { useDecideSuggestion, useSuggestionQueue } from '../hooks/useSuggestions';
import { STATUS_COLOURS } from '../messages';

const STATUSES: readonly SuggestionStatus[] = ['pending', 'accepted', 'declined'];

/** Segments thumbs can hit (44 px) on a phone. */
const TALL_SEGMENTS = { label: { minHeight: 44, display: 'flex', alignItems: 'center' } } as const;

/** The curators' queue of suggested links: accept into a draft, or decline with a note. */
export function SuggestionsQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('suggestions.queue.title') }));
  const [status, setStatus] = useState<SuggestionStatus>('pending');
  const queue = useSuggestionQueue(status);
  // A decided suggestion leaves the pending list: what became of it is said above the list.
  const [decided, setDecided] = useState<Suggestion | null>(null);

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Button component={Link} to="/studio" variant="subtle" size="sm" px={0} w="fit-content">
          {t('suggestions.queue.back')}
        </Button>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('suggestions.queue.title')}
        </Title>
        <Text c="dimmed">{t('suggestions.queue.intro')}</Text>
      </Stack>
      <ScrollArea type="auto" offsetScrollbars>
        <SegmentedControl
          styles={TALL_SEGMENTS}
          aria-label={t('suggestions.queue.statusFilter')}
          value={status}
          onChange={(value) => setStatus(value as SuggestionStatus)}
          data={STATUSES.map((value) => ({ value, label: t(`suggestions.status.${value}`) }))}
        />
      </ScrollArea>
      {decided ? (
        <Alert
          color="teal"
          role="status"
          title={t(
            decided.status === 'accepted'
              ? 'suggestions.queue.decided.accepted'
              : 'suggestions.queue.decided.declined',
          )}
        >
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {decided.url}
          </Text>
          {decided.packId ? (
            <Button component={Link} to={`/studio/packs/${decided.packId}`} size="sm" mih={44} mt="sm">
              {t('suggestions.queue.openDraft')}
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {queue.isError ? (
        <ProblemAlert error={queue.error} title={t('suggestions.loadFailed')}>
          <Button variant="light" color="red" mt="sm" onClick={() => void queue.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      ) : queue.isPending ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1].map((row) => (
            <Skeleton key={row} h={120} radius="md" />
          ))}
        </Stack>
      ) : queue.data.items.length === 0 ? (
        <Paper withBorder p="xl" radius="md" ta="center">
          <Text>{t('suggestions.queue.empty')}</Text>
        </Paper>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {queue.data.items.map((item) => (
            <QueueCard key={item.id} suggestion={item} onDecided={setDecided} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function QueueCard({
  suggestion,
  onDecided,
}: {
  suggestion: Suggestion;
  onDecided: (decided: Suggestion) => void;
}) {
  const { t, i18n } = useTranslation();
  const decide = useDecideSuggestion();
  const [deciding, setDeciding] = useState<'accept' | 'decline' | null>(null);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const when = (at: string) => new Date(at).toLocaleString(i18n.language);
  const formId = `decide-${suggestion.id}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!deciding) return;
    if (deciding === 'decline' && note.trim() === '') {
      setNoteMissing(true);
      return;
    }
    decide.mutate({ id: suggestion.id, decision: deciding, note: note.trim() }, { onSuccess: onDecided });
  };
  const conflict = decide.error instanceof ApiProblem && decide.error.code === 'suggestion.already_decided';

  return (
    <Card withBorder radius="md" padding="md" component="li">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
        <Anchor
          href={suggestion.url}
          target="_blank"
          rel="noopener noreferrer"
          fw={600}
          style={{ overflowWrap: 'anywhere', display: 'inline-block', paddingBlock: 10 }}
        >
          {suggestion.url}
        </Anchor>
        <Badge color={STATUS_COLOURS[suggestion.status]} variant="light" style={{ flexShrink: 0 }}>
          {t(`suggestions.status.${suggestion.status}`)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t('suggestions.queue.from', { name: suggestion.suggestedBy.name, when: when(suggestion.createdAt) })}
      </Text>
      {suggestion.note ? (
        <Text size="sm" mt={6} style={{ overflowWrap: 'anywhere' }}>
          {suggestion.note}
        </Text>
      ) : null}
      {suggestion.status !== 'pending' && suggestion.decidedAt ? (
        <Text size="sm" c="dimmed" mt={6}>
          {t('suggestions.queue.decidedBy', {
            status: t(`suggestions.status.${suggestion.status}`),
            name: suggestion.decidedBy?.name ?? '',
            when: when(suggestion.decidedAt),
          })}
          {suggestion.decisionNote ? ` — “${suggestion.decisionNote}”` : ''}
        </Text>
      ) : null}
      {suggestion.packId ? (
        <Button
          component={Link}
          to={`/studio/packs/${suggestion.packId}`}
          variant="light"
          size="sm"
          mih={44}
          mt="sm"
          w="fit-content"
        >
          {t('suggestions.queue.openDraft')}
        </Button>
      ) : null}

      {suggestion.status === 'pending' && !deciding ? (
        <Group gap="sm" mt="sm">
          <Button onClick={() => setDeciding('accept')} w={{ base: '100%', xs: 'auto' }}>
            {t('suggestions.queue.accept')}
          </Button>
          <Button variant="default" onClick={() => setDeciding('decline')} w={{ base: '100%', xs: 'auto' }}>
            {t('suggestions.queue.decline')}
          </Button>
        </Group>
      ) : deciding ? (
        <form id={formId} onSubmit={submit} noValidate>
          <Stack gap="sm" mt="sm">
            <Text fw={600}>
              {t(deciding === 'accept' ? 'suggestions.queue.acceptTitle' : 'suggestions.queue.declineTitle')}
            </Text>
            <Textarea
              label={t(
                deciding === 'accept' ? 'suggestions.queue.acceptNote' : 'suggestions.queue.declineNote',
              )}
              required={deciding === 'decline'}
              autosize
              minRows={2}
              maxLength={MAX_SUGGESTION_DECISION_NOTE_LENGTH}
              value={note}
              data-autofocus
              onChange={(event) => {
                setNote(event.currentTarget.value);
                setNoteMissing(false);
              }}
              error={noteMissing ? t('suggestions.queue.noteRequired') : undefined}
            />
            {conflict ? (
              <Alert color="orange" role="status">
                {t('suggestions.queue.alreadyDecided')}
              </Alert>
            ) : decide.isError ? (
              <ProblemAlert error={decide.error} title={t('suggestions.queue.decideFailed')} />
            ) : null}
            <Group gap="sm">
              <Button
                type="submit"
                color={deciding === 'decline' ? 'orange' : undefined}
                loading={decide.isPending}
                w={{ base: '100%', xs: 'auto' }}
              >
                {t(
                  deciding === 'accept'
                    ? 'suggestions.queue.confirmAccept'
                    : 'suggestions.queue.confirmDecline',
                )}
              </Button>
              <Button
                variant="subtle"
                onClick={() => {
                  setDeciding(null);
                  setNote('');
                  setNoteMissing(false);
                  decide.reset();
                }}
                w={{ base: '100%', xs: 'auto' }}
              >
                {t('suggestions.queue.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Card>
  );
}
