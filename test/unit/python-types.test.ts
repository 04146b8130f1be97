/**
 * Issue 10, item 2 (and the loading half of item 4): every type PyYAML's SafeLoader builds is
 * loaded as Python has it, and a schema is accepted or refused exactly where Dify's pydantic
 * models see the value.
 *
 * Expected values were checked against PyYAML 6.0.2 and pydantic 2.12.5, the versions Dify pins
 * (langgenius/dify api/pyproject.toml: `pyyaml~=6.0.1`, `pydantic~=2.12.5`), run on the same
 * inputs (`yaml.safe_load`, then the ToolParameter / ApiToolBundle fields).
 */
import { describe, expect, it } from 'vitest';
import { PyBytes, PyDate, PyDateTime, type Value } from '../../src/load/value.js';
import { caught, HEADER, load, provider, refusalOf, type Refusal } from './helpers.js';

/** A loaded value described as Python would: `[type name, text]` (isoformat, hex, repr). */
type Described = [string, unknown];

function described(value: Value): Described {
  if (value instanceof PyDateTime) return ['datetime', value.isoformat()];
  if (value instanceof PyDate) return ['date', value.isoformat()];
  if (value instanceof PyBytes) return ['bytes', Buffer.from(value.bytes).toString('hex')];
  if (typeof value === 'bigint') return ['int', value.toString()];
  if (typeof value === 'number') return Number.isInteger(value) ? ['int', String(value)] : ['float', Number.isNaN(value) ? 'nan' : value === Infinity ? 'inf' : value === -Infinity ? '-inf' : String(value)];
  if (typeof value === 'string') return ['str', value];
  if (Array.isArray(value)) return ['list', value.map(described)];
  if (value instanceof Map) return ['dict', [...value].map(([k, v]) => [described(k), described(v)])];
  return [typeof value, value];
}

interface LoadCase {
  /** A whole YAML document. */
  given: string;
  want: Described;
}

// PyYAML: yaml/constructor.py SafeConstructor (construct_yaml_timestamp, _binary, _int,
// _float, _set, _omap, _pairs) and yaml/resolver.py (which plain scalars are timestamps).
const loads: Array<[string, LoadCase]> = [
  ['an unquoted date is a datetime.date', { given: '2024-01-01', want: ['date', '2024-01-01'] }],
  ['a date with one-digit month is a string (the implicit resolver wants two digits)', { given: '2024-1-1', want: ['str', '2024-1-1'] }],
  ['!!timestamp takes one-digit months (the constructor is looser)', { given: '!!timestamp 2024-1-1', want: ['date', '2024-01-01'] }],
  ['Z makes an aware datetime in UTC', { given: '2024-01-01T10:00:00Z', want: ['datetime', '2024-01-01T10:00:00+00:00'] }],
  ['a space, a 7-digit fraction (cut to microseconds) and -5', { given: '2024-01-01 10:00:00.1234567 -5', want: ['datetime', '2024-01-01T10:00:00.123456-05:00'] }],
  ['lower-case t, one-digit hour, +05:30', { given: '2024-01-01t1:00:00+05:30', want: ['datetime', '2024-01-01T01:00:00+05:30'] }],
  ['no zone: a naive datetime', { given: '2001-12-14 21:59:43.10', want: ['datetime', '2001-12-14T21:59:43.100000'] }],
  ['29 February of a leap year', { given: '2024-02-29', want: ['date', '2024-02-29'] }],
  ['!!binary is bytes', { given: '!!binary aGVsbG8=', want: ['bytes', '68656c6c6f'] }],
  ['!!binary skips what is not base64 and stops at the padding', { given: '!!binary "aGVs bG8=junk"', want: ['bytes', '68656c6c6f'] }],
  ['!!binary that is not UTF-8', { given: '!!binary //8=', want: ['bytes', 'ffff'] }],
  ['an integer beyond 2^64 is exact', { given: '12345678901234567890', want: ['int', '12345678901234567890'] }],
  ['-(2^53 + 1) is exact', { given: '-9007199254740993', want: ['int', '-9007199254740993'] }],
  ['2^53 - 1 stays a plain number', { given: '9007199254740991', want: ['int', '9007199254740991'] }],
  ['a long hexadecimal with underscores', { given: '0x_FFFF_FFFF_FFFF_FFFF_F', want: ['int', '295147905179352825855'] }],
  ['a long octal', { given: '0777777777777777777777', want: ['int', '9223372036854775807'] }],
  ['a long sexagesimal', { given: '190:20:30:15:20:30:10', want: ['int', '8880584113810'] }],
  ['1e400 is a string in YAML (a YAML 1.1 float needs a dot)', { given: '{v: 1e400}', want: ['dict', [[['str', 'v'], ['str', '1e400']]]] }],
  ['1e400 alone is JSON, read first: json.loads gives inf', { given: '1e400', want: ['float', 'inf'] }],
  ['1.0e+400 overflows to inf', { given: '1.0e+400', want: ['float', 'inf'] }],
  ['.inf', { given: '.inf', want: ['float', 'inf'] }],
  ['-.Inf', { given: '-.Inf', want: ['float', '-inf'] }],
  ['.NaN', { given: '.NaN', want: ['float', 'nan'] }],
  // A set: pydantic turns it into a list and jsonable_encoder writes a list; we keep its members in document order.
  ['!!set is its members', { given: '!!set {a, b}', want: ['list', [['str', 'a'], ['str', 'b']]] }],
  // !!omap / !!pairs: a list of (key, value) tuples, which JSON writes as lists.
  ['!!omap is a list of pairs', { given: '!!omap [a: 1, b: 2]', want: ['list', [['list', [['str', 'a'], ['int', '1']]], ['list', [['str', 'b'], ['int', '2']]]]] }],
  ['!!pairs keeps repeated keys', { given: '!!pairs [a: 1, a: 2]', want: ['list', [['list', [['str', 'a'], ['int', '1']]], ['list', [['str', 'a'], ['int', '2']]]]] }],
  ['two equal date keys are one dict key (the last value wins)', { given: '{2024-01-01: a, 2024-01-01: b}', want: ['dict', [[['date', '2024-01-01'], ['str', 'b']]]] }],
  [
    'two aware datetimes at the same instant are one dict key',
    { given: '{2024-01-01T10:00:00Z: a, 2024-01-01T11:00:00+01:00: b}', want: ['dict', [[['datetime', '2024-01-01T10:00:00+00:00'], ['str', 'b']]]] },
  ],
  ['JSON: an integer beyond 2^53 is exact (json.loads gives an int)', { given: '{"n": 12345678901234567890}', want: ['dict', [[['str', 'n'], ['int', '12345678901234567890']]]] }],
  ['JSON: a fraction makes a float', { given: '{"n": 1.5}', want: ['dict', [[['str', 'n'], ['float', '1.5']]]] }],
];

describe('PyYAML SafeLoader types, as Python holds them', () => {
  it.each(loads)('%s', (_name, { given, want }) => {
    expect(described(load(given).value)).toEqual(want);
  });
});

interface LoadErrorCase {
  given: string;
  /** Python's message (ValueError, ConstructorError or AttributeError), which makes Dify refuse the schema. */
  want: string;
}

const loadErrors: Array<[string, LoadErrorCase]> = [
  ['30 February', { given: 'v: 2024-02-30', want: 'day is out of range for month' }],
  ['29 February of a common year', { given: 'v: 2023-02-29', want: 'day is out of range for month' }],
  ['hour 25', { given: 'v: 2024-01-01T25:00:00', want: 'hour must be in 0..23' }],
  ['year 0', { given: 'v: 0000-01-01', want: 'year 0 is out of range' }],
  ['second 60', { given: 'v: 2024-01-01T10:00:60', want: 'second must be in 0..59' }],
  ['a zone of 24 hours', { given: 'v: 2024-01-01T10:00:00+24', want: 'offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)' }],
  ['!!timestamp on text that is no timestamp', { given: 'v: !!timestamp junk', want: "'NoneType' object has no attribute 'groupdict'" }],
  ['!!binary without its padding', { given: 'v: !!binary aGVsbG8', want: 'failed to decode base64 data: Incorrect padding' }],
  ['!!binary of one character', { given: 'v: !!binary a', want: 'failed to decode base64 data: Invalid base64-encoded string: number of data characters (1) cannot be 1 more than a multiple of 4' }],
  ['!!binary with a non-ASCII character', { given: 'v: !!binary "é"', want: 'failed to convert base64 data into ascii characters' }],
];

describe('values PyYAML cannot build: Dify refuses the schema', () => {
  it.each(loadErrors)('%s', (_name, { given, want }) => {
    const d = caught(() => load(given));
    expect(d?.code).toBe('yaml-scalar');
    expect(d?.message).toContain(want);
    expect(d?.location?.line).toBe(1);
  });
});

interface AcceptanceCase {
  /** `paths:` and what follows (the header declares openapi, info and servers). */
  given: string;
  want: { accepted: Array<[name: string, defaultValue: unknown]> } | { refused: Refusal & { python: string } };
}

const op = (body: string) => `paths:\n  /a:\n    post:\n      operationId: a\n${body}`;
const param = (fields: string) => op(`      parameters:\n        - {name: p, in: query, ${fields}}\n`);
const prop = (line: string) => op(`      requestBody:\n        content:\n          application/json:\n            schema:\n              properties:\n                ${line}\n`);

// Where Dify validates: ToolParameter(name, label=I18nObject(en_US=name), human_description,
// required, llm_description, default) in ApiBasedToolSchemaParser.parse_openapi_to_tool_bundle
// (api/core/tools/utils/parser.py), with `default: float | int | str | bool | list | dict | None`
// (api/core/plugin/entities/parameters.py, PluginParameter); ApiToolBundle(summary,
// operation_id: str | None, openapi: dict) (api/core/tools/entities/tool_bundle.py); then
// jsonable_encoder(bundles) when the provider is saved (api/services/tools/api_tools_manage_service.py).
// Values outside those fields (info, responses, components) are never validated.
const acceptance: Array<[string, AcceptanceCase]> = [
  [
    'a parameter default: 2024-01-01 is refused (ValidationError on default)',
    { given: param('schema: {type: string, default: 2024-01-01}'), want: { refused: { code: 'invalid-default', line: 9, pointer: '#/paths/~1a/post/parameters/0/schema/default', python: 'ValidationError: default' } } },
  ],
  [
    'a body-property default: 2024-01-01T10:00:00Z is refused (ValidationError on default)',
    { given: prop('when: {type: string, default: 2024-01-01T10:00:00Z}'), want: { refused: { code: 'invalid-default', line: 13, pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema/properties/when/default', python: 'ValidationError: default' } } },
  ],
  [
    'an unquoted date as a property name is refused (ToolParameter.name is a str)',
    { given: prop('2024-01-01: {type: string}'), want: { refused: { code: 'not-a-string', line: 13, pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema/properties/2024-01-01', python: 'ValidationError' } } },
  ],
  ['a quoted date default is the string', { given: param('schema: {type: string, default: "2024-01-01"}'), want: { accepted: [['p', '2024-01-01']] } }],
  ['a UTF-8 !!binary default is its text (pydantic str decodes bytes)', { given: param('schema: {type: string, default: !!binary aGVsbG8=}'), want: { accepted: [['p', 'hello']] } }],
  ['a !!binary default whose text is a number is a float (float comes first in the union)', { given: param('schema: {type: number, default: !!binary MS41}'), want: { accepted: [['p', 1.5]] } }],
  [
    'a !!binary default that is not UTF-8 is refused',
    { given: param('schema: {type: string, default: !!binary //8=}'), want: { refused: { code: 'invalid-default', line: 9, pointer: '#/paths/~1a/post/parameters/0/schema/default', python: 'ValidationError: default' } } },
  ],
  ['a !!set default is a list, which Dify stores as no default', { given: param('schema: {type: array, default: !!set {a, b}}'), want: { accepted: [['p', null]] } }],
  ['an !!omap default is a list, which Dify stores as no default', { given: param('schema: {type: array, default: !!omap [a: 1]}'), want: { accepted: [['p', null]] } }],
  ['a big integer default keeps its value', { given: param('schema: {type: integer, default: 12345678901234567890}'), want: { accepted: [['p', 12345678901234567890n]] } }],
  ['a .inf default is infinity', { given: param('schema: {type: number, default: .inf}'), want: { accepted: [['p', Infinity]] } }],
  ['a .nan default is NaN', { given: param('schema: {type: number, default: .nan}'), want: { accepted: [['p', NaN]] } }],
  ['info.version: 2024-01-01 is accepted (Dify never validates info.version)', { given: `paths:\n  /a:\n    get: {operationId: a}\n`, want: { accepted: [] } }],
  ['a date inside responses is accepted (stored as ISO text)', { given: op('      responses: {"200": {description: ok, x-when: 2024-01-01}}\n'), want: { accepted: [] } }],
  ['a date in a nested schema default is accepted (only the parameter default is validated)', { given: param('schema: {type: object, properties: {d: {type: string, default: 2024-01-01}}}'), want: { accepted: [['p', null]] } }],
  [
    'a date as the summary is refused (ApiToolBundle.summary is a str)',
    { given: `paths:\n  /a:\n    get: {operationId: a, summary: 2024-01-01}\n`, want: { refused: { code: 'not-a-string', line: 6, pointer: '#/paths/~1a/get/summary', python: 'ValidationError' } } },
  ],
  [
    '!!binary that is not UTF-8 anywhere in the operation: saving the bundle as JSON fails',
    { given: op('      responses: {"200": {description: !!binary //8=}}\n'), want: { refused: { code: 'binary-not-utf8', line: 8, pointer: '#/paths/~1a/post/responses/200/description', python: 'UnicodeDecodeError' } } },
  ],
  [
    'a YAML alias that makes an operation contain itself: saving the bundle as JSON fails',
    { given: `paths:\n  /a:\n    get: &op\n      operationId: a\n      x-self: *op\n`, want: { refused: { code: 'circular-operation', line: 8, pointer: '#/paths/~1a/get/x-self', python: 'Circular reference detected' } } },
  ],
  [
    'JSON: a body $ref to an object holding its own operation: saving the bundle as JSON fails (Dify wrote the target over the schema)',
    {
      given: `{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": "https://api.test"}],\n "paths": {"/a": {"get": {"operationId": "g"}, "post": {"operationId": "a", "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/paths"}}}}}}}}`,
      want: { refused: { code: 'circular-operation', line: 2, pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema/~1a/post', python: 'Circular reference detected' } },
    },
  ],
  [
    'JSON: a body $ref to a component is stored with its target',
    {
      given: `{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": "https://api.test"}],\n "paths": {"/a": {"post": {"operationId": "a", "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/B"}}}}}}},\n "components": {"schemas": {"B": {"properties": {"p": {"type": "string", "default": "d"}}}}}}`,
      want: { accepted: [['p', 'd']] },
    },
  ],
  ['a YAML alias shared by two operations is fine', { given: `paths:\n  /a:\n    get: {operationId: a, responses: &r {"200": {description: ok}}}\n    post: {operationId: b, responses: *r}\n`, want: { accepted: [] } }],
  // ApiToolProviderController.from_db (api/core/tools/custom_tool/provider.py) puts info.description in an I18nObject.
  [
    'info.description: 2024-01-01 is refused when the provider is created',
    { given: `openapi: 3.0.0\ninfo: {title: t, version: "1", description: 2024-01-01}\nservers: [{url: "https://api.test"}]\npaths: {}\n`, want: { refused: { code: 'not-a-string', line: 2, pointer: '#/info/description', python: 'ValidationError' } } },
  ],
  [
    'info.description: ~ is refused likewise',
    { given: `openapi: 3.0.0\ninfo: {title: t, version: "1", description: ~}\nservers: [{url: "https://api.test"}]\npaths: {}\n`, want: { refused: { code: 'not-a-string', line: 2, pointer: '#/info/description', python: 'ValidationError' } } },
  ],
  ['info.title: 2024-01-01 is accepted (Dify takes the provider name from the user)', { given: `openapi: 3.0.0\ninfo: {title: 2024-01-01, version: "1"}\nservers: [{url: "https://api.test"}]\npaths: {}\n`, want: { accepted: [] } }],
  ['!!binary that is not UTF-8 in components is never stored', { given: `paths:\n  /a:\n    get: {operationId: a}\ncomponents: {x-raw: !!binary //8=}\n`, want: { accepted: [] } }],
];

describe('acceptance decided where Dify validates', () => {
  it.each(acceptance)('%s', (_name, { given, want }) => {
    const text = given.startsWith('openapi:') || given.startsWith('{') ? given : HEADER.replace('version: "1"', 'version: 2024-01-01') + given;
    let params: Array<[string, unknown]> = [];
    const d = caught(() => {
      params = provider(text).tools.flatMap((t) => t.parameters.map((p): [string, unknown] => [p.name, p.default]));
    });
    if ('refused' in want) {
      const { python, ...where } = want.refused;
      expect(d && refusalOf(d)).toEqual(where);
      expect(d?.dify).toContain(python);
    } else {
      expect(d).toBeUndefined();
      expect(params).toEqual(want.accepted);
    }
  });
});
