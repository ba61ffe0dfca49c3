import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The API's password rules (apps/api people/password-policy.ts), said before anyone trips on them. */
export const PASSWORD_MIN_LENGTH = 12;

export function PasswordRules({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <div id={id}>
      <Text size="sm" fw={600}>
        {t('password.rulesHeading')}
      </Text>
      <List size="sm" spacing={2} c="dimmed">
        <List.Item>{t('password.minLength', { count: PASSWORD_MIN_LENGTH })}</List.Item>
        <List.Item>{t('password.notCommon')}</List.Item>
      </List>
    </div>
  );
}
