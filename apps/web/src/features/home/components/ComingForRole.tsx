import { Anchor, Badge, Card, Group, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type KnownRole, roleHomeEntry } from '../../../app/navigation';

/** What a role does here, in words, with a link to the role's first page once it exists. */
export function ComingForRole({ role }: { role: KnownRole }) {
  const { t } = useTranslation();
  const entry = roleHomeEntry(role);
  return (
    <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby={`coming-${role}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm" mb="xs">
        <Title order={3} fz="h4" id={`coming-${role}`}>
          {entry?.ready ? (
            <Anchor component={Link} to={entry.path} inherit>
              {t(`home.coming.${role}.heading`)}
            </Anchor>
          ) : (
            t(`home.coming.${role}.heading`)
          )}
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
