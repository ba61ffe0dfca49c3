/** Segments thumbs can hit (44 px) on every screen; a long label wraps rather than being cut. */
export const TALL_SEGMENTS = {
  label: {
    minHeight: 44,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    whiteSpace: 'normal',
    lineHeight: 1.2,
    textAlign: 'center',
  },
} as const;
