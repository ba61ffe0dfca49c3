import { ActionIcon, Popover, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "What is this figure?": an info button opening the figure's definition. A popover rather than a hover
 * tooltip, so a tap, a click and the keyboard all open it.
 */
export function DefinitionButton({ figure, children }: { figure: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Popover width={320} position="bottom-end" withArrow shadow="md" trapFocus={false}>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size={44}
          radius="xl"
          aria-label={t('insights.definitionOf', { figure })}
          style={{ flexShrink: 0, margin: -10 }}
        >
          <Text component="span" fw={700} fz="sm" aria-hidden style={infoMark}>
            i
          </Text>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" fz="sm" role="note" aria-label={figure}>
          {children}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

const infoMark = {
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  width: 20,
  height: 20,
  borderRadius: '50%',
  border: '1.5px solid currentColor',
  fontFamily: 'Georgia, serif',
  lineHeight: 1,
} as const;
