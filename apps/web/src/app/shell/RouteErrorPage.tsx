import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown when a page throws while rendering: plain words and a way out. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <Center mih="100dvh" p="md" component="main">
      <Stack gap="md" maw={480} align="flex-start" role="alert">
        <Title order={1} fz="h2">
          {t('errorPage.title')}
        </Title>
        <Text>{t('errorPage.body')}</Text>
        <Button onClick={() => window.location.reload()}>{t('errorPage.reload')}</Button>
      </Stack>
    </Center>
  );
}
