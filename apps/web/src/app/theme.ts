import { createTheme, type CSSVariablesResolver } from '@mantine/core';
import { blend, readableOn } from './contrast';

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
    // A table wider than a phone scrolls sideways in its container: the keyboard must reach it too
    // (WCAG 2.1.1; axe-core's scrollable-region-focusable).
    TableScrollContainer: { defaultProps: { tabIndex: 0 } },
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

// Mantine's default dimmed grey (3.3:1 on white) and its light-variant text (shade 6 on a tint, about
// 3:1) miss AA, as do plain coloured text (c="teal", shade 6) and outline badges (shade 6 on white).
// Each palette's text colour is its darkest shade, darkened further where even that reads under 4.5:1
// on the palette's own tint laid over a grey card (orange, green, teal): see ./contrast.
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const card = t.colors.gray[1];
  const textOf = (shades: readonly string[]) =>
    readableOn(readableOn(shades[9], blend(shades[6], 0.15, card)), '#ffffff');
  const primary = textOf(t.colors[t.primaryColor]);
  return {
    variables: {},
    light: {
      '--mantine-color-dimmed': t.colors.gray[7],
      '--mantine-primary-color-light-color': primary,
      // Links (shade 7 reads 4.4:1 on an indigo tint) and error text (red.6, 3.3:1 on white).
      '--mantine-color-anchor': primary,
      '--mantine-color-error': readableOn(t.colors.red[8], '#ffffff'),
      ...Object.fromEntries(
        Object.entries(t.colors).flatMap(([name, shades]) => [
          [`--mantine-color-${name}-light-color`, textOf(shades)],
          [`--mantine-color-${name}-text`, textOf(shades)],
          [`--mantine-color-${name}-outline`, readableOn(shades[7], '#ffffff')],
          // Filled buttons and badges carry white text: red.7 under it reads 3.8:1, so each fill is
          // darkened until white reads at 4.5:1, and its hover is the darkest shade, made readable too.
          [`--mantine-color-${name}-filled`, readableOn(shades[7], '#ffffff')],
          [`--mantine-color-${name}-filled-hover`, readableOn(shades[9], '#ffffff')],
        ]),
      ),
    },
    dark: {},
  };
};
