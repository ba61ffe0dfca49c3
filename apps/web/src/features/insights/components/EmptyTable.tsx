import { Text } from '@mantine/core';

/** What a table would show, said where it has no rows yet. */
export function EmptyTable({ text }: { text: string }) {
  return (
    <Text size="sm" c="dimmed" py="md" ta="center">
      {text}
    </Text>
  );
}
