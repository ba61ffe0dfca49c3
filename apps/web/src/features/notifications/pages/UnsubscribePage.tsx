import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiProblem } from '../../../api/problem';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { PublicLayout } from '../../../app/shell/PublicLayout';
import { PublicFormCard } from '../../people/components/PublicFormCard';
import { useUnsubscribe, useUnsubscribePreview } from '../hooks/useUnsubscribe';
import type { NotificationPreferences, UnsubscribeTopic } from '../types';

// A link without a token reads as the altered link it is.
const missingToken = new ApiProblem(400, 'unsubscribe.invalid_token', 'Bad Request');

// Long labels wrap on a phone instead of being cut.
const wrapping = {
  h: 'auto',
  mih: 44,
  py: 8,
  styles: { label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.3 } },
} as const;

const preferencesPath = `/login?next=${encodeURIComponent('/profile')}`;

/** `/unsubscribe?token=…` from an e-mail's footer: says what stops and asks before turning it off. */
export function UnsubscribePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.documentTitle', { page: t('unsubscribe.title') }));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const preview = useUnsubscribePreview(token);
  const unsubscribe = useUnsubscribe();

  if (!token || preview.isError) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('unsubscribe.title')}>
          <Stack gap="md">
            <ProblemAlert
              error={token ? preview.error : missingToken}
              title={t('unsubscribe.unusableTitle')}
            />
            <Button component={Link} to={preferencesPath} variant="light" size="md" {...wrapping}>
              {t('unsubscribe.toPreferences')}
            </Button>
          </Stack>
        </PublicFormCard>
      </PublicLayout>
    );
  }

  if (preview.isPending) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('unsubscribe.checking')}>
          <Stack gap="md" role="status" aria-busy="true" aria-label={t('app.loading')}>
            <Skeleton h={20} w="80%" />
            <Skeleton h={20} w="60%" />
            <Skeleton h={48} />
          </Stack>
        </PublicFormCard>
      </PublicLayout>
    );
  }

  const { topic, organisationName } = preview.data;

  if (unsubscribe.isSuccess) {
    return (
      <PublicLayout>
        <PublicFormCard heading={t('unsubscribe.doneTitle')}>
          <Stack gap="md">
            <Alert color="teal" variant="light" role="status">
              <Text size="sm">{t(`unsubscribe.done.${topic}`, { organisation: organisationName })}</Text>
            </Alert>
            <Text size="sm">{t('unsubscribe.changeLater')}</Text>
            <Button component={Link} to={preferencesPath} variant="light" size="md" {...wrapping}>
              {t('unsubscribe.toPreferences')}
            </Button>
          </Stack>
        </PublicFormCard>
      </PublicLayout>
    );
  }

  const alreadyOff = isOff(topic, preview.data.preferences);
  return (
    <PublicLayout>
      <PublicFormCard
        heading={t(`unsubscribe.heading.${topic}`)}
        intro={t('unsubscribe.intro', { organisation: organisationName })}
      >
        <Stack gap="md">
          {unsubscribe.isError ? (
            <ProblemAlert error={unsubscribe.error} title={t('unsubscribe.failed')} />
          ) : null}
          {alreadyOff ? (
            <Alert color="gray" variant="light">
              <Text size="sm">{t('unsubscribe.alreadyOff')}</Text>
            </Alert>
          ) : null}
          <Text size="sm">{t(`unsubscribe.explain.${topic}`)}</Text>
          <Button
            size="lg"
            fullWidth
            loading={unsubscribe.isPending}
            onClick={() => unsubscribe.mutate(token)}
          >
            {t('unsubscribe.confirm')}
          </Button>
          <Button component={Link} to={preferencesPath} variant="subtle" size="md" {...wrapping}>
            {t('unsubscribe.toPreferences')}
          </Button>
        </Stack>
      </PublicFormCard>
    </PublicLayout>
  );
}

function isOff(topic: UnsubscribeTopic, preferences: NotificationPreferences): boolean {
  switch (topic) {
    case 'pack_alerts':
      return preferences.packAlerts === 'off';
    case 'training_reminders':
      return !preferences.trainingReminders;
    case 'weekly_summary':
      return !preferences.weeklySummary;
    case 'review_alerts':
      return !preferences.reviewAlerts;
    case 'all':
      return (
        preferences.packAlerts === 'off' &&
        !preferences.trainingReminders &&
        !preferences.weeklySummary &&
        !preferences.reviewAlerts
      );
  }
}
