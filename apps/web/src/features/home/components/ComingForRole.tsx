import { Badge, Card, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KnownRole } from '../../../app/navigation';

/** What a role will be able to do here, in words; no figures until there are real ones. */
export function ComingForRole({ role }: { role: KnownRole }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby={`coming-${role}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm" mb="xs">
        <Title order={3} fz="h4" id={`coming-${role}`}>
          {t(`home.coming.${role}.heading`)}
        </Title>
        <Badge variant="light" color="indigo" tt="none" style={{ flexShrink: 0 }}>
          {t(`roles.${role}`)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" lh={1.6}>
        {t(`home.coming.${role}.body`)}
      </Text>
    </Card>
  );
}
