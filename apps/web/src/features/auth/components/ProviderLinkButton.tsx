import { Button } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The full-width link to the organisation's identity provider. A long label (Finnish) wraps rather
 * than being cut off on a phone, and the button stays at least a thumb's height.
 */
export function ProviderLinkButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button
      component="a"
      href={href}
      size="lg"
      fullWidth
      h="auto"
      mih={48}
      py="xs"
      styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
    >
      {children}
    </Button>
  );
}
