import { Badge, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../app/i18n/format';
import { ProblemAlert } from '../../../app/shell/ProblemAlert';
import { usePercent } from '../../training/components/usePercent';
import { useTrainingModules } from '../hooks/useTrainingModules';
import type { TrainingModule } from '../types';

/** The organisation's modules: what members see now and at which version, each with its editor. */
export function TrainingModuleList({ requiredIds }: { requiredIds: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const modules = useTrainingModules();

  if (modules.isError)
    return (
      <ProblemAlert error={modules.error} title={t('compliance.catalogue.loadFailed')}>
        <Button variant="light" color="red" mt="sm" onClick={() => void modules.refetch()}>
          {t('common.retry')}
        </Button>
      </ProblemAlert>
    );
  if (modules.isPending)
    return (
      <Stack gap="xs" role="status" aria-busy="true" aria-label={t('app.loading')}>
        {[0, 1].map((row) => (
          <Skeleton key={row} h={72} radius="md" />
        ))}
      </Stack>
    );
  if (modules.data.length === 0)
    return (
      <Paper withBorder p="lg" radius="md" ta="center">
        <Text size="sm">{t('compliance.catalogue.empty')}</Text>
        <Button component={Link} to="/training-modules/new" mt="sm">
          {t('compliance.catalogue.new')}
        </Button>
      </Paper>
    );
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {modules.data.map((module) => (
        <ModuleRow key={module.id} module={module} required={requiredIds.has(module.id)} />
      ))}
    </Stack>
  );
}

function ModuleRow({ module, required }: { module: TrainingModule; required: boolean }) {
  const { t, i18n } = useTranslation();
  const percent = usePercent();
  const format = useFormat();
  const content = module.published ?? module;
  const language = i18n.resolvedLanguage === 'fi' ? 'fi' : 'en';
  const title = content.title[language] ?? content.title.en ?? content.title.fi ?? '';
  return (
    <Paper withBorder radius="md" p="sm" component="li">
      <Group justify="space-between" gap="xs" align="flex-start">
        <Stack gap={2} miw={0} style={{ flex: '1 1 16rem' }}>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            {module.publishedAt
              ? t('compliance.catalogue.published', {
                  version: module.version,
                  date: format.shortDate(new Date(module.publishedAt)),
                })
              : t('compliance.catalogue.neverPublished')}
            {' · '}
            {content.validityDays
              ? t('compliance.catalogue.validity', { count: content.validityDays })
              : t('compliance.catalogue.noExpiry')}
            {content.quiz
              ? ` · ${t('compliance.catalogue.quiz', { passMark: percent(content.quiz.passMark) })}`
              : ''}
          </Text>
        </Stack>
        <Group gap={4}>
          <Badge variant="outline" color="indigo" radius="sm" tt="none">
            {t(`training.kinds.${module.kind}`)}
          </Badge>
          {required ? (
            <Badge variant="filled" color="indigo" radius="sm" tt="none">
              {t('compliance.catalogue.required')}
            </Badge>
          ) : null}
          {module.hasUnpublishedChanges && module.version > 0 ? (
            <Badge variant="light" color="yellow" radius="sm" tt="none">
              {t('compliance.catalogue.unpublishedChanges')}
            </Badge>
          ) : null}
          {module.version === 0 ? (
            <Badge variant="light" color="gray" radius="sm" tt="none">
              {t('compliance.catalogue.draft')}
            </Badge>
          ) : null}
          <Button
            component={Link}
            to={`/training-modules/${module.id}`}
            variant="light"
            size="sm"
            mih={44}
            aria-label={t('compliance.catalogue.editLabel', { title })}
          >
            {t('compliance.catalogue.edit')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
