import {
  checkSuggestion,
  formatIssue,
  isMessageLocale,
  suggestionFromSharedData,
  type SuggestionIssue,
} from '@heimo/content';
import { MAX_SUGGESTION_NOTE_LENGTH } from '@heimo/domain';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiProblem } from '../../../api/problem';
import type { Suggestion } from '../../../api/types';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { SectionCard } from '../../../app/shell/SectionCard';
import { useCreateSuggestion, useMySuggestions } from '../hooks/useSuggestions';
import { STATUS_COLOURS } from '../messages';

/** A member suggests a link to the curators, and follows what became of their suggestions. */
export function SuggestPage() {
  const { t, i18n: instance } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('suggestions.title') }));
  const mine = useMySuggestions();
  const create = useCreateSuggestion();
  // Another app's share sheet opens /suggest?title&text&url (the manifest's share_target).
  const [params, setParams] = useSearchParams();
  const [shared] = useState(() =>
    ['title', 'text', 'url'].some((name) => params.has(name))
      ? suggestionFromSharedData({
          title: params.get('title'),
          text: params.get('text'),
          url: params.get('url'),
        })
      : null,
  );
  const [url, setUrl] = useState(shared?.url ?? '');
  const [note, setNote] = useState(shared?.note ?? '');
  const [touched, setTouched] = useState(Boolean(shared?.url));
  // The shared values are in the form now: a reload or a second visit starts empty.
  useEffect(() => {
    if (shared) setParams({}, { replace: true });
  }, [shared, setParams]);
  const [sent, setSent] = useState(false);
  const locale = isMessageLocale(instance.language) ? instance.language : 'en';

  const check = checkSuggestion({ url, note });
  const issues = check.ok ? [] : check.issues;
  const urlIssue = issues.find(
    (issue): issue is Extract<SuggestionIssue, { field: 'url' }> => issue.field === 'url',
  );
  const noteIssue = issues.find((issue) => issue.field === 'note');
  const limited = mine.data ? mine.data.remainingToday <= 0 : false;
  const mayNotSuggest = mine.data ? !mine.data.maySuggest : false;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setSent(false);
    if (!check.ok) return;
    create.mutate(
      { url: check.url, ...(check.note ? { note: check.note } : {}) },
      {
        onSuccess: () => {
          setUrl('');
          setNote('');
          setTouched(false);
          setSent(true);
        },
      },
    );
  };

  const problem = create.error instanceof ApiProblem ? create.error : null;
  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <Button component={Link} to="/feed" variant="subtle" size="sm" px={0} w="fit-content">
          {t('suggestions.back')}
        </Button>
        <Title order={1} fz={{ base: 'h2', sm: 'h1' }}>
          {t('suggestions.title')}
        </Title>
        <Text c="dimmed">{t('suggestions.intro')}</Text>
      </Stack>

      {mayNotSuggest ? (
        <Alert color="gray" role="status">
          {t('suggestions.notAllowed')}
        </Alert>
      ) : (
        <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} noValidate>
          <Stack gap="sm">
            {shared && !sent ? (
              <Alert color="blue" role="status">
                {shared.url ? t('suggestions.shared') : t('suggestions.sharedNoLink')}
              </Alert>
            ) : null}
            <TextInput
              label={t('suggestions.url')}
              description={t('suggestions.urlHint')}
              type="url"
              inputMode="url"
              autoComplete="url"
              required
              value={url}
              onChange={(event) => setUrl(event.currentTarget.value)}
              onBlur={() => setTouched(true)}
              error={touched && urlIssue ? formatIssue(urlIssue, locale) : undefined}
            />
            <Textarea
              label={t('suggestions.note')}
              description={t('suggestions.noteHint', { limit: MAX_SUGGESTION_NOTE_LENGTH })}
              autosize
              minRows={2}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              error={
                noteIssue
                  ? t('suggestions.noteTooLong', {
                      length: noteIssue.params['length'],
                      limit: MAX_SUGGESTION_NOTE_LENGTH,
                    })
                  : undefined
              }
            />
            {sent ? (
              <Alert color="teal" role="status">
                {t('suggestions.sent')}
              </Alert>
            ) : null}
            {problem?.code === 'suggestion.daily_limit' || limited ? (
              <Alert color="orange" role="status">
                {t('suggestions.limitReached', { limit: mine.data?.dailyLimit ?? '' })}
              </Alert>
            ) : create.isError ? (
              <ProblemAlert error={create.error} title={t('suggestions.sendFailed')} />
            ) : null}
            <Group justify="space-between" gap="sm">
              {mine.data && !limited ? (
                <Text size="sm" c="dimmed">
                  {t('suggestions.remaining', { count: mine.data.remainingToday })}
                </Text>
              ) : (
                <span />
              )}
              <Button
                type="submit"
                loading={create.isPending}
                disabled={limited}
                w={{ base: '100%', xs: 'auto' }}
              >
                {t('suggestions.send')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      <SectionCard id="my-suggestions" title={t('suggestions.mine')}>
        {mine.isError ? (
          <ProblemAlert error={mine.error} title={t('suggestions.loadFailed')}>
            <Button variant="light" color="red" mt="sm" onClick={() => void mine.refetch()}>
              {t('common.retry')}
            </Button>
          </ProblemAlert>
        ) : mine.isPending ? (
          <Stack gap="sm" role="status" aria-busy="true" aria-label={t('app.loading')}>
            <Skeleton h={72} radius="md" />
          </Stack>
        ) : mine.data.items.length === 0 ? (
          <Text c="dimmed">{t('suggestions.mineEmpty')}</Text>
        ) : (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {mine.data.items.map((item) => (
              <MySuggestion key={item.id} suggestion={item} />
            ))}
          </Stack>
        )}
      </SectionCard>
    </Stack>
  );
}

function MySuggestion({ suggestion }: { suggestion: Suggestion }) {
  const { t, i18n: instance } = useTranslation();
  const curator = suggestion.decidedBy?.name ?? '';
  return (
    <Card withBorder radius="md" padding="sm" component="li">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
        <Anchor
          href={suggestion.url}
          target="_blank"
          rel="noopener noreferrer"
          style={{ overflowWrap: 'anywhere', display: 'inline-block', paddingBlock: 10 }}
        >
          {suggestion.url}
        </Anchor>
        <Badge color={STATUS_COLOURS[suggestion.status]} variant="light" style={{ flexShrink: 0 }}>
          {t(`suggestions.status.${suggestion.status}`)}
        </Badge>
      </Group>
      {suggestion.note ? (
        <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
          {suggestion.note}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed" mt={4}>
        {t('suggestions.suggestedOn', {
          when: new Date(suggestion.createdAt).toLocaleString(instance.language),
        })}
      </Text>
      {suggestion.status === 'accepted' ? (
        <Stack gap={2} mt="xs">
          <Text size="sm">{t('suggestions.acceptedBody', { name: curator, count: suggestion.points })}</Text>
          {suggestion.packStatus === 'published' ? (
            <Text size="sm">
              {t('suggestions.published')}{' '}
              <Anchor component={Link} to="/feed" style={{ display: 'inline-block', paddingBlock: 12 }}>
                {t('suggestions.openFeed')}
              </Anchor>
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('suggestions.notPublishedYet')}
            </Text>
          )}
        </Stack>
      ) : suggestion.status === 'declined' ? (
        <Text size="sm" mt="xs">
          {t('suggestions.declinedBody', { name: curator })}
        </Text>
      ) : null}
      {suggestion.decisionNote ? (
        <Text size="sm" mt={4} fs="italic" style={{ overflowWrap: 'anywhere' }}>
          {t('suggestions.curatorNote', { name: curator, note: suggestion.decisionNote })}
        </Text>
      ) : null}
    </Card>
  );
}
