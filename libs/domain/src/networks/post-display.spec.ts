import { foldCaption, imageAspectRatio } from './post-display';
import { getNetwork, listNetworks } from './registry';

describe('post display', () => {
  it('every network says how it shows a post', () => {
    for (const network of listNetworks()) {
      expect(['link_card', 'image']).toContain(network.display.shows);
      expect(network.display.imageRatio.every((n) => n > 0)).toBe(true);
      if (network.display.captionFold !== null) expect(network.display.captionFold).toBeGreaterThan(0);
    }
  });

  it('folds a long caption at a word near the fold and keeps a short one whole', () => {
    const display = getNetwork('linkedin').display;
    const long = `${'word '.repeat(40)}end`;
    const folded = foldCaption(long, display);
    expect(folded.folded).toBe(true);
    expect(folded.visible.length).toBeLessThanOrEqual(140);
    expect(folded.visible.endsWith('word')).toBe(true);
    expect(foldCaption('Short', display)).toEqual({ visible: 'Short', folded: false });
    expect(foldCaption(long, getNetwork('threads').display)).toEqual({ visible: long, folded: false });
  });

  it('never cuts an emoji in two', () => {
    const display = { shows: 'link_card', imageRatio: [1, 1], captionFold: 3 } as const;
    expect(foldCaption('ab👍🏽cd', display).visible).toBe('ab👍🏽');
    expect(imageAspectRatio(getNetwork('instagram').display)).toBe('4 / 5');
  });
});
