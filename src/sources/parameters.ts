/**
 * What the plugin and workflow readers share about tool parameters: a declared list read in
 * order with duplicate names refused, and a parameter default as Dify keeps it.
 */
import { quoted } from '../diagnostics/printable.js';
import type { PointerPath, Value } from '../load/value.js';
import type { SourceParameter } from './model.js';
import { problem, type Report } from './report.js';
import type { Doc } from './yaml-document.js';

/** How a repeated name is reported: its code, what a parameter is called, and the key holding its name. */
export interface DuplicateRule {
  code: string;
  noun: string;
  key: string;
}

/**
 * The parameters read (by `read`) from each item of the list at `path`, in order; an item
 * whose name was seen before is reported and dropped, as Dify's parameters dict holds one.
 */
export function uniqueParameters(doc: Doc, path: PointerPath, list: readonly Value[], report: Report, read: (at: PointerPath) => SourceParameter | undefined, duplicate: DuplicateRule): SourceParameter[] {
  const out: SourceParameter[] = [];
  const seen = new Map<string, SourceParameter>();
  list.forEach((_, i) => {
    const parameter = read([...path, i]);
    if (!parameter) return;
    const first = seen.get(parameter.name);
    if (first) {
      report.add(
        problem(doc, duplicate.code, `the ${duplicate.noun} name ${quoted(parameter.name)} is declared twice (first at line ${first.location.line ?? '?'})`, [...path, i, duplicate.key], 'rename or remove one: the parameters dict holds one value per name'),
      );
      return;
    }
    seen.set(parameter.name, parameter);
    out.push(parameter);
  });
  return out;
}

/** A default as Dify keeps it: a scalar, else null (JSON has no NaN or infinity). */
export function scalarDefault(value: Value | undefined): string | number | boolean | null {
  if (value === undefined || value === null || typeof value === 'object') return null;
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
