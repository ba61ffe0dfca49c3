import Handlebars from 'handlebars';
import { issue, type Issue, type TemplateIssueCode } from '../messages';
import { VARIANT_TEMPLATE_VARIABLES, type TemplateVariables } from './variables';

/** Longest caption template accepted, in UTF-16 units. */
export const MAX_TEMPLATE_LENGTH = 20_000;

/** How many compiled templates stay cached (least recently used are dropped first). */
const CACHE_SIZE = 500;

export type TemplateIssue = Issue<TemplateIssueCode>;

export type CompiledTemplate =
  | { readonly ok: true; readonly render: (variables: TemplateVariables) => string }
  | { readonly ok: false; readonly issues: readonly TemplateIssue[] };

// An environment of our own, so helpers or partials registered elsewhere never reach captions.
const handlebars = Handlebars.create();

const ALLOWED_VARIABLES: ReadonlySet<string> = new Set(VARIANT_TEMPLATE_VARIABLES);
const ALLOWED_BLOCKS: ReadonlySet<string> = new Set(['if', 'unless']);

const cache = new Map<string, CompiledTemplate>();

type Node = hbs.AST.Node;

function templateIssue(code: TemplateIssueCode, params: Record<string, string | number> = {}): TemplateIssue {
  return issue(code, params, 'template');
}

function describe(node: Node): string {
  const loose = node as unknown as { original?: unknown; name?: { original?: unknown } };
  if (typeof loose.original === 'string') return loose.original;
  if (typeof loose.name?.original === 'string') return `>${loose.name.original}`;
  return node.type;
}

/** A variable reference: a plain path to one of the allowed variables. */
function checkVariable(node: Node, issues: TemplateIssue[]): void {
  if (node.type !== 'PathExpression') {
    issues.push(templateIssue('template.expression_not_allowed', { expression: describe(node) }));
    return;
  }
  const path = node as hbs.AST.PathExpression;
  const name = path.original;
  if (path.data || path.depth > 0 || !ALLOWED_VARIABLES.has(name)) {
    issues.push(templateIssue('template.unknown_variable', { name }));
  }
}

function checkProgram(program: hbs.AST.Program | undefined, issues: TemplateIssue[]): void {
  for (const statement of program?.body ?? []) checkStatement(statement, issues);
}

/** Allows text, comments, `{{variable}}` and `{{#if variable}}…{{else}}…{{/if}}` (and `unless`); nothing else. */
function checkStatement(node: Node, issues: TemplateIssue[]): void {
  switch (node.type) {
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement': {
      const mustache = node as hbs.AST.MustacheStatement;
      if (mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0) {
        issues.push(
          templateIssue('template.expression_not_allowed', { expression: describe(mustache.path) }),
        );
        return;
      }
      checkVariable(mustache.path, issues);
      return;
    }
    case 'BlockStatement': {
      const block = node as hbs.AST.BlockStatement;
      const helper = block.path.original;
      const [condition, ...extra] = block.params;
      if (
        !ALLOWED_BLOCKS.has(helper) ||
        block.path.data ||
        !condition ||
        extra.length > 0 ||
        (block.hash?.pairs.length ?? 0) > 0
      ) {
        issues.push(templateIssue('template.expression_not_allowed', { expression: `#${helper}` }));
        return;
      }
      checkVariable(condition, issues);
      checkProgram(block.program, issues);
      checkProgram(block.inverse, issues);
      return;
    }
    default:
      issues.push(templateIssue('template.expression_not_allowed', { expression: describe(node) }));
  }
}

function unique(issues: readonly TemplateIssue[]): TemplateIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}:${JSON.stringify(i.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function compile(source: string): CompiledTemplate {
  if (source.length > MAX_TEMPLATE_LENGTH) {
    return { ok: false, issues: [templateIssue('template.too_long', { limit: MAX_TEMPLATE_LENGTH })] };
  }
  let ast: hbs.AST.Program;
  try {
    ast = handlebars.parse(source);
  } catch (error) {
    const line = /line (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    return { ok: false, issues: [templateIssue('template.syntax_error', { line: line ? Number(line) : 1 })] };
  }
  const issues: TemplateIssue[] = [];
  checkProgram(ast, issues);
  if (issues.length > 0) return { ok: false, issues: unique(issues) };

  // The AST is Handlebars' own parse of the source and holds only the nodes allowed above.
  return { ok: true, render: (variables) => renderProgram(ast, variables) };
}

/*
 * A small interpreter of the checked AST, in place of `handlebars.compile`: that generates
 * JavaScript and runs it through `new Function`, which the web's Content-Security-Policy forbids
 * (no `unsafe-eval`). It reproduces what the compiled template did with `strict: true`,
 * `noEscape: true` and only the `if` and `unless` helpers. Whitespace control (`~`, standalone
 * lines) is already applied by `handlebars.parse` to the content nodes' `value`.
 */

/** Handlebars' `lookupProperty`: own properties only, never a prototype's. */
function lookupProperty(parent: unknown, name: string): unknown {
  // Like the compiled code, a missing parent object is an error (caught as `template.render_failed`).
  const value = (parent as Record<string, unknown>)[name];
  if (value === null || value === undefined) return value;
  return Object.prototype.hasOwnProperty.call(parent, name) ? value : undefined;
}

/** `{{a.b}}` in strict mode: every step must exist, the last one as a property of an object. */
function strictValue(path: hbs.AST.PathExpression, variables: TemplateVariables): unknown {
  let value: unknown = variables;
  const last = path.parts.length - 1;
  for (const part of path.parts.slice(0, last)) value = lookupProperty(value, part);
  const name = path.parts[last] ?? '';
  if (!value || !(name in (value as object))) throw new Error(`"${name}" not defined`);
  return lookupProperty(value, name);
}

/** An `{{#if a.b}}` condition: looked up step by step without the strict check of the last step. */
function conditionValue(path: hbs.AST.PathExpression, variables: TemplateVariables): unknown {
  let value: unknown = variables;
  for (const part of path.parts) value = lookupProperty(value, part);
  return value;
}

/** Handlebars' `if`: false, '', 0, null, undefined, NaN and an empty array take the `else` branch. */
function isTruthy(value: unknown): boolean {
  return Boolean(value) && !(Array.isArray(value) && value.length === 0);
}

function renderProgram(program: hbs.AST.Program | undefined, variables: TemplateVariables): string {
  let out = '';
  for (const node of program?.body ?? []) out += renderStatement(node, variables);
  return out;
}

function renderStatement(node: hbs.AST.Statement, variables: TemplateVariables): string {
  switch (node.type) {
    case 'ContentStatement':
      return (node as hbs.AST.ContentStatement).value;
    case 'MustacheStatement': {
      const value = strictValue(
        (node as hbs.AST.MustacheStatement).path as hbs.AST.PathExpression,
        variables,
      );
      return value === null || value === undefined ? '' : String(value);
    }
    case 'BlockStatement': {
      const block = node as hbs.AST.BlockStatement;
      const truthy = isTruthy(conditionValue(block.params[0] as hbs.AST.PathExpression, variables));
      const positive = block.path.original === 'unless' ? !truthy : truthy;
      return renderProgram(positive ? block.program : block.inverse, variables);
    }
    default:
      // Comments; the check let nothing else through.
      return '';
  }
}

/**
 * Checks a caption template once and keeps its renderer; later calls with the same source reuse
 * it. Plain-text output as Handlebars' `strict` (a missing variable is an error, not an empty
 * string) and `noEscape` (no HTML entities in captions) gave it.
 */
export function compileVariantTemplate(source: string): CompiledTemplate {
  const cached = cache.get(source);
  if (cached) {
    cache.delete(source);
    cache.set(source, cached);
    return cached;
  }
  const compiled = compile(source);
  cache.set(source, compiled);
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return compiled;
}

/** The template's problems, or an empty list when it can be rendered. */
export function checkTemplate(source: string): readonly TemplateIssue[] {
  const compiled = compileVariantTemplate(source);
  return compiled.ok ? [] : compiled.issues;
}

export type RenderedTemplate =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly issues: readonly TemplateIssue[] };

/** Renders a template; an unusable template or a failure while rendering comes back as issues, never a throw. */
export function renderTemplate(source: string, variables: TemplateVariables): RenderedTemplate {
  const compiled = compileVariantTemplate(source);
  if (!compiled.ok) return compiled;
  try {
    return { ok: true, text: compiled.render(variables) };
  } catch {
    return { ok: false, issues: [templateIssue('template.render_failed')] };
  }
}
