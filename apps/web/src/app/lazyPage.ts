import { lazy, type ComponentType } from 'react';

/**
 * A page loaded when its route first renders, so a feature's code (and the libraries only it uses)
 * stays out of the first load. Pages are named exports; `name` picks the component.
 */
export function lazyPage<Name extends string>(
  load: () => Promise<{ [Key in Name]: ComponentType }>,
  name: Name,
) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
