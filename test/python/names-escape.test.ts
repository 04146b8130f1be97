/**
 * The Python sanitiser, its collision rule, the string and docstring escapers and the type
 * renderer, as tables; the escapers' output is read back by Python itself.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docstringLines, pythonString } from '../../src/emit/python/escape.js';
import { pascalIdentifierOf, planPythonNames, toPythonIdentifier, type PythonStyle } from '../../src/emit/python/names.js';
import type { PythonModulePlan } from '../../src/emit/python/module-plan.js';
import { pythonType } from '../../src/emit/python/types.js';
import type { TypeShape } from '../../src/model/tool-model.js';
import { REPO } from '../cli/run.js';

const PYTHON = join(REPO, '.venv', 'bin', 'python');

/** Runs a Python program with JSON on stdin; its JSON output. */
function python(program: string, input: unknown): unknown {
  const result = spawnSync(PYTHON, ['-c', program], { input: JSON.stringify(input), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

describe('toPythonIdentifier', () => {
  const cases: Array<[string, { given: [string, PythonStyle]; want: string }]> = [
    ['camelCase to snake', { given: ['addPet', 'snake'], want: 'add_pet' }],
    ['path-like name', { given: ['repos/get', 'snake'], want: 'repos_get' }],
    ['acronym run', { given: ['HTTPServer', 'snake'], want: 'http_server' }],
    ['all capitals', { given: ['GET_USER', 'snake'], want: 'get_user' }],
    ['root fallback name', { given: ['<root>_get', 'snake'], want: 'root_get' }],
    ['leading digit', { given: ['2fa', 'snake'], want: 'n2fa' }],
    ['leading digit, pascal', { given: ['2fa', 'pascal'], want: 'N2fa' }],
    ['nothing left', { given: ['…', 'snake'], want: 'tool' }],
    ['soft keyword _', { given: ['_', 'pascal'], want: 'Tool' }],
    ['keyword', { given: ['class', 'snake'], want: 'class_' }],
    ['soft keyword match', { given: ['match', 'snake'], want: 'match_' }],
    ['soft keyword type', { given: ['type', 'snake'], want: 'type_' }],
    ['soft keyword case', { given: ['case', 'snake'], want: 'case_' }],
    ['builtin id', { given: ['id', 'snake'], want: 'id_' }],
    ['builtin list', { given: ['list', 'snake'], want: 'list_' }],
    ['builtin input', { given: ['input', 'snake'], want: 'input_' }],
    ['builtin exception class', { given: ['exception', 'pascal'], want: 'Exception_' }],
    ['keyword None', { given: ['none', 'pascal'], want: 'None_' }],
    ['a module name of its own', { given: ['PROVIDER', 'snake'], want: 'provider' }],
    ['dunder words', { given: ['__init__', 'snake'], want: 'init' }],
    ['non-ASCII letters are not kept', { given: ['ﬁle', 'snake'], want: 'le' }],
    ['pascal of words', { given: ['list items', 'pascal'], want: 'ListItems' }],
    ['pascal capitalises an all-capitals word', { given: ['PET', 'pascal'], want: 'Pet' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(toPythonIdentifier(...given)).toBe(want);
  });
});

describe('pascalIdentifierOf', () => {
  // The name of the phrase `${prefix} ${suffix}`, exactly as toPythonIdentifier makes it.
  const cases: Array<[string, { given: [string, string]; want: string }]> = [
    ['holder and key', { given: ['PetOwner', 'address'], want: 'PetOwnerAddress' }],
    ['snake function name', { given: ['get_pet', 'Params'], want: 'GetPetParams' }],
    ['acronyms on both sides', { given: ['HTTPServer', 'ID'], want: 'HttpServerId' }],
    ['a reserved holder name loses its underscore', { given: ['Type_', 'item'], want: 'TypeItem' }],
    ['the joined name is a builtin', { given: ['Type', 'Error'], want: 'TypeError_' }],
    ['the joined name is a keyword', { given: ['', 'none'], want: 'None_' }],
    ['nothing left', { given: ['…', '-'], want: 'Tool' }],
    ['a leading digit', { given: ['', '2fa'], want: 'N2fa' }],
    ['a digit after the holder', { given: ['Pet', '2fa'], want: 'Pet2fa' }],
    ['a prefixed holder keeps its N', { given: ['N2fa', 'code'], want: 'N2faCode' }],
    ['the suffix splits where the phrase does', { given: ['Pet', 'HTTPServer'], want: 'PetHttpServer' }],
    ['a capital after the space starts a word', { given: ['pet', 'Owner'], want: 'PetOwner' }],
  ];
  it.each(cases)('%s', (_name, { given: [prefix, suffix], want }) => {
    expect(pascalIdentifierOf(prefix, suffix)).toBe(want);
    expect(toPythonIdentifier(`${prefix} ${suffix}`, 'pascal')).toBe(want);
  });
});

describe('planPythonNames', () => {
  const requests = [
    { key: 'tool:getUser', preferred: 'get_user' },
    { key: 'tool:GetUser', preferred: 'get_user' },
    { key: 'tool:get_user2', preferred: 'get_user2' },
    { key: 'schema:PetOwner', preferred: 'PetOwner' },
    { key: 'schema:Petowner', preferred: 'Petowner' },
  ];
  const want = new Map([
    ['tool:GetUser', 'get_user'],
    ['tool:getUser', 'get_user3'],
    ['tool:get_user2', 'get_user2'],
    ['schema:PetOwner', 'PetOwner'],
    ['schema:Petowner', 'Petowner2'],
  ]);

  it('settles collisions, names differing only in case included, whatever the order', () => {
    for (const order of [requests, [...requests].reverse(), [requests[3]!, requests[1]!, requests[4]!, requests[0]!, requests[2]!]]) {
      expect(new Map([...planPythonNames(order)].sort())).toEqual(new Map([...want].sort()));
    }
  });

  it('never hands out a taken name, in any case', () => {
    expect(planPythonNames([{ key: 'm', preferred: 'Runtime' }], ['runtime'])).toEqual(new Map([['m', 'Runtime2']]));
  });
});

describe('pythonString', () => {
  const values = [
    'plain',
    'quote " and \' apostrophe',
    'more "double" than \'',
    'back\\slash \\N{BULLET} \\x41 \\u0041',
    '{f-string} {__import__("os")}',
    'new\nline\r\ttab',
    'nul \u0000 esc \u001b del \u007f',
    'bidi \u202e\u2066 zero-width \u200b bom \ufeff',
    'separators \u2028\u2029 next \u0085',
    'lone surrogate \ud800 and pair \ud83d\ude00',
    'café ünïcödé 日本',
    '"""',
  ];
  it('round-trips through ast.literal_eval, with no raw unsafe character in the literal', () => {
    const literals = values.map(pythonString);
    for (const literal of literals) expect(literal).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/);
    const back = python('import ast, json, sys\nprint(json.dumps([ast.literal_eval(s) for s in json.load(sys.stdin)]))', literals);
    expect(back).toEqual(values);
  });

  const exact: Array<[string, { given: string; want: string }]> = [
    ['escapes the backslash first', { given: '\\N{BULLET}', want: '"\\\\N{BULLET}"' }],
    ['escapes a double quote', { given: '"it\'s" o\'k', want: '"\\"it\'s\\" o\'k"' }],
    ['single quotes when doubles outnumber singles, as ruff', { given: 'say "hi"', want: '\'say "hi"\'' }],
    ['escapes single quotes inside single quotes', { given: '"a" \'b\' "c"', want: '\'"a" \\\'b\\\' "c"\'' }],
    ['short escapes', { given: 'a\nb\tc', want: '"a\\nb\\tc"' }],
    ['hex escapes below 0x100', { given: '\u0000\u009f', want: '"\\x00\\x9f"' }],
    ['\\u escapes above', { given: '\u202e\u2028', want: '"\\u202e\\u2028"' }],
  ];
  it.each(exact)('%s', (_name, { given, want }) => {
    expect(pythonString(given)).toBe(want);
  });
});

describe('docstringLines', () => {
  const texts = [
    'ends with a quote"',
    'three """ quotes """ inside',
    'four """" and a backslash at the end \\',
    'escape-looking \\N{BULLET} \\u202e text',
    'bidi \u202e hidden \u2066 and NUL \u0000 shown',
    'line\u2028separator',
    '"""; import os; os.system("x"); """',
  ];
  it('cannot end a docstring early: Python reads back the text, invisible characters made visible', () => {
    const sources = texts.map((t) => `def f():\n    """${docstringLines(t).join('\n    ')}"""\n`);
    for (const source of sources) expect(source).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    const docs = python('import ast, json, sys\nprint(json.dumps([ast.get_docstring(ast.parse(s).body[0]) for s in json.load(sys.stdin)]))', sources);
    expect(docs).toEqual([
      'ends with a quote"',
      'three """ quotes """ inside',
      'four """" and a backslash at the end \\',
      'escape-looking \\N{BULLET} \\u202e text',
      'bidi \\u{202e} hidden \\u{2066} and NUL \\u{0} shown',
      'line\\u{2028}separator',
      '"""; import os; os.system("x"); """',
    ]);
  });
});

describe('pythonType', () => {
  const plan = { classes: new Map(), refNames: new Map([['#/components/schemas/Pet', 'Pet']]) } as unknown as PythonModulePlan;
  const cases: Array<[string, { given: TypeShape; want: string }]> = [
    ['string with bounds', { given: { kind: 'string', minLength: 1, maxLength: 40 }, want: 'Annotated[str, Field(min_length=1, max_length=40)]' }],
    ['integer with bounds', { given: { kind: 'number', integer: true, minimum: 0, maximum: 1e21 }, want: 'Annotated[int, Field(ge=0, le=1000000000000000000000)]' }],
    ['integer bounds beyond 2^53: every digit, no exponent', { given: { kind: 'number', integer: true, minimum: -(2 ** 60), exclusiveMaximum: 2 ** 60 }, want: 'Annotated[int, Field(ge=-1152921504606846976, lt=1152921504606846976)]' }],
    ['number bounds in Field\'s order, -0 as 0', { given: { kind: 'number', integer: false, multipleOf: 0.5, exclusiveMaximum: 9.5, maximum: 10, exclusiveMinimum: -0, minimum: -1 }, want: 'Annotated[float, Field(ge=-1, gt=0, le=10, lt=9.5, multiple_of=0.5)]' }],
    ['a multipleOf that is not > 0 and bounds that are not finite check nothing', { given: { kind: 'number', integer: false, multipleOf: 0, minimum: Infinity, maximum: NaN }, want: 'float' }],
    ['array bounds', { given: { kind: 'array', items: { kind: 'boolean' }, minItems: 1, maxItems: 2 }, want: 'Annotated[list[bool], Field(min_length=1, max_length=2)]' }],
    ['number', { given: { kind: 'number', integer: false }, want: 'float' }],
    ['literals of every JSON kind', { given: { kind: 'literal', values: ['a"b', 2, true, null, 1.5] }, want: 'Literal[\'a"b\', 2, True] | float | None' }],
    ['nullable array of refs', { given: { kind: 'union', members: [{ kind: 'array', items: { kind: 'ref', key: '#/components/schemas/Pet' }, maxItems: 3 }, { kind: 'null' }] }, want: 'Annotated[list[Pet], Field(max_length=3)] | None' }],
    ['union absorbing any', { given: { kind: 'union', members: [{ kind: 'string' }, { kind: 'any' }] }, want: 'Any' }],
    ['record', { given: { kind: 'object', properties: [], additional: { kind: 'boolean' } }, want: 'dict[str, bool]' }],
    ['allOf that is not objects', { given: { kind: 'allOf', members: [{ kind: 'string' }, { kind: 'number', integer: true }] }, want: 'Any' }],
    ['unresolved ref', { given: { kind: 'ref', key: 'elsewhere' }, want: 'Any' }],
    ['files', { given: { kind: 'array', items: { kind: 'file' } }, want: 'list[runtime.DifyFile]' }],
    ['selectors', { given: { kind: 'union', members: [{ kind: 'selector', of: 'model' }, { kind: 'selector', of: 'app' }] }, want: 'runtime.ModelSelector | runtime.AppSelector' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(pythonType(given, plan)).toBe(want);
  });
});
