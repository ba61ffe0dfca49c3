import { Box, Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { SkipLink } from './SkipLink';
import { Wordmark } from './Wordmark';

/** Pages for people who are not signed in: the mark, the language switch and the content. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <Box mih="100dvh" bg="gray.0">
      <SkipLink />
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="sm">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Wordmark />
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main" tabIndex={-1} size="lg" py={{ base: 'lg', md: 56 }}>
        {children}
      </Container>
    </Box>
  );
}
