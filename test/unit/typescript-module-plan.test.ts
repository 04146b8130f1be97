/**
 * The TypeScript module plan: every identifier of a module, planned from the tool model
 * alone, by one rule for every provider kind (the collision rule of planIdentifiers).
 */
import { describe, expect, it } from 'vitest';
import { emitFiles } from '../../src/emit/files.js';
import { planTypeScriptModule } from '../../src/emit/typescript/module-plan.js';
import type { ProviderModel, ToolModel, TypeShape } from '../../src/model/tool-model.js';

const ANY: TypeShape = { kind: 'any' };

function tool(name: string, extra: Partial<ToolModel> = {}): ToolModel {
  return { name, nameSource: name, difyName: name, summary: [], parameters: [], ...extra };
}

function model(kind: ProviderModel['kind'], tools: ToolModel[], types: ProviderModel['types'] = []): ProviderModel {
  return { module: 'm', kind, id: 'x', sourceDisplay: 's', tools, types, diagnostics: [] };
}

/** A 200 application/json body (its schema is not read by the plan). */
const BODY = { status: '200', mediaType: 'application/json', schema: { value: undefined, document: undefined as never, at: [] } };
/** As the model makes them: a `json` shape exactly when some body is a JSON object (`bodies.json`). */
const results = (sameBodies: boolean, json = true): ToolModel['results'] => ({ ...(json ? { json: ANY } : {}), body: ANY, sameBodies, bodies: { json: json ? [BODY] : [], body: [BODY] } });
const output: ToolModel['output'] = { type: ANY, variables: false, origin: 'output_schema' };

describe('planTypeScriptModule', () => {
  it.each<[string, { given: ProviderModel; want: Array<Record<string, string>> }]>([
    ['a builtin tool: params and output', { given: model('builtin', [tool('web_search', { output })]), want: [{ functionName: 'webSearch', paramsName: 'WebSearchParams', outputName: 'WebSearchOutput' }] }],
    ['an API tool whose bodies are all objects: one result type for json() and body()', { given: model('api', [tool('getPet', { results: results(true) })]), want: [{ functionName: 'getPet', paramsName: 'GetPetParams', resultName: 'GetPetResult', bodyName: 'GetPetResult' }] }],
    ['an API tool with other bodies too: a Body type', { given: model('api', [tool('getPet', { results: results(false) })]), want: [{ functionName: 'getPet', paramsName: 'GetPetParams', resultName: 'GetPetResult', bodyName: 'GetPetBody' }] }],
    ['an API tool with no object body: only a Body type', { given: model('api', [tool('listPets', { results: results(false, false) })]), want: [{ functionName: 'listPets', paramsName: 'ListPetsParams', bodyName: 'ListPetsBody' }] }],
    ['the name source, not the tool name (CJK operationIds)', { given: model('api', [tool('天气查询', { nameSource: 'get root' })]), want: [{ functionName: 'getRoot', paramsName: 'GetRootParams' }] }],
    ['a requested name wins; the derived one moves aside', { given: model('builtin', [tool('a', { requestedName: 'search' }), tool('search')]), want: [{ functionName: 'search', paramsName: 'SearchParams' }, { functionName: 'search2', paramsName: 'Search2Params' }] }],
  ])('%s', (_name, { given, want }) => {
    expect(planTypeScriptModule(given).tools.map(({ tool: _tool, ...names }) => names)).toEqual(want);
  });

  it('names named shapes after their base name, sorted by identifier, around the tools’ names', () => {
    const plan = planTypeScriptModule(
      model('api', [tool('pet')], [
        { key: '/components/schemas/PetParams', baseName: 'PetParams', type: ANY },
        { key: '/components/schemas/Owner', baseName: 'owner', type: ANY },
      ]),
    );
    // `tool:pet` sorts after `schema:…`: the schema keeps PetParams, the tool's type moves aside.
    expect(plan.schemas.map((s) => [s.shape.key, s.name])).toEqual([['/components/schemas/Owner', 'Owner'], ['/components/schemas/PetParams', 'PetParams']]);
    expect(plan.tools[0]!.paramsName).toBe('PetParams2');
    expect([...plan.schemaNames]).toEqual([['/components/schemas/Owner', 'Owner'], ['/components/schemas/PetParams', 'PetParams']]);
  });
});

describe('the TypeScript emitter reads only the model', () => {
  it('renders a model made by hand (shapes, no schema sources)', () => {
    const owner: TypeShape = { kind: 'object', properties: [{ name: 'name', type: { kind: 'string', maxLength: 9 }, required: true, description: 'Who.' }] };
    const given: ProviderModel = {
      ...model('api', [
        tool('addPet', {
          http: { method: 'post', path: '/pets', invocable: true },
          request: { method: 'post', path: '/pets', parameters: [] },
          parameters: [
            { name: 'owner', difyType: 'string', required: true, default: null, optional: false, place: 'body', mediaType: 'application/json', type: { kind: 'ref', key: 'Owner' } },
            { name: 'tag', difyType: 'string', required: false, default: null, optional: true, place: 'query', type: { kind: 'literal', values: ['a', 'b'] } },
          ],
        }),
      ], [{ key: 'Owner', baseName: 'owner', type: owner, description: 'An owner.' }]),
      server: 'https://example.com',
    };
    const module = emitFiles({ fileDisplay: 'dify-tools.yaml' }, [given]).find((f) => f.name === 'm.ts')!.content;
    for (const text of [
      '/** An owner. */\nexport type Owner = {\n  /** Who. */\n  name: string;\n};\n\nexport const Owner: v.Validator = $validators.define(\n  "Owner",\n  \'["object",{"name":["string",{"maxLength":9}]}]\',\n);',
      '  owner: Owner;',
      '  tag?: "a" | "b";',
      'import * as v from "./validators.js";\n\nconst $validators: v.Registry = v.registry();\n\n/** The Dify API provider',
      'export const AddPetParams: v.Validator = $validators.define(\n  "AddPetParams",\n  \'["strictObject",{"owner":"#Owner","tag":["optional",["enum",["a","b"]]]}]\',\n);',
      'export function addPet(',
    ]) expect(module).toContain(text);
  });

  const HEADER = '// This file was generated by dify-toolgen from s.\n// Do not edit it by hand: change the input and run `dify-toolgen generate`.\n\n';
  const PROVIDER = '/** The Dify builtin provider these wrappers call (from s). */\n';
  const METADATA = "/** Every wrapper of this module: its Dify tool name and Dify's parameter names. */\n";
  const IMPORTS = 'import * as runtime from "./runtime.js";\nimport * as v from "./validators.js";\n\n';
  it.each<[string, { given: ProviderModel; shape?: 'declarations'; want: Record<string, string> }]>([
    [
      'a module without tools: no imports (in each shape)',
      {
        given: model('builtin', []),
        want: { 'm.ts': `${HEADER}${PROVIDER}export const provider = {\n  type: "builtin",\n  id: "x",\n} as const;\n\n${METADATA}export const tools = {} as const;\n` },
      },
    ],
    [
      'the same, declarations shape',
      {
        given: model('builtin', []),
        shape: 'declarations',
        want: {
          'm.d.ts': `${HEADER}${PROVIDER}export declare const provider: {\n  readonly type: "builtin";\n  readonly id: "x";\n};\n\n${METADATA}export declare const tools: {};\n`,
          'm.js': `${HEADER}export const provider = {\n  type: "builtin",\n  id: "x",\n};\n\nexport const tools = {};\n`,
        },
      },
    ],
    [
      'an API module without tools: no imports, no requests',
      {
        given: { ...model('api', []), server: 'https://example.com' },
        want: { 'm.ts': `${HEADER}/** The Dify API provider these wrappers call (from s). */\nexport const provider = {\n  type: "api",\n  id: "x",\n} as const;\n\n${METADATA}export const tools = {} as const;\n` },
      },
    ],
  ])('%s', (_name, { given, shape, want }) => {
    const files = emitFiles({ fileDisplay: 'dify-tools.yaml', ...(shape ? { typescriptEmit: shape } : {}) }, [given]);
    expect(Object.fromEntries(files.filter((f) => f.name.startsWith('m.')).map((f) => [f.name, f.content]))).toEqual(want);
  });

  it.each<[string, { shape?: 'declarations'; file: string; want: string }]>([
    ['.ts', { file: 'm.ts', want: `${HEADER}${IMPORTS}const $validators: v.Registry = v.registry();\n\n${PROVIDER}export const provider` }],
    ['.d.ts', { shape: 'declarations', file: 'm.d.ts', want: `${HEADER}${IMPORTS}declare const $validators: v.Registry;\n\n${PROVIDER}export declare const provider` }],
    ['.js', { shape: 'declarations', file: 'm.js', want: `${HEADER}${IMPORTS}const $validators = v.registry();\n\nexport const provider` }],
  ])('the imports, decided after the groups, lead the %s module with the registry its validators need', (_name, { shape, file, want }) => {
    const files = emitFiles({ fileDisplay: 'dify-tools.yaml', ...(shape ? { typescriptEmit: shape } : {}) }, [model('builtin', [tool('ping')])]);
    expect(files.find((f) => f.name === file)!.content.slice(0, want.length)).toBe(want);
  });
});
