import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface PublicFormCardProps {
  heading: string;
  intro?: ReactNode;
  children: ReactNode;
}

/** The one card the invitation and join pages put their form or their answer in. */
export function PublicFormCard({ heading, intro, children }: PublicFormCardProps) {
  return (
    <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} maw={520} mx="auto">
      <Stack gap="xs" mb="lg">
        <Title order={1} fz={{ base: 'h3', sm: 'h2' }} style={{ textWrap: 'balance' }}>
          {heading}
        </Title>
        {intro ? (
          <Text c="dimmed" size="sm">
            {intro}
          </Text>
        ) : null}
      </Stack>
      {children}
    </Paper>
  );
}
