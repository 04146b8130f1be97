/**
 * Writes an exported document as text Dify reads back to the same values: JSON as Python's
 * `json.loads` reads it (`NaN`, `Infinity` included), YAML as PyYAML's `safe_load` (YAML
 * 1.1) reads it (dify-semantics.md §1). Key order is the document's.
 */
import { Document, isScalar, visit, Scalar, type Tags } from 'yaml';
import { error, UserError } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import { formatPointer, type Key, type Mapping, type Value } from '../load/value.js';

export type ExportFormat = 'json' | 'yaml';

/**
 * JSON text with two-space indentation. Throws `UserError` for what JSON cannot hold: a
 * cycle (a recursive YAML alias) or two keys that print the same (YAML `200` and `"200"`).
 */
export function jsonText(value: Value, file: string): string {
  const out: string[] = [];
  writeJson(value, '', out, new Set(), [], file);
  return out.join('') + '\n';
}

function writeJson(value: Value, indent: string, out: string[], stack: Set<object>, at: Key[], file: string): void {
  if (value === null || typeof value !== 'object') {
    out.push(jsonScalar(value));
    return;
  }
  if (stack.has(value)) throw notJson(file, at, 'a YAML alias makes it contain itself');
  stack.add(value);
  const inner = indent + '  ';
  const entries: Array<[Key, Value]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : [...value];
  if (entries.length === 0) out.push(Array.isArray(value) ? '[]' : '{}');
  else {
    out.push(Array.isArray(value) ? '[\n' : '{\n');
    const seen = new Set<string>();
    entries.forEach(([key, child], i) => {
      out.push(inner);
      if (!Array.isArray(value)) {
        if (seen.has(String(key))) throw notJson(file, [...at, key], `its key ${quoted(String(key))} is written twice (once not as a string)`);
        seen.add(String(key));
        out.push(JSON.stringify(String(key)), ': ');
      }
      writeJson(child, inner, out, stack, [...at, key], file);
      out.push(i < entries.length - 1 ? ',\n' : '\n');
    });
    out.push(indent, Array.isArray(value) ? ']' : '}');
  }
  stack.delete(value);
}

/** A scalar as Python's json module writes it (non-finite numbers included). */
function jsonScalar(value: Exclude<Value, object> | null): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return JSON.stringify(value);
}

function notJson(file: string, at: Key[], why: string): UserError {
  return new UserError(
    error('export-not-json', `this part cannot be written as JSON: ${why}`, {
      location: { file, pointer: formatPointer(at) },
      hint: 'export it as YAML (--format yaml)',
    }),
  );
}

/** Characters PyYAML refuses in a YAML stream (its Reader's printable set), written escaped instead. */
const NOT_PYYAML_PRINTABLE = /[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]|[\u2028\u2029\x85\ufeff]/u;

/**
 * YAML 1.1 text: strings PyYAML would read as something else (`yes`, `010`, `1:20`,
 * `2001-12-14`) are quoted, strings with characters PyYAML refuses raw are double-quoted
 * with escapes, shared nodes become anchors and aliases (as in the source), no line is folded.
 * `comment` lines go at the top as `#` comments.
 */
export function yamlText(value: Value, comment: readonly string[]): string {
  // yaml's 1.1 schema writes a JavaScript Map as `!!omap` (a list of pairs): a loaded mapping is a plain mapping.
  const customTags = (tags: Tags): Tags => tags.filter((tag) => typeof tag === 'string' || tag.tag !== 'tag:yaml.org,2002:omap');
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: true, customTags });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && NOT_PYYAML_PRINTABLE.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  doc.commentBefore = comment.map((line) => ` ${line}`).join('\n');
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}

/** The mapping with `key: value` first, for the JSON header (`x-dify-toolgen-export`). */
export function withFirstKey(mapping: Mapping, key: string, value: Value): Mapping {
  return new Map<Key, Value>([[key, value], ...[...mapping].filter(([k]) => k !== key)]);
}
