/**
 * The located warnings about a provider's schemas, whatever the targets: a `$ref` that
 * cannot become a named type (unresolved, outside the document, refused, unreadable), a
 * `pattern` that is no regular expression, a cycle of pure aliases, a budget overrun. The
 * model builder walks every schema a target types (named schemas, parameter schemas,
 * result bodies, a tool's `output_schema`) once, through the one normalisation, reading the
 * keywords a validator reads; a target then types what it meets without reporting it
 * (unknown, unchecked), so a Python-only run warns as a TypeScript run does.
 */
import { warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import { pointerSegments, type RefResolution, type RefResolver, type SchemaRef } from '../load/external-refs.js';
import type { LoadedDocument } from '../load/read-document.js';
import type { Key, PointerPath, Value } from '../load/value.js';
import { dialectOf, normalize, type Child, type Dialect, type NormalSchema } from './normalize.js';
import { aliasCycle, cycleWarning } from './refs.js';

/** What one provider's schemas are checked against, and what the walk has seen so far. */
export interface SchemaCheck {
  /** Where `$ref`s lead. */
  refs: RefResolver;
  /** Keys of the named schemas (`SchemaRef.key`): a `$ref` to any other schema is typed as unknown. */
  named: ReadonlySet<string>;
  /** Whether the provider may opt in to files beside the spec (`fileRefs`), for the hint of an external `$ref`. */
  fileRefsOption: boolean;
  /** Schema nodes left to check; past it, schemas are typed as unknown. */
  budget: { remaining: number; warned: boolean };
  diagnostics: Diagnostic[];
  /** Locations already warned about a `$ref`. */
  warnedRefs: Set<string>;
}

/** A fresh check of one provider's (or one standalone schema's) schemas. */
export function schemaCheck(refs: RefResolver, named: ReadonlySet<string>, fileRefsOption: boolean, maxNodes: number): SchemaCheck {
  return { refs, named, fileRefsOption, budget: { remaining: maxNodes, warned: false }, diagnostics: [], warnedRefs: new Set() };
}

/** Whether a pattern is a regular expression as the validators compile it (Unicode, or plain for patterns valid only so); else why not. */
export function patternProblem(pattern: string): string | undefined {
  try {
    try {
      new RegExp(pattern, 'u');
    } catch {
      new RegExp(pattern);
    }
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

type RefProblem = Exclude<RefResolution, { kind: 'schema' }> | { kind: 'unresolved' };
type RefWarning<P extends RefProblem = RefProblem> = (ref: string, problem: P, check: SchemaCheck) => { code: string; message: string; hint: string };

/** One warning per way a `$ref` can fail to become a named type. */
const REF_WARNINGS: { [K in RefProblem['kind']]: RefWarning<Extract<RefProblem, { kind: K }>> } = {
  unresolved: (ref) => ({
    code: 'unresolved-ref',
    message: `cannot resolve the $ref ${quoted(ref)}; it is typed as unknown`,
    hint: 'point the $ref at a schema inside this document',
  }),
  external: (ref, problem, check) => ({
    code: 'external-ref',
    message: `the $ref ${quoted(ref)} points outside this document; it is typed as unknown`,
    hint:
      problem.relativeFile && check.fileRefsOption
        ? "inline the referenced schema into the spec, or let dify-toolgen read files in the spec's folder for typing: `fileRefs: true` on this provider in the manifest, or --allow-file-refs (Dify itself never reads other files)"
        : 'inline the referenced schema into the spec (Dify does not read other files either)',
  }),
  refused: (ref, problem) => ({
    code: 'external-ref-refused',
    message: `the $ref ${quoted(ref)} is not followed: ${problem.reason}; it is typed as unknown`,
    hint: "refer to a file inside the spec's folder by a relative path (e.g. ./schemas/pet.yaml#/Pet), or inline the schema into the spec",
  }),
  unreadable: (ref, problem) => ({
    code: 'external-ref-unreadable',
    message: `cannot read the file of the $ref ${quoted(ref)}: ${problem.reason}; it is typed as unknown`,
    hint: 'fix the path or the file, or inline the schema into the spec',
  }),
};

/**
 * One walk over a schema and its subschemas. `at` is the path of the current node, pushed
 * and popped in place (copied only into a warning's location): the walk visits every node
 * of every schema a target types, and allocates nothing per node it does not warn about.
 */
interface Walk {
  check: SchemaCheck;
  document: LoadedDocument;
  dialect: Dialect;
  at: Key[];
  /** Mappings on the current path, to stop at cycles made with YAML aliases. */
  active: Set<object>;
}

/** A location `at` (and then `more`) inside the walk's document. */
function locate(walk: Walk, ...more: readonly Key[]) {
  return walk.document.locate([...walk.at, ...more]);
}

function refWarning(walk: Walk, ref: string, problem: RefProblem): void {
  const location = locate(walk, '$ref');
  const once = JSON.stringify([location.file, location.pointer, ref]);
  if (walk.check.warnedRefs.has(once)) return;
  walk.check.warnedRefs.add(once);
  const { code, message, hint } = (REF_WARNINGS[problem.kind] as RefWarning)(ref, problem, walk.check);
  walk.check.diagnostics.push(warning(code, message, { location, hint }));
}

function checkRef(walk: Walk, ref: string): void {
  const target = walk.check.refs.resolve(walk.document, ref);
  if (target.kind !== 'schema') refWarning(walk, ref, target);
  else if (target.value === undefined || !walk.check.named.has(target.key)) refWarning(walk, ref, { kind: 'unresolved' });
}

/** A pattern that is no regular expression: warned about, and its subschema is not checked (no validator reads it). */
function checkPattern(walk: Walk, pattern: string, at: readonly Key[]): boolean {
  const problem = patternProblem(pattern);
  if (problem === undefined) return true;
  walk.check.diagnostics.push(
    warning('invalid-pattern', `the pattern ${quoted(pattern)} is not a valid regular expression (${problem}); it is not checked`, {
      location: locate(walk, ...at),
      hint: 'write the pattern as an ECMA-262 regular expression with Unicode semantics, as JSON Schema defines it',
    }),
  );
  return false;
}

function spend(walk: Walk): boolean {
  const { budget } = walk.check;
  if (budget.remaining > 0) {
    budget.remaining--;
    return true;
  }
  if (!budget.warned) {
    budget.warned = true;
    walk.check.diagnostics.push(
      warning('schema-budget', 'the schemas of this provider are too large to type in full; the rest are typed as unknown', {
        location: locate(walk),
        hint: 'narrow the manifest `tools` list to the operations the plugin calls',
      }),
    );
  }
  return false;
}

/** Checks each subschema of a list where it lives. */
function checkChildren(walk: Walk, children: readonly Child[]): void {
  for (const c of children) checkChild(walk, c);
}

function checkChild(walk: Walk, c: Child): void {
  if (!(c.schema instanceof Map)) return;
  const depth = walk.at.length;
  for (const key of c.at) walk.at.push(key);
  checkNode(c.schema, walk);
  walk.at.length = depth;
}

/**
 * Checks the subschemas a validator reads: the parts of each allowed type (every present
 * part when `type` is absent), then the combinators. The patterns are checked first (their
 * warnings come before those of the subschemas).
 */
function checkParts(n: NormalSchema, walk: Walk): void {
  const has = (type: 'string' | 'array' | 'object') => (n.types === undefined ? n[type] !== undefined : n.types.has(type));
  if (has('string') && n.string?.pattern !== undefined) checkPattern(walk, n.string.pattern, ['pattern']);
  const object = has('object') ? n.object : undefined;
  const patterns = object !== undefined && object.patterns.length > 0 ? object.patterns.filter((p) => checkPattern(walk, p.pattern, p.child.at)) : [];
  if (has('array') && n.array) {
    checkChildren(walk, n.array.prefix);
    if (n.array.rest.kind === 'schema') checkChild(walk, n.array.rest.child);
  }
  if (object !== undefined) {
    for (const p of object.properties) checkChild(walk, p.child);
    if (object.additional.kind === 'schema') checkChild(walk, object.additional.child);
    for (const p of patterns) checkChild(walk, p.child);
  }
  checkChildren(walk, n.allOf);
  checkChildren(walk, n.anyOf);
  checkChildren(walk, n.oneOf);
  if (n.not) checkChild(walk, n.not);
}

function checkNode(schema: Value | undefined, walk: Walk): void {
  if (!(schema instanceof Map) || walk.active.has(schema) || !spend(walk)) return;
  walk.active.add(schema);
  const n = normalize(schema, walk.dialect);
  if (n.ref !== undefined) checkRef(walk, n.ref);
  if (!n.never) checkParts(n, walk);
  walk.active.delete(schema);
}

/** Checks one schema where it lives (a `$ref` inside it is not followed: its target is checked as a named schema). */
export function checkSchema(check: SchemaCheck, value: Value | undefined, document: LoadedDocument, at: PointerPath): void {
  // The dialect is the spec's, whichever file the schema lives in.
  checkNode(value, { check, document, dialect: dialectOf(check.refs.main.value), at: [...at], active: new Set() });
}

/**
 * The cycles of pure aliases among the named schemas (`A: {$ref: B}`, `B: {$ref: A}`),
 * each warned about once, at its first schema in key order. Returns the keys on a cycle:
 * their schemas never reach a type and are not checked.
 */
export function checkAliasCycles(check: SchemaCheck, named: readonly SchemaRef[]): Set<string> {
  const cyclic = new Set<string>();
  for (const schema of named) {
    if (cyclic.has(schema.key)) continue;
    const cycle = aliasCycle(check.refs, schema);
    if (cycle && cycle[0]!.key === schema.key) {
      cycle.forEach((r) => cyclic.add(r.key));
      check.diagnostics.push(cycleWarning(check.refs, cycle));
    }
  }
  return cyclic;
}

/** Checks a named schema at its place. */
export function checkNamedSchema(check: SchemaCheck, ref: SchemaRef): void {
  checkSchema(check, ref.value, ref.document, pointerSegments(ref.pointer));
}
