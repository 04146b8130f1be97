/**
 * Naming control: function names for tool names without ASCII letters (Chinese, Japanese,
 * Korean operationIds), the manifest's `functionNames` (checked, located errors), and a
 * provider pointing at an export `part`.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFunctionNames } from '../../src/emit/typescript/module-plan.js';
import { functionNameSource, type NamedTool } from '../../src/plan/provider-plan.js';
import { cli, REPO, withPackageJson } from '../cli/run.js';

describe('function names', () => {
  const cases: Array<[string, { given: NamedTool[]; requested?: Record<string, string>; want: Record<string, string> }]> = [
    ['a Chinese name on the root path (real: wttr.yml)', { given: [{ name: '天气查询', method: 'get', path: '/' }], want: { 天气查询: 'getRoot' } }],
    ['a Chinese name: method and path words', { given: [{ name: '获取订单', method: 'get', path: '/orders/{id}' }], want: { 获取订单: 'getOrdersId' } }],
    ['a Korean name', { given: [{ name: '주문_조회', method: 'delete', path: '/v2/orders' }], want: { 주문_조회: 'deleteV2Orders' } }],
    ['a Japanese name on a path without ASCII words', { given: [{ name: '注文を取得', method: 'post', path: '/注文' }], want: { 注文を取得: 'postTool' } }],
    ['digits only count as no letters', { given: [{ name: '２０２４', method: 'get', path: '/y' }, { name: '2024', method: 'put', path: '/y' }], want: { '２０２４': 'getY', '2024': 'putY' } }],
    ['a name with ASCII letters keeps them (real: sougou_ocr.yml)', { given: [{ name: 'ocr识别', method: 'post', path: '/' }], want: { ocr识别: 'ocr' } }],
    [
      'two fallbacks wanting one identifier: code-point order of the tool names',
      { given: [{ name: '用户列表', method: 'get', path: '/users' }, { name: '用户', method: 'get', path: '/users/' }], want: { 用户列表: 'getUsers2', 用户: 'getUsers' } },
    ],
    [
      'a requested name wins over a derived one',
      { given: [{ name: 'listPets' }, { name: '宠物列表', method: 'get', path: '/pets' }], requested: { 宠物列表: 'listPets' }, want: { listPets: 'listPets2', 宠物列表: 'listPets' } },
    ],
    ['plugin tools (names only) keep the old rule', { given: [{ name: '搜索' }], want: { 搜索: 'tool' } }],
    [
      "names the module exports itself take a suffix ('requests' is the request data, 'tools' the table)",
      { given: [{ name: 'requests' }, { name: 'tools' }, { name: 'provider' }], want: { requests: 'requests_', tools: 'tools_', provider: 'provider_' } },
    ],
  ];
  it.each(cases)('%s', (_name, { given, requested, want }) => {
    const named = given.map((t) => ({ name: t.name, nameSource: functionNameSource(t) }));
    expect(Object.fromEntries(planFunctionNames(named, new Map(Object.entries(requested ?? {}))))).toEqual(want);
  });

  it('functionNameSource says what the name is made of', () => {
    expect(functionNameSource({ name: '天气查询', method: 'get', path: '/' })).toBe('get root');
    expect(functionNameSource({ name: 'getWeather', method: 'get', path: '/' })).toBe('getWeather');
  });
});

/** A project with the real CJK specs and the given manifest providers; both outputs. */
function cjkProject(providers: string): string {
  const dir = withPackageJson(mkdtempSync(join(tmpdir(), 'dify-toolgen-names-')));
  cpSync(join(REPO, 'test', 'fixtures', 'cjk'), join(dir, 'specs'), { recursive: true });
  writeFileSync(join(dir, 'dify-tools.yaml'), `output: generated\npython:\n  output: tools_py\nproviders:\n${providers}`);
  return dir;
}

const WTTR = '  wttr:\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: specs/wttr.yml\n';
const OCR = '  ocr:\n    type: api\n    id: 0d3b7c52-8e4f-4a61-b2c9-5f7e1a9d3c48\n    spec: specs/sougou_ocr.yml\n';

describe('generated names on real Chinese specs', () => {
  it('the fallback name, with the Dify tool name in the JSDoc and the call', async () => {
    const dir = cjkProject(WTTR + OCR);
    expect((await cli(dir, 'generate')).code).toBe(0);
    const wttr = readFileSync(join(dir, 'generated', 'wttr.ts'), 'utf8');
    expect(wttr).toContain('export function getRoot(');
    expect(wttr).toContain('export interface GetRootParams {');
    expect(wttr).toContain('Dify tool `天气查询` · `GET /`');
    expect(wttr).toContain('    provider,\n    "天气查询",\n    GetRootParams,\n');
    expect(readFileSync(join(dir, 'generated', 'ocr.ts'), 'utf8')).toContain('export function ocr(');
    // Python: the same name source, in PEP 8 form.
    const py = readFileSync(join(dir, 'tools_py', 'wttr.py'), 'utf8');
    expect(py).toContain('def get_root(\n');
    expect(py).toContain('class GetRootParams(TypedDict):');
    expect(py).toContain('Dify API tool ``天气查询`` (``GET /``).');
    expect(py).toContain('    "get_root": runtime.Tool(\n        tool_name="天气查询",\n');
  });

  it('functionNames renames it', async () => {
    const dir = cjkProject(WTTR + '    functionNames: {天气查询: getWeather}\n');
    expect((await cli(dir, 'generate')).code).toBe(0);
    const wttr = readFileSync(join(dir, 'generated', 'wttr.ts'), 'utf8');
    expect(wttr).toContain('export function getWeather(');
    expect(wttr).toContain('export interface GetWeatherParams {');
    const py = readFileSync(join(dir, 'tools_py', 'wttr.py'), 'utf8');
    expect(py).toContain('def get_weather(\n');
    expect(py).toContain('class GetWeatherParams(TypedDict):');
  });

  it.each([
    ['an unknown tool', '{天气: getWeather}', 'dify-tools.yaml:9:25: error [manifest-unknown-tool] the spec "specs/wttr.yml" has no tool named "天气" (in `functionNames` of provider "wttr")'],
    ['not an ASCII identifier', '{天气查询: get-weather}', 'dify-tools.yaml:9:27: error [manifest-function-name] "get-weather" cannot name the function of "天气查询": it is not an ASCII identifier'],
    ['a reserved word', '{天气查询: delete}', 'dify-tools.yaml:9:27: error [manifest-function-name] "delete" cannot name the function of "天气查询": it is a reserved word or a global'],
  ])('refuses %s, at its place in the manifest', async (_name, names, message) => {
    const dir = cjkProject(WTTR + `    functionNames: ${names}\n`);
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });
});

describe('functionNames on a builtin provider', () => {
  it('renames a plugin tool', async () => {
    const dir = cjkProject(
      '  search:\n    type: builtin\n    id: acme/search/search\n    functionNames: {web_search: search}\n    tools:\n      web_search:\n        parameters: [{name: query, type: string, required: true, form: llm}]\n',
    );
    const run = await cli(dir, 'generate');
    expect(run.stderr).toBe('');
    const module = readFileSync(join(dir, 'generated', 'search.ts'), 'utf8');
    expect(module).toContain('export function search(');
    expect(module).toContain('"web_search"');
    expect(readFileSync(join(dir, 'tools_py', 'search.py'), 'utf8')).toContain('def search(\n');
  });

  it('refuses two pinned names that would name one Python function, at the later entry', async () => {
    const dir = cjkProject(
      '  search:\n    type: builtin\n    id: acme/search/search\n    functionNames: {web_search: findIt, find_it: find_it}\n    tools:\n' +
        '      web_search:\n        parameters: [{name: query, type: string, required: true, form: llm}]\n' +
        '      find_it:\n        parameters: [{name: query, type: string, required: true, form: llm}]\n',
    );
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('dify-tools.yaml:8:50: error [manifest-function-name-python] "findIt" and "find_it" would both name the Python function "find_it"\n');
    expect(run.stderr).toContain('  fix:  give them names whose snake_case forms differ');
  });

  it('a pinned name keeps its Python name; a derived one wanting it gets a suffix', async () => {
    const dir = cjkProject(
      '  search:\n    type: builtin\n    id: acme/search/search\n    functionNames: {web_search: findIt}\n    tools:\n' +
        '      web_search:\n        parameters: [{name: query, type: string, required: true, form: llm}]\n' +
        '      find_it:\n        parameters: [{name: query, type: string, required: true, form: llm}]\n',
    );
    expect((await cli(dir, 'generate')).stderr).toBe('');
    const py = readFileSync(join(dir, 'tools_py', 'search.py'), 'utf8');
    expect(py).toContain('    "find_it": runtime.Tool(\n        tool_name="web_search",\n');
    expect(py).toContain('    "find_it2": runtime.Tool(\n        tool_name="find_it",\n');
  });
});

describe('a provider pointing at an export part', () => {
  it('wraps only the tools of that part', async () => {
    const dir = cjkProject(WTTR + '    part: weather\n');
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(readFileSync(join(dir, 'generated', 'wttr.ts'), 'utf8')).toContain('export function getRoot(');
  });

  it('refuses a part export does not make, naming the parts', async () => {
    const dir = cjkProject(WTTR + '    part: wether\n');
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('dify-tools.yaml:9:11: error [manifest-unknown-part] `dify-toolgen export specs/wttr.yml` makes no part named "wether"');
    expect(run.stderr).toContain('did you mean "weather"? its parts: "weather"');
  });
});
