#!/usr/bin/env node
// The layers check (`npm run check`, `npm test`): dependency-cruiser applies the file rules of
// .dependency-cruiser.cjs, then this script folds its graph into API modules
// (apps/api/src/modules/<name>) and fails on any cycle between them. dependency-cruiser's own cycle
// rules see files, and its folder scope does not fold sub-folders (entities/, dto/) into their
// module, so a cycle like training.service → sharing/rollup.service, sharing/share → training/
// readiness would pass them: no file depends on itself.
import { cruise, format } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { root } from './lib.mjs';

const MODULE = /^apps\/api\/src\/modules\/([^/]+)\//;
const ENTITY = /\/entities\/[^/]+\.entity\.ts$/;

/**
 * Module → module imports, each with the file imports behind it. An import from one entity to another
 * is left out: it is a foreign key (TypeORM needs both classes for the relation), a fact of the schema
 * rather than a dependency of one module's code on another's.
 */
function moduleGraph(modules) {
  const graph = new Map();
  for (const file of modules) {
    const from = MODULE.exec(file.source)?.[1];
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const dependency of file.dependencies) {
      const to = MODULE.exec(dependency.resolved)?.[1];
      if (!to || to === from) continue;
      if (ENTITY.test(file.source) && ENTITY.test(dependency.resolved)) continue;
      const edges = graph.get(from);
      if (!edges.has(to)) edges.set(to, []);
      edges.get(to).push(`${file.source} → ${dependency.resolved}`);
    }
  }
  return graph;
}

/** The strongly connected components with more than one module (Tarjan): each holds a cycle. */
function moduleCycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node)?.keys() ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node), index.get(target)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

/** One shortest way round a component, from its first module back to it: [a, b, …, a]. */
function shortestCycle(graph, component) {
  const inside = new Set(component);
  const start = component[0];
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const target of graph.get(node)?.keys() ?? []) {
      if (!inside.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let step = node; step !== start; step = previous.get(step)) path.unshift(step);
        path.unshift(start);
        return path;
      }
      if (previous.has(target)) continue;
      previous.set(target, node);
      queue.push(target);
    }
  }
  return [start];
}

async function main() {
  // dependency-cruiser reads paths relative to the working directory.
  process.chdir(root);
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const tsConfig = extractTSConfig(options.ruleSet.options?.tsConfig?.fileName ?? 'tsconfig.base.json');
  const result = await cruise(['apps', 'libs'], options, {}, { tsConfig });
  const fileReport = await format(result.output, { outputType: 'err' });
  process.stdout.write(fileReport.output);

  const graph = moduleGraph(result.output.modules);
  const cycles = moduleCycles(graph);
  for (const component of cycles) {
    const path = shortestCycle(graph, component);
    process.stdout.write(
      `  error module-cycle: ${path.join(' → ')}  (modules in the cycle: ${component.join(', ')})\n`,
    );
    for (let step = 0; step + 1 < path.length; step += 1) {
      const imports = graph.get(path[step]).get(path[step + 1]);
      process.stdout.write(
        `    ${imports[0]}${imports.length > 1 ? ` (+${imports.length - 1} more)` : ''}\n`,
      );
    }
  }
  if (cycles.length > 0) {
    process.stdout.write(
      `\n✘ ${cycles.length} cycle(s) between API modules. Invert one import of each: a token the other module provides, or the shared piece moved down a layer (infra, libs).\n`,
    );
  } else {
    process.stdout.write(`✔ no cycle between the ${graph.size} API modules\n`);
  }
  process.exitCode = fileReport.exitCode > 0 || cycles.length > 0 ? 1 : 0;
}

await main();
