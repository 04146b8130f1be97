/**
 * Writes an exported document as text Dify reads back to the same values: JSON as Python's
 * `json.loads` reads it (`NaN`, `Infinity` included), YAML as PyYAML's `safe_load` (YAML
 * 1.1) reads it (dify-semantics.md §1). Key order is the document's.
 */
import { Document, isScalar, visit, Scalar, type Tags, type ScalarTag } from 'yaml';
import { error, UserError } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import { formatPointer, type Key, type Mapping, type Value } from '../load/value.js';
import { resolvePlainTag } from '../load/yaml11.js';

const STR_TAG = 'tag:yaml.org,2002:str';
const UNWANTED_TAGS: ReadonlySet<string> = new Set(['tag:yaml.org,2002:omap', 'tag:yaml.org,2002:merge']);
const NUMBER_TAGS: ReadonlySet<string> = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

/**
 * A number as PyYAML reads it back: its float needs a `.` in the mantissa (`1e+21` is a
 * string to it, `1.0e+21` a float), `-0` is the integer 0 (`-0.0` keeps the sign).
 */
export function pyYamlNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Object.is(n, -0)) return '-0.0';
  const text = String(n);
  return /e/.test(text) && !/\./.test(text) ? text.replace('e', '.0e') : text;
}

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
  if (Object.is(value, -0)) return '-0.0';
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
  // yaml's 1.1 schema writes a JavaScript Map as `!!omap` (a list of pairs) and the string
  // `<<` as a merge key: a loaded mapping is a plain mapping, a loaded `<<` a string.
  const customTags = (tags: Tags): Tags =>
    tags
      .filter((tag) => typeof tag === 'string' || !UNWANTED_TAGS.has(tag.tag))
      .map((tag): Tags[number] => (typeof tag !== 'string' && NUMBER_TAGS.has(tag.tag) ? ({ ...tag, stringify: (item: { value: unknown }) => pyYamlNumber(item.value as number) } as ScalarTag) : tag));
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: true, customTags, merge: false });
  visit(doc, {
    Scalar(_key, node) {
      // Quoted when PyYAML would read the plain text as something else, or refuses a character raw.
      if (isScalar(node) && typeof node.value === 'string' && (resolvePlainTag(node.value) !== STR_TAG || NOT_PYYAML_PRINTABLE.test(node.value))) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  doc.commentBefore = comment.map((line) => ` ${line}`).join('\n');
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}

/** The mapping with `key: value` first, for the JSON header (`x-dify-toolgen-export`). */
export function withFirstKey(mapping: Mapping, key: string, value: Value): Mapping {
  return new Map<Key, Value>([[key, value], ...[...mapping].filter(([k]) => k !== key)]);
}
