/**
 * YAML read as the Dify plugin daemon reads it, with go-yaml v3 rules: YAML 1.2 core scalars
 * (`yes`, `on` stay text; `010` is 8; `1_000` is 1000), merge keys, and aliases counted so
 * that an alias bomb stops. `parseGoYaml` gives a located `Doc` that also keeps each scalar's
 * source text (go-yaml decodes a scalar into a Go string field as written), or reports the
 * syntax error at its line:column.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Scalar as YamlScalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { printable, quoted } from '../diagnostics/printable.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import type { ContainerPositions, PositionTable } from '../load/positions.js';
import type { Key, Mapping, Value } from '../load/value.js';
import { textProblem, type Report } from './report.js';
import { goLineBreaks, lenientText } from './go-yaml-leniency.js';
import { lineCounterFor, textDoc, type Doc } from './yaml-document.js';

/** A problem go-yaml would raise, at a text offset. */
class GoYamlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly code = 'plugin-yaml-syntax',
  ) {
    super(message);
  }
}

const GO_NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const GO_BOOL = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
const GO_SPECIAL_FLOAT = new Map([
  ['.nan', NaN],
  ['.NaN', NaN],
  ['.NAN', NaN],
  ['.inf', Infinity],
  ['.Inf', Infinity],
  ['.INF', Infinity],
  ['+.inf', Infinity],
  ['+.Inf', Infinity],
  ['+.INF', Infinity],
  ['-.inf', -Infinity],
  ['-.Inf', -Infinity],
  ['-.INF', -Infinity],
]);
// strconv.ParseInt(text without "_", 0, 64): decimal, 0x, 0o, 0b, and 0-prefixed octal.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const TAG = 'tag:yaml.org,2002:';

/** go-yaml v3's `resolve` for a plain scalar: null, bool (YAML 1.2 words only), int, float, or text. */
function goResolve(text: string): Value {
  if (GO_NULL.has(text)) return null;
  const bool = GO_BOOL.get(text);
  if (bool !== undefined) return bool;
  const special = GO_SPECIAL_FLOAT.get(text);
  if (special !== undefined) return special;
  if (/^[-+.0-9]/.test(text)) {
    const time = goTimestamp(text);
    if (time !== undefined) return time;
    const plain = text.replace(/_/g, '');
    if (GO_INT.test(plain)) return goInt(plain);
    // strconv.ParseFloat's range error (1e400) leaves the text a string.
    if (GO_FLOAT.test(plain) && Number.isFinite(Number(plain))) return Number(plain);
  }
  return text;
}

// resolve.go allowedTimestampFormats, as time.Parse reads them: 2006-1-2T15:4:5.999999999Z07:00
// (or a lower-case t), 2006-1-2 15:4:5.999999999 (no zone), 2006-1-2.
const GO_TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(Z|[-+]\d{2}:\d{2})|( )(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?)?$/;

/**
 * An unquoted timestamp as go-yaml v3 gives it to an `any` field (a default, an output
 * schema): a Go `time.Time`, which reaches Dify as JSON, RFC 3339 with nanoseconds
 * (`2024-01-01` → `2024-01-01T00:00:00Z`). A Go `string` field keeps the text as written
 * (the builder records it). Undefined when time.Parse would refuse it (`2024-02-30`).
 */
function goTimestamp(text: string): string | undefined {
  const m = GO_TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[5] ?? m[11] ?? 0), Number(m[6] ?? m[12] ?? 0), Number(m[7] ?? m[13] ?? 0)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = (m[8] ?? m[14] ?? '').slice(0, 9).replace(/0+$/, '');
  const zone = m[9] === undefined || m[9] === 'Z' || /^[-+]00:00$/.test(m[9]) ? 'Z' : m[9];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${m[1]}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${fraction ? `.${fraction}` : ''}${zone}`;
}

function goInt(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.replace(/^[-+]/, '');
  if (/^0[xX]/.test(digits)) return sign * parseInt(digits.slice(2), 16);
  if (/^0[oO]/.test(digits)) return sign * parseInt(digits.slice(2), 8);
  if (/^0[bB]/.test(digits)) return sign * parseInt(digits.slice(2), 2);
  if (digits.length > 1 && digits.startsWith('0')) return sign * parseInt(digits, 8);
  return sign * Number(digits) + 0; // an int has no -0
}

/**
 * A `!!binary` scalar as go-yaml decodes it into a Go string (or `any`): the base64 text
 * (`source`, checked strictly as base64.StdEncoding does) decoded, its bytes read as UTF-8
 * (`decoded`, as the `yaml` package gives them; decode.go `scalar`, binaryTag).
 */
function binaryText(source: string, offset: number, decoded: string): string {
  const base64 = source.replace(/[\r\n]/g, ''); // base64.StdEncoding skips line breaks, nothing else
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(base64)) throw new GoYamlError('!!binary value contains invalid base64 data', offset);
  return decoded;
}

/**
 * Builds the value go-yaml v3 gives a document: YAML 1.2 core scalars (`yes`, `on` stay text;
 * `010` is 8; `1_000` is 1000), merge keys, aliases (counted, so an alias bomb stops), and
 * mappings as `Map`s with string keys (never plain objects: no `__proto__` pollution).
 */
class GoYamlBuilder {
  readonly positions: PositionTable = new WeakMap();
  readonly texts = new WeakMap<object, Map<Key, string>>();
  private readonly anchors = new Map<string, Value>();
  private readonly sizes = new WeakMap<object, number>();
  private nodes = 0;
  private aliases = 0;

  /**
   * `parsed` is the text the `yaml` package read; `original` maps an offset in it to the file
   * as written.
   */
  constructor(
    private readonly parsed: string,
    private readonly original: (offset: number) => number = (offset) => offset,
  ) {}

  /**
   * A scalar's text as go-yaml gives it to a Go string: as written, where the `yaml` package
   * turns a `!!timestamp` into a Date; a `!!binary` decoded (its bytes as UTF-8).
   */
  private scalarText(node: YamlScalar): string {
    if (node.value instanceof Uint8Array) return Buffer.from(node.value).toString('utf8');
    if (node.value instanceof Date) return this.flowSource(node) ?? String(node.value);
    return String(node.value ?? '');
  }

  /** The source of a plain or quoted scalar (quotes dropped); undefined for a block scalar. */
  private flowSource(node: YamlScalar): string | undefined {
    if (!node.range || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return undefined;
    const source = this.parsed.slice(node.range[0], node.range[1]);
    return node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? source.slice(1, -1) : source;
  }

  private at(node: Node | null | undefined, fallback: number): number {
    const offset = node?.range?.[0];
    return offset === undefined ? fallback : this.original(offset);
  }

  build(node: Node | null, depth: number): Value {
    if (node === null) return null;
    const offset = this.at(node, 0);
    if (depth > DEFAULT_LIMITS.maxDepth) throw new GoYamlError(`nesting is deeper than ${DEFAULT_LIMITS.maxDepth} levels`, offset, 'plugin-yaml-limit');
    if (isAlias(node)) return this.alias(node.source, offset);
    this.count(1, offset);
    const before = this.nodes;
    let value: Value;
    if (isScalar(node)) value = this.scalar(node);
    else if (isMap(node)) value = this.mapping(node, depth);
    else if (isSeq(node)) value = this.sequence(node, depth);
    else throw new GoYamlError('unexpected YAML node', offset);
    // Registered once built: an alias inside its own anchor is undefined, as in go-yaml.
    if (node.anchor) {
      this.anchors.set(node.anchor, value);
      if (typeof value === 'object' && value !== null) this.sizes.set(value, this.nodes - before + 1);
    }
    return value;
  }

  private count(n: number, offset: number): void {
    this.nodes += n;
    if (this.nodes > DEFAULT_LIMITS.maxNodes) throw new GoYamlError(`the document expands to more than ${DEFAULT_LIMITS.maxNodes} nodes`, offset, 'plugin-yaml-limit');
  }

  private alias(name: string, offset: number): Value {
    const target = this.anchors.get(name);
    if (target === undefined && !this.anchors.has(name)) throw new GoYamlError(`unknown anchor ${quoted(name)} referenced`, offset);
    if (++this.aliases > DEFAULT_LIMITS.maxAliases) throw new GoYamlError(`the document uses more than ${DEFAULT_LIMITS.maxAliases} aliases`, offset, 'plugin-yaml-limit');
    this.count(typeof target === 'object' && target !== null ? (this.sizes.get(target) ?? 1) : 1, offset);
    return target ?? null;
  }

  private scalar(node: YamlScalar): Value {
    const text = this.scalarText(node);
    const tag = node.tag;
    if (tag === undefined || tag === '!') return node.type === 'PLAIN' && tag === undefined ? goResolve(text) : text;
    if (tag === `${TAG}binary`) {
      const source = this.flowSource(node);
      return source === undefined ? text : binaryText(source, this.at(node, 0), text);
    }
    if (tag === `${TAG}timestamp`) {
      const time = goTimestamp(text);
      if (time === undefined) throw new GoYamlError(`cannot decode !!timestamp ${quoted(text)}`, this.at(node, 0));
      return time;
    }
    if (tag === `${TAG}str` || !tag.startsWith(TAG)) return text;
    const value = goResolve(text);
    const kind = tag.slice(TAG.length);
    const ok =
      (kind === 'null' && value === null) ||
      (kind === 'bool' && typeof value === 'boolean') ||
      (kind === 'int' && typeof value === 'number' && Number.isInteger(value)) ||
      (kind === 'float' && typeof value === 'number');
    if (!ok) throw new GoYamlError(`cannot decode !!${kind} ${quoted(text)}`, this.at(node, 0));
    return value;
  }

  private sequence(node: YAMLSeq, depth: number): Value[] {
    const list: Value[] = [];
    const positions: ContainerPositions = { start: this.at(node, 0), keys: new Map(), values: new Map() };
    const texts = new Map<Key, string>();
    this.positions.set(list, positions);
    this.texts.set(list, texts);
    for (const item of node.items as Array<Node | null>) {
      positions.values.set(list.length, this.at(item, positions.start));
      if (item && isScalar(item)) texts.set(list.length, this.scalarText(item));
      list.push(this.build(item, depth + 1));
    }
    return list;
  }

  private mapping(node: YAMLMap, depth: number): Mapping {
    const map: Mapping = new Map();
    const start = this.at(node, 0);
    const positions: ContainerPositions = { start, keys: new Map(), values: new Map() };
    const texts = new Map<Key, string>();
    this.positions.set(map, positions);
    this.texts.set(map, texts);
    const merged: Array<[Key, Value]> = [];
    const own: Array<{ key: string; value: Value; keyOffset: number; valueOffset: number; text?: string }> = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const keyOffset = this.at(keyNode, start);
      // go-yaml has no empty key: `: value` is "did not find expected key" (and, in a flow, "… node content").
      if (keyNode === null || (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.range?.[0] === keyNode.range?.[1])) {
        throw new GoYamlError('did not find expected key', this.at(valueNode, start));
      }
      if (!isScalar(keyNode)) throw new GoYamlError('a mapping key must be a plain value, not a mapping or list', keyOffset);
      const key = this.scalarText(keyNode);
      if (keyNode.type === 'PLAIN' && keyNode.tag === undefined && key === '<<') {
        merged.push(...this.mergeSource(valueNode, depth, this.at(valueNode, keyOffset)));
        continue;
      }
      const entry: (typeof own)[number] = { key, value: this.build(valueNode, depth + 1), keyOffset, valueOffset: this.at(valueNode, keyOffset) };
      if (valueNode && isScalar(valueNode)) entry.text = this.scalarText(valueNode);
      own.push(entry);
    }
    // Merged entries first; the mapping's own keys win (go-yaml and PyYAML agree on this).
    for (const [key, value] of merged) if (!map.has(key)) map.set(key, value);
    for (const entry of own) {
      map.set(entry.key, entry.value);
      positions.keys.set(entry.key, entry.keyOffset);
      positions.values.set(entry.key, entry.valueOffset);
      if (entry.text !== undefined) texts.set(entry.key, entry.text);
    }
    return map;
  }

  /** The entries a `<<` contributes; with a list, earlier mappings win. */
  private mergeSource(node: Node | null, depth: number, offset: number): Array<[Key, Value]> {
    const sources = node !== null && isSeq(node) ? (node.items as Array<Node | null>) : [node];
    const out: Array<[Key, Value]> = [];
    for (const source of sources) {
      const value = this.build(source, depth + 1);
      if (!(value instanceof Map)) throw new GoYamlError('map merge requires a mapping or a list of mappings', offset);
      out.push(...value.entries());
    }
    return out;
  }
}

// go-yaml's reader (readerc.go yaml_parser_update_buffer) refuses any character outside YAML's
// printable set, anywhere in the file: C0 controls but tab, LF and CR; DEL; C1 but NEL; U+FFFE/FFFF.
const GO_CONTROL = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

const PARSE_OPTIONS = { version: '1.2', schema: 'failsafe', uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false } as const;

/**
 * The first document of `text`, as go-yaml's `Unmarshal` reads only the first one (a later
 * `---` and what follows it are never looked at); undefined for an empty stream.
 */
function firstDocument(text: string): Document.Parsed | undefined {
  return parseAllDocuments(text, PARSE_OPTIONS)[0];
}

/**
 * Parses YAML text as go-yaml v3 does, with positions; reports syntax errors at their
 * line:column. Where the `yaml` package refuses what go-yaml reads (see go-yaml-leniency.ts),
 * the text is read again rewritten, and positions are mapped back to the file as written.
 */
export function parseGoYaml(file: string, written: string, report: Report): Doc | undefined {
  const text = goLineBreaks(written);
  const lines = lineCounterFor(text);
  const syntax = (message: string, offset: number, code = 'plugin-yaml-syntax') => {
    const hint = code === 'plugin-yaml-limit' ? 'this looks like hostile YAML; check the file' : 'fix the syntax at this position';
    report.add(textProblem(file, text, lines, offset, code, `${quoted(file)} is not valid YAML: ${printable(message)}`, { hint }));
  };
  const control = GO_CONTROL.exec(text);
  if (control) {
    syntax(`control characters are not allowed (U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} here)`, control.index);
    return undefined;
  }
  const lenient = lenientText(text);
  let document = firstDocument(text);
  let original: ((offset: number) => number) | undefined;
  if (document && document.errors.length > 0 && lenient.text !== text) {
    const retry = firstDocument(lenient.text);
    if (retry && retry.errors.length === 0) [document, original] = [retry, lenient.original];
  }
  if (document && document.errors.length > 0) {
    for (const e of document.errors) syntax(e.message.split('\n')[0] ?? e.message, e.pos[0]);
    return undefined;
  }
  const badEscape = lenient.badEscapes[0];
  if (badEscape !== undefined) {
    const slash = text[badEscape + 1] === '/';
    syntax(slash ? 'found unknown escape character (go-yaml has no \\/ escape; write / alone)' : 'found invalid Unicode character escape code (a surrogate; write the character itself)', badEscape);
    return undefined;
  }
  const builder = new GoYamlBuilder(original ? lenient.text : text, original);
  try {
    const value = document ? builder.build(document.contents as Node | null, 0) : null;
    return textDoc(file, text, value === null ? new Map() : value, builder.positions, lines, builder.texts);
  } catch (e) {
    if (!(e instanceof GoYamlError)) throw e;
    syntax(e.message, e.offset, e.code);
    return undefined;
  }
}
