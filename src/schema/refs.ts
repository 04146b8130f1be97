/**
 * Where the `$ref`s of a provider's schemas lead, target-neutral: every named schema they
 * reach (the module's named types, whatever the target) and the cycles of pure aliases that
 * never reach a schema.
 */
import { warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import { pointerSegments, type RefResolver, type SchemaRef } from '../load/external-refs.js';
import type { LoadedDocument } from '../load/read-document.js';
import type { Value } from '../load/value.js';
import { classify } from './normalize.js';

/**
 * Every `$ref` target reachable from the given schemas of the spec, in first-seen order,
 * following refs into other files when the resolver may read them. Iterative, and each
 * target once: a cycle of refs, across files or not, ends.
 */
export function collectRefs(refs: RefResolver, schemas: Iterable<Value | undefined>, maxNodes: number): SchemaRef[] {
  const found = new Map<string, SchemaRef>();
  // The nodes left to visit, and the document each lives in (two stacks in step: no pair per node).
  const stack: Value[] = [...schemas].filter((s): s is Value => s !== undefined).reverse();
  const documents: LoadedDocument[] = stack.map(() => refs.main);
  const seen = new Set<object>();
  let visited = 0;
  while (stack.length > 0 && visited++ < maxNodes) {
    const node = stack.pop()!;
    const document = documents.pop()!;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (node instanceof Map) {
      const ref = node.get('$ref');
      if (typeof ref === 'string') {
        const target = refs.resolve(document, ref);
        if (target.kind === 'schema' && target.value !== undefined && !found.has(target.key)) {
          found.set(target.key, target);
          stack.push(target.value);
          documents.push(target.document);
        }
      }
      const first = stack.length;
      for (const child of node.values()) {
        stack.push(child);
        documents.push(document);
      }
      // Only the nodes need reversing: the documents pushed beside them are all `document`.
      reverseFrom(stack, first);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        stack.push(node[i]!);
        documents.push(document);
      }
    }
  }
  return [...found.values()];
}

/** Reverses `list` from `first` to its end, in place (a mapping's values pushed in order are visited in order). */
function reverseFrom(list: Value[], first: number): void {
  for (let i = first, j = list.length - 1; i < j; i++, j--) {
    const t = list[i]!;
    list[i] = list[j]!;
    list[j] = t;
  }
}

/**
 * The cycle of pure aliases a named schema starts, if any: `A: {$ref: B}`, `B: {$ref: A}`
 * never reaches a schema (a TypeScript alias cycle, and a validator that recurses forever),
 * whether A and B are in one file or in two. Returns the schemas of the cycle, in order.
 */
export function aliasCycle(refs: RefResolver, start: SchemaRef): SchemaRef[] | undefined {
  const chain: SchemaRef[] = [];
  let current: SchemaRef | undefined = start;
  while (current !== undefined) {
    const key = current.key;
    const seen = chain.findIndex((r) => r.key === key);
    if (seen >= 0) return chain.slice(seen);
    chain.push(current);
    const schema = current.value;
    if (!(schema instanceof Map) || classify(schema) !== 'ref') return undefined;
    const next = refs.resolve(current.document, schema.get('$ref') as string);
    current = next.kind === 'schema' && next.value !== undefined ? next : undefined;
  }
  return undefined;
}

/** Warns once per cycle of pure aliases, naming every step (with its file when not the spec). */
export function cycleWarning(refs: RefResolver, cycle: readonly SchemaRef[]): Diagnostic {
  const steps = [...cycle, cycle[0]!].map((r) => refs.label(r)).join(' → ');
  return warning('ref-cycle', `the $ref cycle ${quoted(steps, 300)} never reaches a schema; it is typed as unknown`, {
    location: cycle[0]!.document.locate(pointerSegments(cycle[0]!.pointer)),
    hint: 'make one of these schemas a real schema instead of a $ref',
  });
}
