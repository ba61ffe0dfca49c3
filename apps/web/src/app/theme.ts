import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Indigo at shade 7 keeps white button text above 4.5:1 (WCAG 2.2 AA); 44 px controls suit thumbs.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 4 },
  focusRing: 'auto',
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '700' },
  components: {
    Button: { defaultProps: { size: 'md' } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
    NumberInput: { defaultProps: { size: 'md' } },
    Textarea: { defaultProps: { size: 'md' } },
    // A badge keeps its whole word: Mantine lets a squeezed badge shrink and end in "…", which cut
    // longer Finnish statuses ("Hylä…", "TARKISTETTA…"). It keeps its own width instead.
    Badge: {
      styles: {
        root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' },
        label: { overflow: 'visible', textOverflow: 'clip' },
      },
    },
  },
});

// Mantine's default dimmed grey (3.3:1 on white) and light-variant text (shade 6 on a tint, about 3:1)
// miss AA; gray.7 and shade 9 read above 4.5:1.
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    ...Object.fromEntries(
      Object.entries(t.colors).map(([name, shades]) => [`--mantine-color-${name}-light-color`, shades[9]]),
    ),
  },
  dark: {},
});
