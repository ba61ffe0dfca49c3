/**
 * A table's caption for screen readers only: on screen the heading of its section already names it.
 * (Mantine's VisuallyHidden renders a div, which a table may not hold in place of its caption.)
 */
export function HiddenCaption({ children }: { children: string }) {
  return <caption style={visuallyHidden}>{children}</caption>;
}

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
