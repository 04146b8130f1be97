/**
 * Writes an exported document as text Dify reads back to the same values: JSON as Python's
 * `json.loads` reads it (`NaN`, `Infinity` included), YAML as PyYAML's `safe_load` (YAML
 * 1.1) reads it (dify-semantics.md §1). Key order is the document's.
 */
import { Document, isScalar, visit, Scalar, type Tags, type ScalarTag } from 'yaml';
import { error, UserError } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import { formatPointer, isIntegralFloat, pyJsonText, PyBytes, PyDate, PyDateTime, PyFloat, type Key, type Mapping, type Value } from '../load/value.js';
import { resolvePlainTag } from '../load/yaml11.js';

const STR_TAG = 'tag:yaml.org,2002:str';
const UNWANTED_TAGS: ReadonlySet<string> = new Set(['tag:yaml.org,2002:omap', 'tag:yaml.org,2002:merge']);
const NUMBER_TAGS: ReadonlySet<string> = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

/**
 * A number as PyYAML reads it back: its float needs a `.` in the mantissa (`1e+21` is a
 * string to it, `1.0e+21` a float), `-0` is the integer 0 (`-0.0` keeps the sign).
 */
export function pyYamlNumber(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Object.is(n, -0)) return '-0.0';
  const text = String(n);
  // A whole number past 2^53 was a float (ints that large load as bigint): keep it one.
  if (Number.isInteger(n) && !Number.isSafeInteger(n) && !/e/.test(text)) return `${text}.0`;
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

function writeJson(value: Value, indent: string, out: string[], stack: Set<object>, at: Key[], file: string, float = false): void {
  if (!Array.isArray(value) && !(value instanceof Map)) {
    out.push(jsonScalar(value, float, file, at));
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
      writeJson(child, inner, out, stack, [...at, key], file, isIntegralFloat(value, key));
      out.push(i < entries.length - 1 ? ',\n' : '\n');
    });
    out.push(indent, Array.isArray(value) ? ']' : '}');
  }
  stack.delete(value);
}

/**
 * A scalar as Python's json module writes it (non-finite numbers, exact big ints and a whole
 * float's `.0` included). YAML dates become their ISO text, as Dify's `jsonable_encoder`
 * stores them; bytes that are not UTF-8 cannot be JSON.
 */
function jsonScalar(value: Exclude<Value, Value[] | Mapping>, float: boolean, file: string, at: Key[]): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(value, -0)) return '-0.0';
  if (typeof value === 'number' && float && Number.isSafeInteger(value)) return `${value}.0`;
  if (typeof value === 'number') return pyJsonText(value);
  if (value instanceof PyDate || value instanceof PyDateTime) return JSON.stringify(value.isoformat());
  if (value instanceof PyBytes) {
    const text = value.decode();
    if (text === undefined) throw notJson(file, at, 'it holds !!binary data that is not UTF-8 text');
    return JSON.stringify(text);
  }
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
  const doc = new Document(withFloats(value, new Map()), { version: '1.1', aliasDuplicateObjects: true, customTags: (tags) => [...PYTHON_SCALAR_TAGS, ...customTags(tags)], merge: false });
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

/**
 * Scalars PyYAML builds that JavaScript has no type for, written back so PyYAML reads the
 * same Python value: dates and datetimes plain (its timestamp resolver), bytes as `!!binary`,
 * whole floats with their `.0`.
 */
const PYTHON_SCALAR_TAGS: ScalarTag[] = [
  {
    identify: (v) => v instanceof PyDate || v instanceof PyDateTime,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    resolve: (text) => text,
    stringify: (item) => (item.value as PyDate | PyDateTime).isoformat(),
  },
  {
    identify: (v) => v instanceof PyBytes,
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    resolve: (text) => text,
    stringify: (item) => Buffer.from((item.value as PyBytes).bytes).toString('base64'),
  },
  {
    identify: (v) => v instanceof PyFloat,
    default: true,
    tag: 'tag:yaml.org,2002:float',
    resolve: (text) => text,
    stringify: (item) => {
      const n = (item.value as PyFloat).value;
      return Number.isSafeInteger(n) && !Object.is(n, -0) ? `${n}.0` : pyYamlNumber(n);
    },
  },
];

/**
 * The value with each whole float (`1.0`, marked by the readers) as a `PyFloat`, copying only
 * the containers that hold one; `copies` keeps shared nodes shared (YAML aliases).
 */
function withFloats(value: Value, copies: Map<object, Value>): Value {
  if (!Array.isArray(value) && !(value instanceof Map)) return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  copies.set(value, value);
  if (Array.isArray(value)) {
    let copy: Value[] | undefined;
    value.forEach((child, i) => {
      const next = isIntegralFloat(value, i) && typeof child === 'number' ? (new PyFloat(child) as unknown as Value) : withFloats(child, copies);
      if (next !== child) (copy ??= [...value])[i] = next;
    });
    if (copy) copies.set(value, copy);
    return copy ?? value;
  }
  let copy: Mapping | undefined;
  for (const [key, child] of value) {
    const next = isIntegralFloat(value, key) && typeof child === 'number' ? (new PyFloat(child) as unknown as Value) : withFloats(child, copies);
    if (next !== child) (copy ??= new Map(value)).set(key, next);
  }
  if (copy) copies.set(value, copy);
  return copy ?? value;
}
