/**
 * The manifest's YAML aliases (`*api`) and merge keys (`<<: *api`), checked before the
 * document is turned into data: the `yaml` package throws, rather than reports, an alias
 * naming no anchor ("Unresolved alias"), a merge of something other than mappings ("Merge
 * sources must be maps or map aliases") and aliases used past `maxAliasCount`. Each becomes
 * a located user error here, not an internal error.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import { error, UserError, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { printable } from '../diagnostics/printable.js';

/**
 * How many alias uses the manifest may make, counted as the `yaml` package counts them: the
 * uses of one anchor times the aliases inside its value (1 when none). Room for a manifest
 * whose providers merge shared settings (hundreds of them), not for aliases nested to
 * multiply (a "billion laughs" document).
 */
export const MAX_ALIAS_USES = 1000;

/** Whether `key` is YAML 1.1's merge key: a plain `<<` (the `yaml` package's own test, `isMergeKey`). */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || (key.type !== undefined && key.type !== 'PLAIN')) return false;
  return key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<');
}

/**
 * The located errors of the aliases and merge keys of `doc`, in document order: an alias
 * whose anchor is not set before it, and a merge key whose value (through aliases) is not a
 * mapping or a list of mappings. `at` turns a text offset into a location.
 */
export function aliasProblems(doc: Document, at: (offset: number) => Location): Diagnostic[] {
  // An alias names the closest anchor of its name before it (YAML 1.2, 3.2.2.2).
  const anchors = new Map<string, Node>();
  const resolved = (node: unknown): unknown => (isAlias(node) ? anchors.get(node.source) : node);
  const problems: Diagnostic[] = [];
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node) && !anchors.has(node.source)) {
        problems.push(
          error('manifest-syntax', `the alias ${printable(`*${node.source}`, 80)} names no anchor`, {
            location: at(node.range?.[0] ?? 0),
            hint: `set the anchor (${printable(`&${node.source}`, 80)}) on the value to reuse, before this line, or correct the name`,
          }),
        );
      } else if (!isAlias(node) && node.anchor) anchors.set(node.anchor, node);
    },
    Pair(_key, pair) {
      if (!isMergeKey(pair.key)) return;
      const value = resolved(pair.value);
      const sources = isSeq(value) ? value.items.map(resolved) : [value];
      if (value === undefined || sources.every((source) => source === undefined || isMap(source))) return;
      problems.push(
        error('manifest-syntax', 'the merge key `<<` takes a mapping (`<<: *api`) or a list of mappings (`<<: [*api, *auth]`), not this value', {
          location: at((pair.value as Node | null)?.range?.[0] ?? (pair.key as Node).range?.[0] ?? 0),
          hint: 'merge the anchor of a provider (`petstore: &api`), whose keys are copied into this one',
        }),
      );
    },
  });
  return problems;
}

/**
 * The manifest as plain data (merge keys applied), after `aliasProblems`; more alias uses
 * than `MAX_ALIAS_USES` is a UserError at `file`.
 */
export function manifestData(doc: Document, at: (offset: number) => Location, file: string): unknown {
  const problems = aliasProblems(doc, at);
  if (problems.length > 0) throw new UserError(problems);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_USES }) ?? {};
  } catch (e) {
    // With every alias resolved, the one ReferenceError left is the alias count's.
    if (!(e instanceof ReferenceError)) throw e;
    throw new UserError(
      error('manifest-syntax', `the manifest uses its YAML aliases more than ${MAX_ALIAS_USES} times (each \`*name\` and \`<<: *name\` counts)`, {
        location: { file },
        hint: 'write some of the shared keys out instead of merging them',
      }),
    );
  }
}
