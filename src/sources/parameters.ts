/**
 * What the plugin and workflow readers share about tool parameters: a declared list read in
 * order with duplicate names folded (a plugin's) or refused (a workflow's), and a parameter
 * default as Dify keeps it.
 */
import { quoted } from '../diagnostics/printable.js';
import type { PointerPath, Value } from '../load/value.js';
import type { SourceParameter } from './model.js';
import { notice, problem, type Report } from './report.js';
import type { Doc } from './yaml-document.js';

/**
 * How a repeated name is reported: its code, what a parameter is called, the key holding its
 * name, and what Dify does with it: refuse the declaration, or keep every entry and let the
 * last one decide (`dify` says where that rule lives).
 */
export interface DuplicateRule {
  code: string;
  noun: string;
  key: string;
  lastWins?: { dify: string };
}

/**
 * The parameters read (by `read`) from each item of the list at `path`, in order, one per
 * name: a repeated name is refused (an error), or, with `lastWins`, takes the later
 * declaration at the place of the first, with a warning at the later one.
 */
export function uniqueParameters(doc: Doc, path: PointerPath, list: readonly Value[], report: Report, read: (at: PointerPath) => SourceParameter | undefined, duplicate: DuplicateRule): SourceParameter[] {
  const out: SourceParameter[] = [];
  const seen = new Map<string, SourceParameter>();
  list.forEach((_, i) => {
    const parameter = read([...path, i]);
    if (!parameter) return;
    const first = seen.get(parameter.name);
    if (first && duplicate.lastWins) {
      const message = `the ${duplicate.noun} name ${quoted(parameter.name)} is declared again (first at line ${first.location.line ?? '?'}); the wrapper takes one key, typed by this later declaration`;
      report.add(notice(doc, duplicate.code, message, [...path, i, duplicate.key], 'remove one of the two declarations', { dify: duplicate.lastWins.dify }));
      out[out.indexOf(first)] = parameter;
      seen.set(parameter.name, parameter);
      return;
    }
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
