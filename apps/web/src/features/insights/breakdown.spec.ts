import { withFigures } from './breakdown';

describe('the rows of a breakdown', () => {
  it('leaves out rows without a share, a reach or a click', () => {
    const rows = [
      { network: 'linkedin', shares: 2, reach: 900, clicks: 14 },
      { network: 'x', shares: 0, reach: 0, clicks: 0 },
      // Clicks in the window on a share made before it still count.
      { network: 'bluesky', shares: 0, reach: 0, clicks: 3 },
    ];
    expect(withFigures(rows).map((row) => row.network)).toEqual(['linkedin', 'bluesky']);
  });
});
