/**
 * readPlugin: the exact model Dify's reading gives for real plugin layouts (folder and
 * .difypkg), one located error per mistake, go-yaml's reading of scalars, and hostile input
 * (zip-slip names, paths and links out of the plugin, zip bombs), none of which may write to
 * disk or read a file outside the plugin.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Value } from '../../src/load/value.js';
import type { SourceLocation, SourceProvider } from '../../src/sources/model.js';
import { builtinToolFromInline, readPlugin, type PluginLimits } from '../../src/sources/plugin.js';
import { dedent } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const TEMP = mkdtempSync(join(tmpdir(), 'dify-toolgen-sources-'));
afterAll(() => rmSync(TEMP, { recursive: true, force: true }));

const at = (file: string, line: number, column: number, pointer: string): SourceLocation => ({ file, line, column, pointer });

/**
 * Runs `fn`; returns the diagnostics of the `UserError` it throws (every one an error), or the
 * errors of the tools it refused one by one (returned in the provider's diagnostics).
 */
function refused(fn: () => unknown): Diagnostic[] {
  try {
    const provider = fn() as SourceProvider | undefined;
    const errors = provider?.diagnostics.filter((d) => d.severity === 'error') ?? [];
    if (errors.length > 0) return errors;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    for (const d of e.diagnostics) expect(d.severity).toBe('error');
    return e.diagnostics;
  }
  throw new Error('expected a UserError');
}

interface Want {
  code: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
}

const wantOf = (d: Diagnostic | undefined, fragment: string): Want => ({
  code: d?.code ?? '',
  message: d?.message.includes(fragment) ? fragment : (d?.message ?? ''),
  file: d?.location?.file ?? '',
  ...(d?.location?.line === undefined ? {} : { line: d.location.line, column: d.location.column }),
});

// ───────────────────────────── the fixtures, exactly ─────────────────────────────

const GOOGLE: SourceProvider = (() => {
  const search = 'plugins/google/tools/google_search.yaml';
  const image = 'plugins/google/tools/google_image_search.yaml';
  return {
    kind: 'builtin',
    id: 'langgenius/google/google',
    label: 'Google',
    description: 'Google web and image search.',
    diagnostics: [],
    tools: [
      {
        name: 'google_search',
        label: 'Google Search',
        description: 'Runs a Google web search and returns the results.',
        location: at(search, 1, 1, '#'),
        parameters: [
          { name: 'query', type: 'string', required: true, default: null, form: 'llm', label: 'Query', description: 'What to search for.', llmDescription: 'Search keywords.', location: at(search, 11, 5, '#/parameters/0') },
          { name: 'language_code', type: 'string', required: false, default: null, form: 'llm', label: 'Language code', description: 'Two-letter language of the results, such as en.', location: at(search, 20, 5, '#/parameters/1') },
          { name: 'country_code', type: 'string', required: false, default: null, form: 'llm', label: 'Country code', description: 'Two-letter country to search from, such as us.', location: at(search, 28, 5, '#/parameters/2') },
          { name: 'as_agent_tool', type: 'boolean', required: false, default: false, form: 'form', label: 'Return as text for agents', description: 'Return one text message instead of JSON.', location: at(search, 36, 5, '#/parameters/3') },
        ],
      },
      {
        name: 'google_image_search',
        label: 'Google Image Search',
        description: 'Finds images on Google.',
        location: at(image, 1, 1, '#'),
        parameters: [
          { name: 'query', type: 'string', required: true, default: null, form: 'llm', label: 'Query', description: 'What to look for.', location: at(image, 11, 5, '#/parameters/0') },
          { name: 'num', type: 'number', required: false, default: 10, min: 1, max: 100, form: 'form', label: 'Number of results', description: 'How many images to return.', location: at(image, 19, 5, '#/parameters/1') },
        ],
      },
    ],
  };
})();

/** The tavily plugin, its files shown through `file` (folder: `/`, archive: `!`). */
function tavily(file: (path: string) => string): SourceProvider {
  const search = file('tools/tavily_search.yaml');
  const extract = file('tools/tavily_extract.yaml');
  const select = (...values: Array<[string, string]>) => values.map(([value, label]) => ({ value, label }));
  return {
    kind: 'builtin',
    id: 'langgenius/tavily/tavily',
    label: 'Tavily',
    description: 'Web search built for agents.',
    diagnostics: [],
    tools: [
      {
        name: 'tavily_search',
        label: 'Tavily Search',
        description: 'Searches the web and returns ranked results.',
        location: at(search, 1, 1, '#'),
        parameters: [
          { name: 'query', type: 'string', required: true, default: null, form: 'llm', label: 'Query', description: 'The search query.', location: at(search, 11, 5, '#/parameters/0') },
          {
            name: 'search_depth',
            type: 'select',
            required: false,
            default: 'basic',
            form: 'llm',
            label: 'Search depth',
            description: 'Depth of the search.',
            options: select(['basic', 'Basic'], ['advanced', 'Advanced'], ['fast', 'Fast']),
            location: at(search, 17, 5, '#/parameters/1'),
          },
          {
            name: 'topic',
            type: 'select',
            required: false,
            default: 'general',
            form: 'llm',
            label: 'Topic',
            description: 'Category of the search.',
            options: select(['general', 'General'], ['news', 'News'], ['finance', 'Finance']),
            location: at(search, 31, 5, '#/parameters/2'),
          },
          { name: 'max_results', type: 'number', required: false, default: 5, min: 1, max: 20, form: 'llm', label: 'Max results', description: 'How many results to return.', location: at(search, 45, 5, '#/parameters/3') },
          { name: 'include_images', type: 'boolean', required: false, default: false, form: 'form', label: 'Include images', description: 'Also return related images.', location: at(search, 54, 5, '#/parameters/4') },
          { name: 'include_domains', type: 'string', required: false, default: null, form: 'llm', label: 'Include domains', description: 'Comma-separated domains to search only.', location: at(search, 61, 5, '#/parameters/5') },
        ],
      },
      {
        name: 'tavily_extract',
        label: 'Tavily Extract',
        description: 'Extracts the content of web pages.',
        location: at(extract, 1, 1, '#'),
        parameters: [
          { name: 'urls', type: 'string', required: true, default: null, form: 'llm', label: 'URLs', description: 'Comma-separated URLs to extract.', location: at(extract, 9, 5, '#/parameters/0') },
          {
            name: 'format',
            type: 'select',
            required: false,
            default: 'markdown',
            form: 'form',
            label: 'Format',
            description: 'Output format.',
            options: select(['markdown', 'Markdown'], ['text', 'Text']),
            location: at(extract, 15, 5, '#/parameters/1'),
          },
          { name: 'attachments', type: 'files', required: false, default: null, form: 'llm', label: 'Attachments', description: 'Files to extract from as well.', location: at(extract, 27, 5, '#/parameters/2') },
        ],
      },
    ],
  };
}

describe('readPlugin reads the fixtures as Dify does', () => {
  const cases: Array<[string, { path: string; want: SourceProvider }]> = [
    ['the google plugin folder', { path: 'plugins/google', want: GOOGLE }],
    ['the tavily plugin folder', { path: 'plugins/tavily', want: tavily((p) => `plugins/tavily/${p}`) }],
    ['the tavily .difypkg, read in place (files shown with !)', { path: 'plugins/tavily-0.1.4.difypkg', want: tavily((p) => `plugins/tavily-0.1.4.difypkg!${p}`) }],
  ];
  it.each(cases)('%s', (_, { path, want }) => {
    expect(readPlugin(path, { root: FIXTURES, display: path })).toStrictEqual(want);
  });

  it('gives the same model for a folder and for the archive made from it', () => {
    const folder = readPlugin(join(FIXTURES, 'plugins', 'google'), { root: '/', display: 'g' });
    const file = join(TEMP, 'google.difypkg');
    writeFileSync(file, zip(['manifest.yaml', 'provider/google.yaml', 'tools/google_search.yaml', 'tools/google_image_search.yaml'].map((name) => ({ name, data: read(join(FIXTURES, 'plugins', 'google', name)) }))));
    const archive = readPlugin(file, { root: '/', display: 'g.difypkg' });
    expect(JSON.parse(JSON.stringify(archive).replaceAll('g.difypkg!', 'g/'))).toStrictEqual(JSON.parse(JSON.stringify(folder)));
  });
});

// ───────────────────────────── one error per mistake ─────────────────────────────

const MANIFEST = dedent(`
  version: 0.0.1
  type: plugin
  author: acme
  name: demo
  label: {en_US: Demo}
  description: {en_US: A demo plugin.}
  plugins:
    tools:
      - provider/demo.yaml
`);

const PROVIDER = dedent(`
  identity:
    author: acme
    name: demo
    label: {en_US: Demo}
  tools:
    - tools/echo.yaml
`);

const TOOL = dedent(`
  identity:
    name: echo
    author: acme
    label: {en_US: Echo}
  description:
    human: {en_US: Echoes text.}
    llm: Echoes the text back.
  parameters:
    - name: text
      type: string
      required: true
      form: llm
`);

const BASE: Record<string, string> = { 'manifest.yaml': MANIFEST, 'provider/demo.yaml': PROVIDER, 'tools/echo.yaml': TOOL };

let folders = 0;

/** A plugin folder `<tmp>/<n>/demo` (beside `<tmp>/<n>/canary.yaml`): the base files, changed by `changes` (null removes). */
function plugin(changes: Record<string, string | Buffer | null> = {}): { dir: string; canary: string } {
  const work = join(TEMP, `p${++folders}`);
  const dir = join(work, 'demo');
  const canary = `CANARY-${folders}-do-not-read`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(work, 'canary.yaml'), `identity: {name: ${canary}, author: ${canary}}\nparameters: [{name: ${canary}, type: string, form: llm}]\n`);
  for (const [name, content] of Object.entries({ ...BASE, ...changes })) {
    if (content === null) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return { dir, canary };
}

const readDemo = (dir: string) => readPlugin(dir, { root: '/', display: 'demo' });
const edit = (text: string, from: string, to: string) => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe('readPlugin reports each mistake with its code, place and hint', () => {
  const cases: Array<[string, { files: Record<string, string | Buffer | null>; want: Want }]> = [
    ['no manifest.yaml', { files: { 'manifest.yaml': null }, want: { code: 'plugin-missing-file', message: '"demo/manifest.yaml" does not exist', file: 'demo/manifest.yaml' } }],
    [
      'a provider file that does not exist',
      { files: { 'manifest.yaml': edit(MANIFEST, 'provider/demo.yaml', 'provider/nope.yaml') }, want: { code: 'plugin-missing-file', message: 'the provider file "provider/nope.yaml" does not exist', file: 'demo/manifest.yaml', line: 9, column: 7 } },
    ],
    [
      'a tool file that does not exist',
      { files: { 'provider/demo.yaml': edit(PROVIDER, 'tools/echo.yaml', 'tools/nope.yaml') }, want: { code: 'plugin-missing-file', message: 'the tool file "tools/nope.yaml" does not exist', file: 'demo/provider/demo.yaml', line: 6, column: 5 } },
    ],
    [
      'malformed YAML',
      { files: { 'tools/echo.yaml': edit(TOOL, '  label: {en_US: Echo}', '  label: {en_US: Echo') }, want: { code: 'plugin-yaml-syntax', message: '"demo/tools/echo.yaml" is not valid YAML', file: 'demo/tools/echo.yaml', line: 5, column: 1 } },
    ],
    [
      'a key given twice (go-yaml refuses it)',
      { files: { 'tools/echo.yaml': edit(TOOL, '  author: acme', '  name: echo2') }, want: { code: 'plugin-yaml-syntax', message: 'Map keys must be unique', file: 'demo/tools/echo.yaml', line: 3, column: 3 } },
    ],
    ['unreadable YAML (not UTF-8)', { files: { 'tools/echo.yaml': Buffer.from([0x69, 0x3a, 0xff, 0xfe]) }, want: { code: 'plugin-unreadable', message: 'is not UTF-8 text', file: 'demo/tools/echo.yaml' } }],
    ['a manifest without author', { files: { 'manifest.yaml': edit(MANIFEST, 'author: acme\n', '') }, want: { code: 'plugin-missing-key', message: 'the plugin manifest has no `author`', file: 'demo/manifest.yaml', line: 1, column: 1 } }],
    ['a manifest without name', { files: { 'manifest.yaml': edit(MANIFEST, 'name: demo\n', '') }, want: { code: 'plugin-missing-key', message: 'the plugin manifest has no `name`', file: 'demo/manifest.yaml', line: 1, column: 1 } }],
    [
      'a manifest author Dify cannot install',
      { files: { 'manifest.yaml': edit(MANIFEST, 'author: acme', 'author: ACME') }, want: { code: 'plugin-invalid-name', message: 'the plugin author "ACME" is not lower-case letters', file: 'demo/manifest.yaml', line: 3, column: 9 } },
    ],
    ['a manifest without plugins.tools', { files: { 'manifest.yaml': edit(MANIFEST, '  tools:\n    - provider/demo.yaml\n', '  tools: []\n') }, want: { code: 'plugin-missing-key', message: 'lists no tool provider', file: 'demo/manifest.yaml', line: 8, column: 3 } }],
    ['a provider entry that names no file', { files: { 'manifest.yaml': edit(MANIFEST, '- provider/demo.yaml', '- ~') }, want: { code: 'plugin-missing-key', message: 'the entry plugins.tools[0] names no provider file', file: 'demo/manifest.yaml', line: 9, column: 7 } }],
    ['a provider without identity.name', { files: { 'provider/demo.yaml': edit(PROVIDER, '  name: demo\n', '') }, want: { code: 'plugin-missing-key', message: 'the provider has no `identity.name`', file: 'demo/provider/demo.yaml', line: 2, column: 3 } }],
    ['a tool without identity.name', { files: { 'tools/echo.yaml': edit(TOOL, '  name: echo\n', '') }, want: { code: 'plugin-missing-key', message: 'the tool has no `identity.name`', file: 'demo/tools/echo.yaml', line: 2, column: 3 } }],
    ['a tool without identity.author', { files: { 'tools/echo.yaml': edit(TOOL, '  author: acme\n', '') }, want: { code: 'plugin-missing-key', message: 'the tool has no `identity.author`', file: 'demo/tools/echo.yaml', line: 2, column: 3 } }],
    [
      'a tool name the daemon refuses',
      { files: { 'tools/echo.yaml': edit(TOOL, 'name: echo', 'name: echo text') }, want: { code: 'plugin-invalid-name', message: 'the name "echo text" of the tool', file: 'demo/tools/echo.yaml', line: 2, column: 9 } },
    ],
    ['a parameter without name', { files: { 'tools/echo.yaml': edit(TOOL, '- name: text\n    type', '- type') }, want: { code: 'plugin-parameter-missing-key', message: 'parameters[0] has no `name`', file: 'demo/tools/echo.yaml', line: 9, column: 5 } }],
    ['a parameter whose name is null', { files: { 'tools/echo.yaml': edit(TOOL, '- name: text', '- name: ~') }, want: { code: 'plugin-parameter-missing-key', message: 'parameters[0] has no `name`', file: 'demo/tools/echo.yaml', line: 9, column: 11 } }],
    ['a parameter without type', { files: { 'tools/echo.yaml': edit(TOOL, '    type: string\n', '') }, want: { code: 'plugin-parameter-missing-key', message: 'the parameter "text" has no `type`', file: 'demo/tools/echo.yaml', line: 9, column: 5 } }],
    ['an unknown parameter type', { files: { 'tools/echo.yaml': edit(TOOL, 'type: string', 'type: strnig') }, want: { code: 'plugin-parameter-type', message: 'the parameter "text" has the unknown type "strnig"', file: 'demo/tools/echo.yaml', line: 10, column: 11 } }],
    ['an unknown form', { files: { 'tools/echo.yaml': edit(TOOL, 'form: llm', 'form: model') }, want: { code: 'plugin-parameter-form', message: 'the unknown form "model"', file: 'demo/tools/echo.yaml', line: 12, column: 11 } }],
    ['a select without options', { files: { 'tools/echo.yaml': edit(TOOL, 'type: string', 'type: select') }, want: { code: 'plugin-parameter-no-options', message: 'the select parameter "text" has no options', file: 'demo/tools/echo.yaml', line: 9, column: 5 } }],
    [
      'a required flag that is not a boolean',
      { files: { 'tools/echo.yaml': edit(TOOL, 'required: true', 'required: maybe') }, want: { code: 'plugin-invalid-value', message: '`parameters[0].required` must be true or false, not "maybe"', file: 'demo/tools/echo.yaml', line: 11, column: 15 } },
    ],
    [
      'a duplicate tool name',
      {
        files: { 'provider/demo.yaml': PROVIDER + '  - tools/echo2.yaml\n', 'tools/echo2.yaml': TOOL },
        want: { code: 'plugin-duplicate-tool', message: 'the tool name "echo" is declared twice (first in demo/tools/echo.yaml:1:1)', file: 'demo/tools/echo2.yaml', line: 1, column: 1 },
      },
    ],
  ];
  it.each(cases)('%s', (_, { files, want }) => {
    const [first] = refused(() => readDemo(plugin(files).dir));
    expect(wantOf(first, want.message)).toEqual(want);
    expect(first?.hint).toBeTruthy();
  });

  it('names the valid types and the nearest one for an unknown type', () => {
    const [d] = refused(() => readDemo(plugin({ 'tools/echo.yaml': edit(TOOL, 'type: string', 'type: strnig') }).dir));
    expect(d?.hint).toBe('did you mean "string"? valid types: string, number, boolean, select, secret-input, file, files, checkbox, model-selector, app-selector, dynamic-select, any, array, object, date, date-range');
    expect(d?.excerpt).toBe('    type: strnig');
  });

  it('reports every mistake at once, in every file', () => {
    const tool = edit(TOOL, 'type: string', 'type: strnig') + '  - name: text\n    type: string\n    form: llm\n';
    const diagnostics = refused(() => readDemo(plugin({ 'tools/echo.yaml': tool, 'provider/demo.yaml': PROVIDER + '  - tools/missing.yaml\n' }).dir));
    expect(diagnostics.map((d) => [d.code, d.location?.file, d.location?.line])).toEqual([
      ['plugin-parameter-type', 'demo/tools/echo.yaml', 10],
      ['plugin-missing-file', 'demo/provider/demo.yaml', 7],
    ]);
  });

  it('warns (without refusing) about a parameter without form, and keeps the last of several providers', () => {
    const changes = {
      'tools/echo.yaml': edit(TOOL, '    form: llm\n', ''),
      'manifest.yaml': MANIFEST + '    - provider/other.yaml\n',
      'provider/other.yaml': edit(PROVIDER, 'name: demo', 'name: other'),
    };
    const provider = readDemo(plugin(changes).dir);
    expect(provider.id).toBe('acme/demo/other');
    expect(provider.diagnostics.map((d) => [d.severity, d.code, d.location?.file, d.location?.line])).toEqual([
      // Both providers name tools/echo.yaml, and Dify reads both.
      ['warning', 'plugin-parameter-form-missing', 'demo/tools/echo.yaml', 9],
      ['warning', 'plugin-parameter-form-missing', 'demo/tools/echo.yaml', 9],
      ['warning', 'plugin-several-providers', 'demo/manifest.yaml', 9],
    ]);
  });
});

// ───────────────────────────── duplicate parameters, one bad tool ─────────────────────────────

describe('a double-quoted scalar continued at its key\'s column, as an official plugin ships it', () => {
  // Dify: the daemon reads tool YAML with go-yaml v3, whose scanner does not check the
  // indentation of a quoted scalar's continuation lines (scannerc.go yaml_parser_scan_flow_scalar).
  it('is read, folded, and every later position is where it is written', () => {
    const tool = edit(TOOL, '    form: llm\n', '    form: llm\n    llm_description: "first line\n    second line"\n  - name: after\n    type: number\n    form: llm\n');
    const provider = readDemo(plugin({ 'tools/echo.yaml': tool }).dir);
    expect(provider.diagnostics).toEqual([]);
    expect(provider.tools[0]!.parameters.map((p) => [p.name, p.llmDescription, p.location.line, p.location.column])).toEqual([
      ['text', 'first line second line', 9, 5],
      ['after', undefined, 15, 5],
    ]);
  });
});

describe('a parameter name declared twice in a tool YAML is one key, typed by the last declaration', () => {
  // Dify: the daemon has no check (dify-plugin-daemon tool_declaration.go ToolParameter), so the
  // plugin installs with both entries; at invocation Tool.transform_tool_parameters_type (dify
  // api/core/tools/__base/tool.py) casts the value with each entry in list order, so the last
  // entry's type is what the tool receives, and PluginTool._invoke forwards the dict as is.
  const again = (type: string, required: boolean) => `  - name: text\n    type: ${type}\n    required: ${required}\n    form: llm\n`;
  const cases: Array<[string, { given: string; want: { type: string; required: boolean; lines: number[] } }]> = [
    ['a second declaration', { given: TOOL + again('number', false), want: { type: 'number', required: false, lines: [13] } }],
    ['a third declaration', { given: TOOL + again('number', false) + again('boolean', true), want: { type: 'boolean', required: true, lines: [13, 17] } }],
  ];
  it.each(cases)('%s', (_, { given, want }) => {
    const provider = readDemo(plugin({ 'tools/echo.yaml': given }).dir);
    const parameters = provider.tools[0]!.parameters;
    expect(parameters.map((p) => [p.name, p.type, p.required])).toEqual([['text', want.type, want.required]]);
    expect(provider.diagnostics.map((d) => [d.severity, d.code, d.location?.file, d.location?.line, d.location?.column])).toEqual(
      want.lines.map((line) => ['warning', 'plugin-duplicate-parameter', 'demo/tools/echo.yaml', line, 11]),
    );
    expect(provider.diagnostics[0]?.message).toBe('the parameter name "text" is declared again (first at line 9); the wrapper takes one key, typed by this later declaration');
  });
});

describe('one bad tool refuses that tool only', () => {
  const BAD = edit(edit(TOOL, 'name: echo', 'name: bad'), 'type: string', 'type: strnig');
  const WORSE = edit(edit(TOOL, 'name: echo', 'name: worse'), 'form: llm', 'form: model');
  const withTools = (...files: string[]) => PROVIDER + files.map((f) => `  - ${f}\n`).join('');
  const read = (files: Record<string, string>, tools?: string[]) => readPlugin(plugin(files).dir, { root: '/', display: 'demo', ...(tools ? { tools } : {}) });
  const cases: Array<[string, { files: Record<string, string>; tools?: string[]; want: { tools: string[]; refused?: string[]; errors: Array<[string, string, number]> } }]> = [
    ['a tool left out by `tools:` is not read for errors', { files: { 'provider/demo.yaml': withTools('tools/bad.yaml'), 'tools/bad.yaml': BAD }, tools: ['echo'], want: { tools: ['echo'], refused: ['bad'], errors: [] } }],
    [
      'without `tools:`, the bad tool is refused and the others are kept',
      { files: { 'provider/demo.yaml': withTools('tools/bad.yaml'), 'tools/bad.yaml': BAD }, want: { tools: ['echo'], refused: ['bad'], errors: [['plugin-parameter-type', 'demo/tools/bad.yaml', 10]] } },
    ],
    [
      'every bad tool is reported in one pass',
      {
        files: { 'provider/demo.yaml': withTools('tools/bad.yaml', 'tools/worse.yaml'), 'tools/bad.yaml': BAD, 'tools/worse.yaml': WORSE },
        want: {
          tools: ['echo'],
          refused: ['bad', 'worse'],
          errors: [
            ['plugin-parameter-type', 'demo/tools/bad.yaml', 10],
            ['plugin-parameter-form', 'demo/tools/worse.yaml', 12],
          ],
        },
      },
    ],
    [
      'a selected bad tool is still reported',
      { files: { 'provider/demo.yaml': withTools('tools/bad.yaml', 'tools/worse.yaml'), 'tools/bad.yaml': BAD, 'tools/worse.yaml': WORSE }, tools: ['bad'], want: { tools: ['echo'], refused: ['bad', 'worse'], errors: [['plugin-parameter-type', 'demo/tools/bad.yaml', 10]] } },
    ],
    [
      'a tool file that is not YAML is left out by `tools:` when every selected tool was found elsewhere',
      { files: { 'provider/demo.yaml': withTools('tools/broken.yaml'), 'tools/broken.yaml': 'identity: {name: broken}\nidentity: {}\n' }, tools: ['echo'], want: { tools: ['echo'], errors: [] } },
    ],
    [
      'a tool file that is not YAML is reported when it may be a selected tool',
      { files: { 'provider/demo.yaml': withTools('tools/broken.yaml'), 'tools/broken.yaml': 'identity: {name: broken}\nidentity: {}\n' }, tools: ['echo', 'broken'], want: { tools: ['echo'], refused: ['broken'], errors: [['plugin-yaml-syntax', 'demo/tools/broken.yaml', 2]] } },
    ],
    [
      'a null entry under `tools` is a file path to the daemon (`~`), which does not exist',
      { files: { 'provider/demo.yaml': withTools('~') }, want: { tools: ['echo'], errors: [['plugin-missing-file', 'demo/provider/demo.yaml', 7]] } },
    ],
    [
      'an empty entry under `tools` names no file',
      { files: { 'provider/demo.yaml': PROVIDER + '  -\n' }, want: { tools: ['echo'], errors: [['plugin-path-outside', 'demo/provider/demo.yaml', 7]] } },
    ],
    [
      'a tool file that cannot be read is refused, located where it is named',
      { files: { 'provider/demo.yaml': withTools('tools/missing.yaml') }, want: { tools: ['echo'], errors: [['plugin-missing-file', 'demo/provider/demo.yaml', 7]] } },
    ],
  ];
  it.each(cases)('%s', (_, { files, tools, want }) => {
    const provider = read(files, tools);
    expect(provider.tools.map((t) => t.name)).toEqual(want.tools);
    expect(provider.refused).toEqual(want.refused);
    expect(provider.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.location?.file, d.location?.line])).toEqual(want.errors);
  });

  it('a problem of the provider still refuses the plugin, reported with the tool errors', () => {
    const files = { 'provider/demo.yaml': edit(withTools('tools/bad.yaml'), '  name: demo\n', ''), 'tools/bad.yaml': BAD };
    expect(refused(() => read(files)).map((d) => [d.code, d.location?.file, d.location?.line])).toEqual([
      ['plugin-missing-key', 'demo/provider/demo.yaml', 2],
      ['plugin-parameter-type', 'demo/tools/bad.yaml', 10],
    ]);
  });
});

// ───────────────────────────── go-yaml's reading ─────────────────────────────

describe('readPlugin reads YAML as the daemon (go-yaml v3) does', () => {
  const tool = dedent(`
    identity: {name: t, author: a}
    parameters:
      - name: 123
        type: select
        required: yes
        default: on
        form: form
        options:
          - value: 1.10
            label: {en_US: One}
          - {value: on}
      - &base
        name: n
        type: number
        default: 010
        min: 1_000
        precision: 2.9
        form: llm
      - <<: *base
        name: m
        default: 0x10
    output_schema:
      type: object
      properties:
        __proto__: {type: string}
        "2": {type: number}
        "10": {type: number}
  `);
  const provider = readDemo(plugin({ 'tools/echo.yaml': tool }).dir);
  const [a, n, m] = provider.tools[0]!.parameters;

  it('reads scalars into typed fields as written, and YAML 1.1 words only into booleans', () => {
    expect([a?.name, a?.required, a?.default, a?.options]).toEqual(['123', true, 'on', [{ value: '1.10', label: 'One' }, { value: 'on' }]]);
    expect([n?.name, n?.default, n?.min, n?.precision]).toEqual(['n', 8, 1000, 2]);
    expect([m?.name, m?.default, m?.min, m?.form]).toEqual(['m', 16, 1000, 'llm']);
  });

  it('keeps output_schema as Maps in document order, where __proto__ is just a key', () => {
    const schema = provider.tools[0]!.outputSchema as Map<string, Value>;
    expect(schema).toBeInstanceOf(Map);
    const properties = schema.get('properties') as Map<string, Value>;
    expect([...properties.keys()]).toEqual(['__proto__', '2', '10']);
    expect(properties.get('__proto__')).toEqual(new Map([['type', 'string']]));
    expect(({} as Record<string, unknown>).type).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('type');
  });

  it('stops an alias bomb', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']] as const) rows.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    const [d] = refused(() => readDemo(plugin({ 'tools/echo.yaml': rows.join('\n') + '\n' }).dir));
    expect([d?.code, d?.location?.line]).toEqual(['plugin-yaml-limit', 7]);
  });
});

// ───────────────────────────── inline declarations ─────────────────────────────

describe('builtinToolFromInline validates inline parameters with the tool YAML rules', () => {
  const locate = (path: readonly (string | number)[]): SourceLocation => ({ file: 'dify-tools.yaml', pointer: '#/providers/g/tools/search/' + path.join('/') });

  it('gives the same parameters as the tool YAML', () => {
    const { tool, diagnostics } = builtinToolFromInline(
      {
        name: 'google_image_search',
        parameters: [
          { name: 'query', type: 'string', required: true, form: 'llm', label: { en_US: 'Query' }, human_description: { en_US: 'What to look for.' } },
          { name: 'num', type: 'number', required: false, default: 10, min: 1, max: 100, form: 'form', label: { en_US: 'Number of results' }, human_description: { en_US: 'How many images to return.' } },
        ],
      },
      locate,
    );
    expect(diagnostics).toEqual([]);
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'location' ? undefined : v)));
    expect(strip(tool.parameters)).toEqual(strip(GOOGLE.tools[1]!.parameters));
    expect(tool.parameters[1]!.location).toEqual(locate(['parameters', 1]));
  });

  it('reports the same mistakes, located through the callback', () => {
    const { diagnostics } = builtinToolFromInline(
      {
        name: 'bad name',
        parameters: [{ name: 'a', type: 'texte', form: 'llm' }, { type: 'string', form: 'llm' }, { name: 's', type: 'select', form: 'form' }, JSON.parse('{"name": "s", "type": "string", "form": "llm", "__proto__": {"polluted": true}}')],
      },
      locate,
    );
    expect(diagnostics.map((d) => [d.code, d.location?.pointer])).toEqual([
      ['plugin-invalid-name', '#/providers/g/tools/search/name'],
      ['plugin-parameter-type', '#/providers/g/tools/search/parameters/0/type'],
      ['plugin-parameter-missing-key', '#/providers/g/tools/search/parameters/1'],
      ['plugin-parameter-no-options', '#/providers/g/tools/search/parameters/2'],
      ['plugin-duplicate-parameter', '#/providers/g/tools/search/parameters/3/name'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// ───────────────────────────── hostile input ─────────────────────────────

interface ZipSpec {
  name: string;
  data?: Buffer | string;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** The uncompressed size written in the headers (default: the real one). */
  declaredSize?: number;
  /** Unix mode in the external attributes (default a regular file). */
  mode?: number;
}

function read(file: string): Buffer {
  return readFileSync(file);
}

/** A zip archive built in memory, with whatever names and sizes a test needs. */
function zip(entries: ZipSpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    const method = entry.method ?? 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE_ENTRIES: ZipSpec[] = Object.entries(BASE).map(([name, data]) => ({ name, data }));

/**
 * Writes `bytes` as `<tmp>/<n>/pkg/demo.difypkg` (beside a canary), reads it, and checks that
 * reading wrote nothing anywhere near it. Returns the thrown diagnostics.
 */
function readArchive(bytes: Buffer, limits?: Partial<PluginLimits>): { diagnostics: Diagnostic[]; canary: string } {
  const { dir, canary } = plugin();
  const pkg = join(dirname(dir), 'pkg');
  mkdirSync(pkg);
  writeFileSync(join(pkg, 'demo.difypkg'), bytes);
  const before = [readdirSync(dirname(dir)).sort(), readdirSync(pkg)];
  const diagnostics = refused(() => readPlugin(join(pkg, 'demo.difypkg'), { root: '/', display: 'demo.difypkg', ...(limits ? { limits } : {}) }));
  expect([readdirSync(dirname(dir)).sort(), readdirSync(pkg)]).toEqual(before);
  expect(readdirSync(pkg)).toEqual(['demo.difypkg']);
  return { diagnostics, canary };
}

describe('readPlugin refuses hostile archives without writing anything', () => {
  const cases: Array<[string, { entries: ZipSpec[]; limits?: Partial<PluginLimits>; want: Want }]> = [
    ['an entry named ../evil.yaml', { entries: [...BASE_ENTRIES, { name: '../evil.yaml', data: 'x' }], want: { code: 'plugin-zip-unsafe-path', message: 'has an entry "../evil.yaml" with a ".." segment', file: 'demo.difypkg' } }],
    ['an entry hidden deeper: tools/../../evil.yaml', { entries: [...BASE_ENTRIES, { name: 'tools/../../evil.yaml', data: 'x' }], want: { code: 'plugin-zip-unsafe-path', message: 'with a ".." segment', file: 'demo.difypkg' } }],
    ['an absolute entry name', { entries: [{ name: '/etc/evil.yaml', data: 'x' }, ...BASE_ENTRIES], want: { code: 'plugin-zip-unsafe-path', message: '"/etc/evil.yaml" with an absolute path', file: 'demo.difypkg' } }],
    ['an entry name with backslashes', { entries: [...BASE_ENTRIES, { name: '..\\evil.yaml', data: 'x' }], want: { code: 'plugin-zip-unsafe-path', message: 'with a backslash in its name', file: 'demo.difypkg' } }],
    ['an entry name with a drive letter', { entries: [...BASE_ENTRIES, { name: 'C:/evil.yaml', data: 'x' }], want: { code: 'plugin-zip-unsafe-path', message: 'with a drive letter', file: 'demo.difypkg' } }],
    ['two entries with one name', { entries: [...BASE_ENTRIES, { name: 'manifest.yaml', data: 'x' }], want: { code: 'plugin-zip-invalid', message: 'has two entries named "manifest.yaml"', file: 'demo.difypkg' } }],
    [
      'a zip bomb (10 MiB of zeros in a few KiB)',
      { entries: [...BASE_ENTRIES, { name: '_assets/big.bin', data: Buffer.alloc(10 * 1024 * 1024) }], want: { code: 'plugin-zip-limit', message: 'has an entry "_assets/big.bin" that inflates', file: 'demo.difypkg' } },
    ],
    [
      'an entry that inflates past the size it declares',
      {
        entries: [{ name: 'manifest.yaml', data: MANIFEST + '#'.repeat(2 * 1024 * 1024), declaredSize: MANIFEST.length }, ...BASE_ENTRIES.slice(1)],
        want: { code: 'plugin-zip-limit', message: '"demo.difypkg!manifest.yaml" inflates to more than the 153 bytes it declares', file: 'demo.difypkg!manifest.yaml' },
      },
    ],
    ['too many entries', { entries: [...BASE_ENTRIES, ...Array.from({ length: 10_000 }, (_, i) => ({ name: `_assets/${i}`, method: 0 as const }))], want: { code: 'plugin-zip-limit', message: 'has 10003 entries, more than the limit of 10000', file: 'demo.difypkg' } }],
    ['more declared bytes than the total limit', { entries: BASE_ENTRIES, limits: { maxTotalBytes: 400 }, want: { code: 'plugin-zip-limit', message: 'declares more than 400 bytes once uncompressed', file: 'demo.difypkg' } }],
    ['an entry bigger than the single-file limit', { entries: BASE_ENTRIES, limits: { maxEntryBytes: 100 }, want: { code: 'plugin-zip-limit', message: 'the package "demo.difypkg" has an entry "manifest.yaml" that declares 153 bytes, more than the limit of 100', file: 'demo.difypkg' } }],
    [
      'a tool path ../../etc/passwd in the provider YAML',
      { entries: [...BASE_ENTRIES.slice(0, 1), { name: 'provider/demo.yaml', data: edit(PROVIDER, 'tools/echo.yaml', '../../etc/passwd') }], want: { code: 'plugin-path-outside', message: 'the tool file "../../etc/passwd" leaves the plugin', file: 'demo.difypkg!provider/demo.yaml', line: 6, column: 5 } },
    ],
    ['a tool path that is absolute', { entries: [...BASE_ENTRIES.slice(0, 1), { name: 'provider/demo.yaml', data: edit(PROVIDER, 'tools/echo.yaml', '/etc/passwd') }], want: { code: 'plugin-path-outside', message: '"/etc/passwd" is an absolute path', file: 'demo.difypkg!provider/demo.yaml', line: 6, column: 5 } }],
    [
      'a tool that is a symbolic link in the package',
      { entries: [...BASE_ENTRIES.slice(0, 2), { name: 'tools/echo.yaml', data: '../../canary.yaml', mode: 0o120777 }], want: { code: 'plugin-path-outside', message: 'is a symbolic link in the package', file: 'demo.difypkg!provider/demo.yaml', line: 6, column: 5 } },
    ],
    ['a file that is not a zip', { entries: [], want: { code: 'plugin-zip-invalid', message: 'is not a zip archive', file: 'demo.difypkg' } }],
  ];
  it.each(cases)('%s', (_, { entries, limits, want }) => {
    const bytes = entries.length === 0 ? Buffer.from('identity: {name: x}\n') : zip(entries);
    const { diagnostics, canary } = readArchive(bytes, limits);
    expect(wantOf(diagnostics[0], want.message)).toEqual(want);
    expect(diagnostics[0]?.hint).toBeTruthy();
    expect(JSON.stringify(diagnostics)).not.toContain(canary);
  });

  it('reads a well-formed archive in place', () => {
    const { dir } = plugin();
    const file = join(dirname(dir), 'ok.difypkg');
    writeFileSync(file, zip([...BASE_ENTRIES, { name: 'tools/', method: 0 }, { name: '_assets/icon.svg', data: '<svg/>', method: 0 }]));
    const provider = readPlugin(file, { root: '/', display: 'ok.difypkg' });
    expect(provider.tools.map((t) => [t.name, t.location.file])).toEqual([['echo', 'ok.difypkg!tools/echo.yaml']]);
  });
});

describe('readPlugin never reads a file outside a plugin folder', () => {
  const cases: Array<[string, { setup: (dir: string) => Record<string, string>; want: Want }]> = [
    ['a tool path ../../etc/passwd', { setup: () => ({ 'provider/demo.yaml': edit(PROVIDER, 'tools/echo.yaml', '../../etc/passwd') }), want: { code: 'plugin-path-outside', message: '"../../etc/passwd" leaves the plugin', file: 'demo/provider/demo.yaml', line: 6, column: 5 } }],
    ['a tool path to the canary beside the plugin', { setup: () => ({ 'provider/demo.yaml': edit(PROVIDER, 'tools/echo.yaml', 'tools/../../canary.yaml') }), want: { code: 'plugin-path-outside', message: 'leaves the plugin', file: 'demo/provider/demo.yaml', line: 6, column: 5 } }],
    ['an absolute tool path', { setup: (dir) => ({ 'provider/demo.yaml': edit(PROVIDER, 'tools/echo.yaml', join(dir, '..', 'canary.yaml')) }), want: { code: 'plugin-path-outside', message: 'is an absolute path', file: 'demo/provider/demo.yaml', line: 6, column: 5 } }],
    ['a provider path with a drive letter', { setup: () => ({ 'manifest.yaml': edit(MANIFEST, 'provider/demo.yaml', 'C:/canary.yaml') }), want: { code: 'plugin-path-outside', message: 'starts with a drive letter', file: 'demo/manifest.yaml', line: 9, column: 7 } }],
    [
      'a tool file that is a link to the canary',
      {
        setup: (dir) => {
          symlinkSync(join(dir, '..', 'canary.yaml'), join(dir, 'tools', 'link.yaml'));
          return { 'provider/demo.yaml': edit(PROVIDER, 'tools/echo.yaml', 'tools/link.yaml') };
        },
        want: { code: 'plugin-path-outside', message: 'is a link to a file outside the plugin folder', file: 'demo/provider/demo.yaml', line: 6, column: 5 },
      },
    ],
    [
      'a folder link out of the plugin',
      {
        setup: (dir) => {
          symlinkSync(join(dir, '..'), join(dir, 'up'));
          return { 'provider/demo.yaml': edit(PROVIDER, 'tools/echo.yaml', 'up/canary.yaml') };
        },
        want: { code: 'plugin-path-outside', message: 'is a link to a file outside the plugin folder', file: 'demo/provider/demo.yaml', line: 6, column: 5 },
      },
    ],
  ];
  it.each(cases)('%s', (_, { setup, want }) => {
    const { dir, canary } = plugin();
    for (const [name, content] of Object.entries(setup(dir))) writeFileSync(join(dir, name), content);
    const diagnostics = refused(() => readDemo(dir));
    expect(wantOf(diagnostics[0], want.message)).toEqual(want);
    expect(JSON.stringify(diagnostics)).not.toContain(canary);
  });

  it('follows a link that stays inside the plugin', () => {
    const { dir, canary } = plugin();
    symlinkSync(join(dir, 'tools', 'echo.yaml'), join(dir, 'tools', 'alias.yaml'));
    writeFileSync(join(dir, 'provider', 'demo.yaml'), edit(PROVIDER, 'tools/echo.yaml', './tools/alias.yaml'));
    const provider = readDemo(dir);
    expect(provider.tools.map((t) => [t.name, t.location.file])).toEqual([['echo', 'demo/tools/alias.yaml']]);
    expect(JSON.stringify(provider)).not.toContain(canary);
  });
});
