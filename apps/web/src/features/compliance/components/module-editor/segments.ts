/** Segments thumbs can hit (44 px) on every screen. */
export const TALL_SEGMENTS = {
  label: { minHeight: 44, display: 'flex', alignItems: 'center', justifyContent: 'center' },
} as const;
