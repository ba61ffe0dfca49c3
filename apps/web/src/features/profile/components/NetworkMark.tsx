import { ThemeIcon } from '@mantine/core';
import { findNetwork } from '@heimo/domain';
import { brandFill } from '../../../app/contrast';

/** The network's letter on its brand colour, the same mark everywhere; the name is always beside it. */
export function NetworkMark({ network, size = 40 }: { network: string; size?: number }) {
  const brand = findNetwork(network)?.brand;
  return (
    <ThemeIcon
      size={size}
      radius="md"
      color={brandFill(brand?.color, 'gray')}
      autoContrast
      aria-hidden
      style={{ fontWeight: 700, flexShrink: 0 }}
    >
      {brand?.letter ?? '?'}
    </ThemeIcon>
  );
}

/** The network's name from the registry, or its id where the web does not know it yet. */
export function networkLabel(network: string): string {
  return findNetwork(network)?.label ?? network;
}
