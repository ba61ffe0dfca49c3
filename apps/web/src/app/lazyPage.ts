import { lazy, type ComponentType } from 'react';
import { loadAllStyles } from './styles';

/**
 * A page loaded when its route first renders, so a feature's code (and the libraries only it uses)
 * stays out of the first load. Pages are named exports; `name` picks the component. The page renders
 * once all of Mantine's styles have loaded too (styles.ts), unless `firstScreenStyles`: a page that
 * uses only components whose styles come with the first screen (first-screen.css) — the feed.
 */
export function lazyPage<Name extends string>(
  load: () => Promise<{ [Key in Name]: ComponentType }>,
  name: Name,
  { firstScreenStyles = false }: { firstScreenStyles?: boolean } = {},
) {
  return lazy(() =>
    Promise.all([load(), firstScreenStyles ? null : loadAllStyles()]).then(([module]) => ({
      default: module[name],
    })),
  );
}
