import { Button, CopyButton, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface CopyFieldProps {
  label: string;
  value: string;
  copyLabel: string;
}

/** A read-only link with a button that copies it; the text stays selectable where the clipboard is blocked. */
export function CopyField({ label, value, copyLabel }: CopyFieldProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="end" wrap="wrap">
      <TextInput
        label={label}
        value={value}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        style={{ flex: '1 1 16rem', minWidth: 0 }}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: '0.85rem' } }}
      />
      <CopyButton value={value} timeout={2500}>
        {({ copied, copy }) => (
          <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
            {copied ? t('common.copied') : copyLabel}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
