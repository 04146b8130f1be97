/**
 * Issue 10, item 3: pydantic's lax coercion on every field Dify validates when it turns an
 * operation into a tool, in one table. Dify builds, in ApiBasedToolSchemaParser
 * .parse_openapi_to_tool_bundle (langgenius/dify api/core/tools/utils/parser.py):
 *   ToolParameter(name: str, label=I18nObject(en_US=name), human_description=
 *   I18nObject(en_US=description or ""), required: bool = parameter.get("required", False),
 *   llm_description: str | None, default: float | int | str | bool | list | dict | None)
 *   (api/core/tools/entities/tool_entities.py, api/core/plugin/entities/parameters.py), and
 *   ApiToolBundle(summary: str | None, operation_id: str | None, ...)
 *   (api/core/tools/entities/tool_bundle.py).
 * A value pydantic refuses raises ValidationError and Dify refuses the schema.
 *
 * Every row was checked against pydantic 2.12.5 (Dify pins `pydantic~=2.12.5`) fed the value
 * PyYAML 6.0.2's safe_load gives for the YAML text.
 */
import { describe, expect, it } from 'vitest';
import { caught, provider, refusalOf, spec } from './helpers.js';

type Field = 'required' | 'name' | 'description' | 'default' | 'operationId' | 'summary';

interface CoercionCase {
  field: Field;
  /** The YAML text of the value. */
  given: string;
  /** What the field holds after validation, or the refusal's code (with pydantic's message). */
  want: { value: unknown } | { refused: string; message: string };
}

const BOOL = 'Input should be a valid boolean';
const BOOL_PARSING = 'Input should be a valid boolean, unable to interpret input';
const STR = 'Input should be a valid string';

/** The smallest spec that puts `given` in `field`. */
function specFor(field: Field, given: string): string {
  const parameter = (fields: string) => spec(`paths:\n  /a:\n    get:\n      operationId: a\n      parameters:\n        - {${fields}}\n`);
  switch (field) {
    case 'required':
      return parameter(`name: p, in: query, required: ${given}`);
    case 'name':
      return parameter(`name: ${given}, in: query`);
    case 'description':
      return parameter(`name: p, in: query, description: ${given}`);
    case 'default':
      return parameter(`name: p, in: query, schema: {default: ${given}}`);
    case 'operationId':
      return spec(`paths:\n  /a:\n    get: {operationId: ${given}}\n`);
    case 'summary':
      return spec(`paths:\n  /a:\n    get: {operationId: a, summary: ${given}}\n`);
  }
}

function fieldValue(field: Field, text: string): unknown {
  const tool = provider(text).tools[0]!;
  const p = tool.parameters[0];
  const values: Record<Field, () => unknown> = {
    required: () => p!.required,
    name: () => p!.name,
    description: () => p!.description ?? '',
    default: () => p!.default,
    operationId: () => tool.name,
    summary: () => tool.summary,
  };
  return values[field]();
}

const table: Array<[string, CoercionCase]> = [
  // bool (ToolParameter.required): lax mode takes bools, 0/1 and a few words, in any case.
  ['required: yes (YAML 1.1 true)', { field: 'required', given: 'yes', want: { value: true } }],
  ['required: "yes"', { field: 'required', given: '"yes"', want: { value: true } }],
  ['required: "on"', { field: 'required', given: '"on"', want: { value: true } }],
  ['required: "t"', { field: 'required', given: '"t"', want: { value: true } }],
  ['required: "y"', { field: 'required', given: '"y"', want: { value: true } }],
  ['required: "TRUE"', { field: 'required', given: '"TRUE"', want: { value: true } }],
  ['required: 1', { field: 'required', given: '1', want: { value: true } }],
  ['required: 1.0', { field: 'required', given: '1.0', want: { value: true } }],
  ['required: "off"', { field: 'required', given: '"off"', want: { value: false } }],
  ['required: "f"', { field: 'required', given: '"f"', want: { value: false } }],
  ['required: "n"', { field: 'required', given: '"n"', want: { value: false } }],
  ['required: "0"', { field: 'required', given: '"0"', want: { value: false } }],
  ['required: 0', { field: 'required', given: '0', want: { value: false } }],
  ['required: !!binary eWVz (bytes "yes")', { field: 'required', given: '!!binary eWVz', want: { value: true } }],
  ['required: 2', { field: 'required', given: '2', want: { refused: 'not-a-boolean', message: BOOL_PARSING } }],
  ['required: -1', { field: 'required', given: '-1', want: { refused: 'not-a-boolean', message: BOOL_PARSING } }],
  ['required: 2.0', { field: 'required', given: '2.0', want: { refused: 'not-a-boolean', message: BOOL_PARSING } }],
  ['required: 0.5', { field: 'required', given: '0.5', want: { refused: 'not-a-boolean', message: BOOL } }],
  ['required: .inf', { field: 'required', given: '.inf', want: { refused: 'not-a-boolean', message: BOOL } }],
  ['required: "maybe"', { field: 'required', given: '"maybe"', want: { refused: 'not-a-boolean', message: BOOL_PARSING } }],
  ['required: "" (empty string)', { field: 'required', given: '""', want: { refused: 'not-a-boolean', message: BOOL_PARSING } }],
  ['required: " yes" (no trimming)', { field: 'required', given: '" yes"', want: { refused: 'not-a-boolean', message: BOOL_PARSING } }],
  ['required: (null)', { field: 'required', given: '', want: { refused: 'not-a-boolean', message: BOOL } }],
  ['required: ~', { field: 'required', given: '~', want: { refused: 'not-a-boolean', message: BOOL } }],
  ['required: []', { field: 'required', given: '[]', want: { refused: 'not-a-boolean', message: BOOL } }],
  ['required: 2024-01-01', { field: 'required', given: '2024-01-01', want: { refused: 'not-a-boolean', message: BOOL } }],
  ['required: 12345678901234567890', { field: 'required', given: '12345678901234567890', want: { refused: 'not-a-boolean', message: BOOL } }],
  // str (ToolParameter.name, I18nObject.en_US): strings; bytes decoded as UTF-8; nothing else.
  ['name: "12"', { field: 'name', given: '"12"', want: { value: '12' } }],
  ['name: !!binary cQ== (bytes "q")', { field: 'name', given: '!!binary cQ==', want: { value: 'q' } }],
  ['name: 12', { field: 'name', given: '12', want: { refused: 'not-a-string', message: STR } }],
  ['name: yes (YAML 1.1 true)', { field: 'name', given: 'yes', want: { refused: 'not-a-string', message: STR } }],
  ['name: 1.5', { field: 'name', given: '1.5', want: { refused: 'not-a-string', message: STR } }],
  ['name: 2024-01-01', { field: 'name', given: '2024-01-01', want: { refused: 'not-a-string', message: STR } }],
  ['name: !!binary //8= (not UTF-8)', { field: 'name', given: '!!binary //8=', want: { refused: 'invalid-value', message: `${STR}, unable to parse raw data as a unicode string` } }],
  ['description: text', { field: 'description', given: 'text', want: { value: 'text' } }],
  ['description: 12', { field: 'description', given: '12', want: { refused: 'not-a-string', message: STR } }],
  ['description: ~ (I18nObject.en_US is not optional)', { field: 'description', given: '~', want: { refused: 'not-a-string', message: STR } }],
  // float | int | str | bool | list | dict | None (ToolParameter.default); lists and mappings are stored as no default.
  ['default: yes (YAML 1.1 true) stays a bool', { field: 'default', given: 'yes', want: { value: true } }],
  ['default: 0x10 is the int 16', { field: 'default', given: '0x10', want: { value: 16 } }],
  ['default: 1.5', { field: 'default', given: '1.5', want: { value: 1.5 } }],
  ['default: ~', { field: 'default', given: '~', want: { value: null } }],
  ['default: [a] (a list)', { field: 'default', given: '[a]', want: { value: null } }],
  ['default: !!set {a} (a set becomes a list)', { field: 'default', given: '!!set {a}', want: { value: null } }],
  ['default: {a: 1} (a dict)', { field: 'default', given: '{a: 1}', want: { value: null } }],
  ['default: !!binary dHJ1ZQ== (bytes "true" is the str)', { field: 'default', given: '!!binary dHJ1ZQ==', want: { value: 'true' } }],
  ['default: !!binary MTI= (bytes "12" is the float 12)', { field: 'default', given: '!!binary MTI=', want: { value: 12 } }],
  ['default: 2024-01-01', { field: 'default', given: '2024-01-01', want: { refused: 'invalid-default', message: 'Input should be a valid number' } }],
  // str | None (ApiToolBundle.operation_id, .summary).
  ['operationId: "" is kept (registered as default_tool)', { field: 'operationId', given: '""', want: { value: '' } }],
  ['operationId: (null) is accepted', { field: 'operationId', given: '', want: { value: null } }],
  ['operationId: ~ is accepted', { field: 'operationId', given: '~', want: { value: null } }],
  ['operationId: 12', { field: 'operationId', given: '12', want: { refused: 'not-a-string', message: STR } }],
  ['operationId: yes (YAML 1.1 true)', { field: 'operationId', given: 'yes', want: { refused: 'not-a-string', message: STR } }],
  ['summary: ~', { field: 'summary', given: '~', want: { value: null } }],
  ['summary: 12', { field: 'summary', given: '12', want: { refused: 'not-a-string', message: STR } }],
];

describe("pydantic's lax coercion on the fields Dify validates", () => {
  it.each(table)('%s', (_name, { field, given, want }) => {
    const text = specFor(field, given);
    let value: unknown;
    const d = caught(() => {
      value = fieldValue(field, text);
    });
    if ('refused' in want) {
      expect(d?.code).toBe(want.refused);
      expect(d?.dify).toContain(`ValidationError: `);
      expect(d?.dify).toContain(want.message);
      expect(refusalOf(d!).line).toBeGreaterThanOrEqual(6);
    } else {
      expect(d).toBeUndefined();
      expect(value).toEqual(want.value);
    }
  });
});
