import { DEFAULT_THEME } from '@mantine/core';
import { blend, brandFill, contrastRatio, readableOn } from './contrast';
import { cssVariablesResolver, theme } from './theme';

describe('contrast', () => {
  it('measures WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // Mantine's red.6 on white, which axe-core reports at 3.28.
    expect(contrastRatio('#fa5252', '#ffffff')).toBeCloseTo(3.28, 2);
  });

  it("darkens a brand colour under white text until it reads (Instagram's pink) and keeps one that does", () => {
    expect(contrastRatio('#ff0069', '#ffffff')).toBeLessThan(4.5);
    expect(contrastRatio(brandFill('#FF0069', 'gray'), '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(brandFill('#0a66c2', 'gray')).toBe('#0a66c2');
    expect(brandFill(undefined, 'indigo')).toBe('indigo');
  });

  it('leaves a readable colour as it is', () => {
    expect(readableOn('#000000', '#ffffff')).toBe('#000000');
  });

  it("every palette's text colour reads at AA on its own tint and on white", () => {
    const merged = { ...DEFAULT_THEME, ...theme, colors: { ...DEFAULT_THEME.colors, ...theme.colors } };
    const { light } = cssVariablesResolver(merged as typeof DEFAULT_THEME);
    for (const [name, shades] of Object.entries(merged.colors)) {
      const text = light[`--mantine-color-${name}-light-color`];
      expect([name, contrastRatio(text, blend(shades?.[6] ?? '#000000', 0.15, '#f1f3f5')) >= 4.5]).toEqual([
        name,
        true,
      ]);
      expect([name, contrastRatio(text, '#ffffff') >= 4.5]).toEqual([name, true]);
      expect([name, contrastRatio(light[`--mantine-color-${name}-outline`], '#ffffff') >= 4.5]).toEqual([
        name,
        true,
      ]);
    }
    expect(contrastRatio(light['--mantine-color-error'], '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
