// Colours that keep text readable (WCAG 2.2 AA: 4.5:1 for text under 24 px), computed rather than
// picked by eye: Mantine's darkest shades of some palettes (orange, green, teal) and some networks'
// brand colours (Instagram's pink) are too light for small text.

/** AA for normal-size text, with a little room for anti-aliasing and rounding. */
export const READABLE = 4.6;

function channels(hex: string): [number, number, number] {
  const value = hex.replace('#', '');
  const full = value.length === 3 ? [...value].map((c) => c + c).join('') : value.slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function toHex(rgb: readonly number[]): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** `colour` laid at `alpha` over `background`, as the browser paints a translucent tint. */
export function blend(colour: string, alpha: number, background: string): string {
  const top = channels(colour);
  const bottom = channels(background);
  return toHex(top.map((c, i) => c * alpha + bottom[i] * (1 - alpha)));
}

/** `colour`, darkened towards black in small steps until it reads at `ratio` on `background`. */
export function readableOn(colour: string, background: string, ratio = READABLE): string {
  let current = colour;
  for (let step = 1; contrastRatio(current, background) < ratio && step <= 25; step += 1)
    current = toHex(channels(colour).map((c) => c * (1 - step * 0.04)));
  return current;
}

/** A brand colour as a fill under white text: itself when white reads on it, else darkened until it does. */
export function brandFill(colour: string | undefined, fallback: string): string {
  return colour?.startsWith('#') ? readableOn(colour, '#ffffff') : fallback;
}
