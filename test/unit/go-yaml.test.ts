/**
 * Plugin YAML as the Dify plugin daemon reads it. The daemon decodes every plugin file with
 * gopkg.in/yaml.v3 v3.0.1 (dify-plugin-daemon go.mod; pkg/utils/parser/yaml.go
 * `UnmarshalYamlBytes`) into typed structs (pkg/entities/plugin_entities/tool_declaration.go
 * `ToolParameter`). Each row is the smallest YAML for one construct where go-yaml and the
 * `yaml` package could differ; `want` is what go-yaml gives, checked against go-yaml itself
 * (the oracle in test/oracles/go-yaml, built once, all rows in one Go process) and against
 * our reader.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PointerPath, Value } from '../../src/load/value.js';
import { parseGoYaml } from '../../src/sources/go-yaml.js';
import { goBool, goNumber, goString } from '../../src/sources/plugin-fields.js';
import { Report } from '../../src/sources/report.js';
import { valueAt, type Doc } from '../../src/sources/yaml-document.js';
import { buildGoYamlOracle, goYamlDecode, type OracleCase, type OracleResult } from '../oracles/go-yaml.js';

type Want = { value: unknown } | 'error';
type Row = [name: string, given: OracleCase, want: Want];

const doc = (yaml: string, value: unknown): Row => [yaml, { yaml, as: 'document' }, { value }];
const refused = (yaml: string): Row => [yaml, { yaml, as: 'document' }, 'error'];
interface ParameterFields {
  name: string;
  type: string;
  form: string;
  llm_description: string;
  required: boolean;
  default: unknown;
  min: number | null;
  max: number | null;
  multiple: boolean;
  precision: number | null;
}
const NO_PARAMETER: ParameterFields = { name: '', type: '', form: '', llm_description: '', required: false, default: null, min: null, max: null, multiple: false, precision: null };
const param = (yaml: string, value: Partial<ParameterFields>): Row => [`parameter: ${yaml}`, { yaml, as: 'parameter' }, { value: { ...NO_PARAMETER, ...value } }];

const ROWS: Row[] = [
  // Quoted scalars: go-yaml does not check the indentation of continuation lines
  // (scannerc.go yaml_parser_scan_flow_scalar); an official plugin ships the first row.
  doc('parameters:\n  - name: a\n    llm_description: "first line\n    second line"\n    form: llm\n', { parameters: [{ name: 'a', llm_description: 'first line second line', form: 'llm' }] }),
  doc('a: "x\ny"\n', { a: 'x y' }),
  doc("a:\n  b: 'x\n  y'\n  c: 1\n", { a: { b: 'x y', c: 1 } }),
  doc('a: "x\n\ty"\n', { a: 'x y' }),
  doc('a: 1\r\nb: "x\r\ny"\r\n', { a: 1, b: 'x y' }),
  doc("a: 'x\n\n  y'\n", { a: 'x\ny' }),
  doc('a: "x\\\n  y"\n', { a: 'xy' }),
  doc('a: "x\n  # not a comment\n  y"\n', { a: 'x # not a comment y' }),
  refused('a: "x\n---\ny"\n'),
  doc('a: "say \\"hi\nthere\\""\n', { a: 'say "hi there"' }),
  doc("a: 'it''s\nok'\n", { a: "it's ok" }),
  doc('# don\'t\na: "x\ny" # isn\'t\n', { a: 'x y' }),
  doc('a: |\n  it\'s "x\nb: "y\nz"\n', { a: 'it\'s "x\n', b: 'y z' }),
  doc('- |\n x "y\n- "z\nw"\n'.replace(/^/, 'l:\n'), { l: ['x "y\n', 'z w'] }),
  // A plain scalar's continuation line may start with a quote: it stays text.
  doc("a: b\n  'tis the season\nc: 1\n", { a: "b 'tis the season", c: 1 }),
  // Escapes: go-yaml has \' and no \/ (scannerc.go, "Check the escape character").
  doc('a: "it\\\'s"\n', { a: "it's" }),
  refused('a: "x\\/"\n'),
  doc('a: "\\x41\\u00e9\\t"\n', { a: 'A\u00e9\t' }),
  // Flow collections: no indentation check either.
  doc('a: [b,\nc]\n', { a: ['b', 'c'] }),
  doc('a:\n  b: {c: 1,\n  d: 2}\n', { a: { b: { c: 1, d: 2 } } }),
  doc('a: [\n"x",\n]\n', { a: ['x'] }),
  doc('a: {b: [c,\nd]}\n', { a: { b: ['c', 'd'] } }),
  doc('a: {b:c}\n', { a: { 'b:c': null } }),
  doc('a: [b: c]\n', { a: [{ b: 'c' }] }),
  refused('a: [b, , c]\n'),
  doc('a: ["x, y",\nz]\n', { a: ['x, y', 'z'] }),
  doc('a: [b, # a comment with a quote "\nc]\n', { a: ['b', 'c'] }),
  // Block scalars and plain continuation lines keep their indentation rules.
  doc('a: |\n  x "y\n  z\nb: "w"\n', { a: 'x "y\nz\n', b: 'w' }),
  doc('a: b\n  c\n', { a: 'b c' }),
  refused('a:\n  - b\n  c\n'),
  refused('a: |\n  x\n\ty\n'),
  // Tabs: separation yes, indentation no.
  doc('a:\tb\n', { a: 'b' }),
  refused('\ta: 1\n'),
  refused('a:\n\t- 1\n'),
  // Duplicate keys are an error in go-yaml v3 (decode.go "mapping key … already defined").
  refused('a: 1\na: 2\n'),
  refused('a:\n  b: 1\n  b: 1\n'),
  // Merge keys: the mapping's own keys win; in a list, earlier mappings win.
  doc('base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n', { base: { x: 1, y: 2 }, c: { x: 1, y: 3 } }),
  doc('p: &p {x: 1}\nq: &q {x: 2, z: 3}\nc:\n  <<: [*p, *q]\n', { p: { x: 1 }, q: { x: 2, z: 3 }, c: { x: 1, z: 3 } }),
  refused('c:\n  <<: 1\n'),
  // Scalars: YAML 1.2 core in map[string]any (yes/on stay text), go's number syntax.
  doc('a: yes\nb: on\nc: True\nd: ~\ne: null\n', { a: 'yes', b: 'on', c: true, d: null, e: null }),
  doc('a: 0o17\nb: 017\nc: 0x1F\nd: 1_000\ne: 1e3\nf: .5\ng: +12\nh: 08\n', { a: 15, b: 15, c: 31, d: 1000, e: 1000, f: 0.5, g: 12, h: 8 }),
  doc('a: !!str 1\n', { a: '1' }),
  doc('a: Null\nb: NULL\nc: nUll\nd: TRUE\ne: tRUE\nf: -.inf\ng: .NaN\nh: 1.5e+3\n', { a: null, b: null, c: 'nUll', d: true, e: 'tRUE', f: { $float: '-Inf' }, g: { $float: 'NaN' }, h: 1500 }),
  doc('a: 0b101\nb: -0o17\nc: 1__0\nd: 0x_1F\ne: 1e400\nf: -0\ng: +.5\nh: 1.\ni: 0x\nj: 1_0.5\n', { a: 5, b: -15, c: 10, d: 31, e: '1e400', f: 0, g: 0.5, h: 1, i: '0x', j: 10.5 }),
  // A timestamp is a time.Time in an `any` field (it reaches Dify as RFC 3339 JSON), text in a string field.
  doc('a: 2024-01-01\nb: 2024-1-2T3:04:05.120Z\nc: 2024-01-01 10:00:00\nd: 2024-01-01T10:00:00+08:00\n', { a: '2024-01-01T00:00:00Z', b: '2024-01-02T03:04:05.12Z', c: '2024-01-01T10:00:00Z', d: '2024-01-01T10:00:00+08:00' }),
  doc('a: 2024-02-30\nb: "2024-01-01"\nc: 2024-01-01T10:00:00\nd: 12024-01-01\n', { a: '2024-02-30', b: '2024-01-01', c: '2024-01-01T10:00:00', d: '12024-01-01' }),
  doc('a: !!timestamp 2024-01-01T10:00:00+08:00\nb: !!timestamp "2024-1-2"\n', { a: '2024-01-01T10:00:00+08:00', b: '2024-01-02T00:00:00Z' }),
  refused('a: !!timestamp soon\n'),
  param('name: 2024-01-01\ndefault: 2024-01-01\n', { name: '2024-01-01', default: '2024-01-01T00:00:00Z' }),
  param('name: !!timestamp 2024-1-2\n', { name: '2024-1-2' }),
  param('name: !!binary aGVsbG8=\n', { name: 'hello' }),
  doc('a: !!binary aGVsbG8=\n', { a: 'hello' }),
  doc('a: !!binary |\n  aGVs\n  bG8=\n', { a: 'hello' }),
  refused('a: !!binary aGVsbG8\n'),
  refused('a: !!binary "aGVs bG8="\n'),
  doc('a: !foo x\n', { a: 'x' }),
  doc('a: &x 1\nb: *x\n', { a: 1, b: 1 }),
  refused('a: *nope\n'),
  // Documents: only the first is read; a directive and a BOM are fine.
  doc('a: 1\n---\nb: 2\n', { a: 1 }),
  doc('%YAML 1.1\n---\na: yes\n', { a: 'yes' }),
  doc('\ufeffa: 1\n', { a: 1 }),
  doc('a: x\n...\n', { a: 'x' }),
  doc('? a\n: 1\n', { a: 1 }),
  refused('"a"b: 1\n'),
  // No empty key; NEL is a line break (scannerc.go yaml_parser_read_line); no surrogate escapes.
  refused(': c\n'),
  refused('a: 1\n: c\n'),
  refused('a: {: c}\n'),
  refused('a: [: c]\n'),
  refused('a: [a, b]: c\n'),
  doc('a: "x\u2028y"\nb: x\u0085  y\n# c\u0085c: 1\n', { a: 'x\u2028y', b: 'x y', c: 1 }),
  refused('a: |\n  x\u0085y\n'),
  refused('a: "\\ud800"\n'),
  // Control characters are refused anywhere (readerc.go); a BOM or NBSP inside text is fine.
  refused('a: x\u0001y\n'),
  refused("a: 'x\u0007'\n"),
  refused('a: x\u007fy\n'),
  refused('a: x\u009fy\n'),
  refused('#\u0000\na: 1\n'),
  refused('a: x\ufffey\n'),
  doc('a: x\ufeffy\nb: "\u00a0\u{1F600}\t"\n', { a: 'x\ufeffy', b: '\u00a0\u{1F600}\t' }),
  doc('a: "\\U0010FFFF"\n', { a: '\u{10FFFF}' }),
  refused('a: ? b\n'),
  // Typed fields of ToolParameter: a Go bool takes YAML 1.1 words (decode.go reflect.Bool),
  // a Go string takes any scalar as written, *int drops the fraction.
  param('required: yes\nmultiple: "on"\n', { required: true, multiple: true }),
  param('required: N\n', { required: false }),
  param('name: 012\ntype: true\nllm_description: 1.50\n', { name: '012', type: 'true', llm_description: '1.50' }),
  param('min: 1e3\nmax: 0x10\nprecision: 2.7\n', { min: 1000, max: 16, precision: 2 }),
  param('default: yes\n', { default: 'yes' }),
  param('default: 0x10\n', { default: 16 }),
  [`parameter: required: maybe`, { yaml: 'required: maybe\n', as: 'parameter' }, 'error'],
  [`parameter: required: "true"`, { yaml: 'required: "true"\n', as: 'parameter' }, 'error'],
  [`parameter: required: 1`, { yaml: 'required: 1\n', as: 'parameter' }, 'error'],
  [`parameter: precision: "2"`, { yaml: 'precision: "2"\n', as: 'parameter' }, 'error'],
  [`parameter: name: [a]`, { yaml: 'name: [a]\n', as: 'parameter' }, 'error'],
  param('required: ~\nmultiple: "Y"\nmax: 1_000\nname: ~\n', { required: false, multiple: true, max: 1000 }),
  [`parameter: min: ten`, { yaml: 'min: ten\n', as: 'parameter' }, 'error'],
];

/** A loaded value as go-yaml's output prints it (mappings as plain objects, non-finite floats tagged). */
function plain(value: Value | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'number' && !Number.isFinite(value)) return { $float: Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf' };
  return value;
}

/** The ToolParameter fields as the plugin reader decodes them. */
function parameterFields(d: Doc, report: Report): unknown {
  const text = (key: string) => goString(d, [key], report) ?? '';
  const number = (key: string, integer = false) => goNumber(d, [key] as PointerPath, report, integer) ?? null;
  return {
    name: text('name'),
    type: text('type'),
    form: text('form'),
    llm_description: text('llm_description'),
    required: goBool(d, ['required'], report) ?? false,
    default: plain(valueAt(d.value, ['default'])),
    min: number('min'),
    max: number('max'),
    multiple: goBool(d, ['multiple'], report) ?? false,
    precision: number('precision', true),
  };
}

/** What our reader gives for a case, in the oracle's terms. */
function ours(given: OracleCase): Want {
  const report = new Report();
  const d = parseGoYaml('case.yaml', given.yaml, report);
  if (!d || report.failed) return 'error';
  if (!(d.value instanceof Map)) return 'error'; // go-yaml cannot decode a non-mapping into a struct or map
  const value = given.as === 'parameter' ? parameterFields(d, report) : plain(d.value);
  return report.failed ? 'error' : { value };
}

const theirs = (r: OracleResult): Want => ('error' in r ? 'error' : { value: r.value ?? {} });

/** A result with every mapping's keys sorted (go's maps have no order; ours keep the document's). */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]));
  return value;
}

describe('plugin YAML read as go-yaml v3.0.1 reads it', () => {
  let oracle: OracleResult[] = [];
  let oracleBinary = '';
  beforeAll(() => {
    oracleBinary = buildGoYamlOracle();
    oracle = goYamlDecode(oracleBinary, ROWS.map(([, given]) => given));
  });

  it.each(ROWS.map((row, i) => [row[0], i] as const))('%j', (_, i) => {
    const [, given, want] = ROWS[i]!;
    expect(theirs(oracle[i]!), 'go-yaml itself').toEqual(want);
    expect(ours(given), 'our reader').toEqual(want);
  });

  it('decodes every YAML file of the official plugins (../shared/fixtures/official-plugins) as go-yaml does', () => {
    const root = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'official-plugins');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
    const cases: OracleCase[] = files.map((f) => ({ yaml: readFileSync(join(root, f), 'utf8'), as: 'document' }));
    const results = goYamlDecode(oracleBinary, cases);
    const differ = files.filter((_, i) => JSON.stringify(sorted(ours(cases[i]!))) !== JSON.stringify(sorted(theirs(results[i]!))));
    expect(files.length).toBeGreaterThan(700);
    expect(differ).toEqual([]);
  });

  it('locates a go-yaml-only construct in the file as written', () => {
    const report = new Report();
    const text = 'parameters:\n  - name: a\n    llm_description: "first\n    second"\n    form: [x,\n    y]\n';
    const d = parseGoYaml('tool.yaml', text, report);
    expect(report.diagnostics).toEqual([]);
    expect(d?.locate(['parameters', 0, 'form'])).toEqual({ file: 'tool.yaml', line: 5, column: 11, pointer: '#/parameters/0/form' });
    expect(d?.locate(['parameters', 0, 'form'], true)).toEqual({ file: 'tool.yaml', line: 5, column: 5, pointer: '#/parameters/0/form' });
  });

  it('reports an escape go-yaml refuses at its line:column', () => {
    const report = new Report();
    parseGoYaml('tool.yaml', 'a: 1\nb: "x\\/y"\n', report);
    expect(report.diagnostics.map((d) => [d.code, d.location?.line, d.location?.column])).toEqual([['plugin-yaml-syntax', 2, 6]]);
  });
});
