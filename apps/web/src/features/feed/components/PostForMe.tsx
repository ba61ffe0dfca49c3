// Loaded only when a card offers "Post for me" (the organisation allows it and the member has
// connected the variant's network): the feed's first load does not carry it.
import { Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { MAX_POST_SCHEDULE_AHEAD_MS } from '@heimo/domain';
import i18n from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../../api/problem';
import { useFormat } from '../../../app/i18n/format';
import { addLazyMessages } from '../../../app/i18n/resources';
import { useProblemMessage } from '../../../app/i18n/useProblemMessage';
import { usePostForMe, type SharePost } from '../hooks/usePostForMe';
import en from '../locales/postForMe.en.json';
import fi from '../locales/postForMe.fi.json';
import type { ShareBody, ShareResult } from '../types';

// Both languages carry the same keys (each assignment fails to compile otherwise).
const english: typeof fi = en;
const finnish: typeof en = fi;
addLazyMessages(i18n, 'postForMe', { en: english, fi: finnish });

const FINAL_FAILURES = new Set(['unauthorized', 'disabled', 'member_deactivated']);

type ReasonKey = keyof typeof en.reasons;
type ProblemKey = keyof typeof en.problems;

interface PostForMeProps {
  body: ShareBody;
  /** The network's name, as the card shows it. */
  network: string;
  /** Sharing is allowed and the caption passes its check. */
  enabled: boolean;
  /** Makes the share (the card's, see `useMakeShare`). */
  makeShare: (body: ShareBody) => Promise<ShareResult>;
}

/** A `datetime-local` value (the member's own time) as an ISO instant; undefined when incomplete. */
function localToIso(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** "Post for me": now, or at a chosen time; then the post's state, with Cancel or Try again. */
export default function PostForMe({ body, network, enabled, makeShare }: PostForMeProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { describe } = useProblemMessage();
  const { shareId, post, schedule, cancel } = usePostForMe(makeShare);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState('');
  // What the form refuses before anything is sent (no share is made for a time the API would refuse).
  const [local, setLocal] = useState<'missing' | 'at_past' | 'at_too_far' | null>(null);
  const inputId = `post-at-${body.packId}-${body.network}`;

  const problemWords = (error: unknown): string => {
    if (error instanceof ApiProblem) {
      const code = error.errors[0]?.code ?? error.code;
      if (code.startsWith('share_post.')) {
        const key = code.slice('share_post.'.length);
        if (key in en.problems) return t(`postForMe.problems.${key as ProblemKey}`);
      }
    }
    return describe(error).message;
  };
  const fieldError = (): string | undefined => {
    if (local === 'missing') return t('postForMe.whenRequired');
    if (local) return t(`postForMe.problems.${local}`);
    const error = schedule.error;
    if (!(error instanceof ApiProblem)) return undefined;
    return error.errors.some((problem) => problem.field === 'at') ? problemWords(error) : undefined;
  };
  const atFieldError = fieldError();

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (when === 'later') {
      const iso = localToIso(at);
      const problem =
        iso === undefined
          ? 'missing'
          : Date.parse(iso) < Date.now()
            ? 'at_past'
            : Date.parse(iso) > Date.now() + MAX_POST_SCHEDULE_AHEAD_MS
              ? 'at_too_far'
              : null;
      setLocal(problem);
      if (iso === undefined || problem) return;
      schedule.mutate({ body, at: iso });
    } else {
      setLocal(null);
      schedule.mutate({ body, at: undefined });
    }
  };

  const state: SharePost | undefined = post ?? schedule.data;
  // A failure the member cannot fix here (the connection broke, the setting went off) offers no retry.
  const final = state?.status === 'failed' && FINAL_FAILURES.has(state.errorCode ?? '');
  const again = !final && (!state || state.status === 'failed' || state.status === 'cancelled');

  return (
    <Paper withBorder radius="md" p="sm" data-testid="post-for-me">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('postForMe.title', { network })}
        </Text>
        {state ? stateView(state, network) : null}
        {state?.status === 'scheduled' ? (
          <>
            {cancel.isError ? (
              <Alert color="red" variant="light" role="alert" title={t('postForMe.cancelFailed')}>
                <Text size="sm">{problemWords(cancel.error)}</Text>
              </Alert>
            ) : null}
            <Group>
              <Button
                variant="light"
                color="red"
                loading={cancel.isPending}
                onClick={() => shareId && cancel.mutate(shareId)}
              >
                {t('postForMe.cancel')}
              </Button>
            </Group>
          </>
        ) : null}
        {again ? (
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              {!state ? (
                <Text size="sm" c="dimmed">
                  {t('postForMe.intro', { network })}
                </Text>
              ) : null}
              <Group grow gap="xs" role="group" aria-label={t('postForMe.title', { network })}>
                {(['now', 'later'] as const).map((option) => (
                  <Button
                    key={option}
                    size="md"
                    variant={when === option ? 'light' : 'default'}
                    aria-pressed={when === option}
                    onClick={() => setWhen(option)}
                  >
                    {t(`postForMe.${option}`)}
                  </Button>
                ))}
              </Group>
              {when === 'later' ? (
                <TextInput
                  id={inputId}
                  type="datetime-local"
                  label={t('postForMe.when')}
                  description={t('postForMe.whenHint')}
                  value={at}
                  onChange={(event) => {
                    setAt(event.currentTarget.value);
                    setLocal(null);
                  }}
                  error={atFieldError}
                />
              ) : null}
              {schedule.isError && !atFieldError ? (
                <Alert
                  color="red"
                  variant="light"
                  role="alert"
                  title={shareId ? t('postForMe.failed') : t('postForMe.shareFailed')}
                >
                  <Text size="sm">{problemWords(schedule.error)}</Text>
                </Alert>
              ) : null}
              <Button
                type="submit"
                variant="outline"
                fullWidth
                loading={schedule.isPending}
                disabled={!enabled}
              >
                {state?.status === 'failed'
                  ? t('postForMe.tryAgain')
                  : state
                    ? t('postForMe.postAgain')
                    : when === 'later'
                      ? t('postForMe.schedule')
                      : t('postForMe.now')}
              </Button>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );

  function stateView(current: SharePost, name: string) {
    switch (current.status) {
      case 'scheduled':
        return (
          <Text size="sm" role="status">
            {Date.parse(current.scheduledAt) <= Date.now() + 5_000
              ? t('postForMe.posting', { network: name })
              : t('postForMe.scheduled', { date: format.dateTime(new Date(current.scheduledAt)) })}
          </Text>
        );
      case 'posting':
        return (
          <Stack gap={2} role="status">
            <Text size="sm">{t('postForMe.posting', { network: name })}</Text>
            {current.errorCode ? (
              <Text size="xs" c="dimmed">
                {t('postForMe.retrying')}
              </Text>
            ) : null}
          </Stack>
        );
      case 'posted':
        return (
          <Alert color="teal" variant="light" role="status" title={t('postForMe.posted', { network: name })}>
            {current.postUrl ? (
              <Anchor
                href={current.postUrl}
                target="_blank"
                rel="noopener noreferrer"
                size="sm"
                fw={600}
                style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
              >
                {t('postForMe.open')}
              </Anchor>
            ) : null}
          </Alert>
        );
      case 'failed': {
        const code = current.errorCode ?? 'other';
        const reason = (code in en.reasons ? code : 'other') as ReasonKey;
        return (
          <Alert color="red" variant="light" role="alert" title={t('postForMe.failed')}>
            <Text size="sm">{t(`postForMe.reasons.${reason}`, { network: name })}</Text>
          </Alert>
        );
      }
      case 'cancelled':
        return (
          <Text size="sm" role="status">
            {t('postForMe.cancelled')}
          </Text>
        );
      default:
        return null;
    }
  }
}
