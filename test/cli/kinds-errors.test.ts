/**
 * Mistakes in builtin and workflow providers: each reported with file, line:column and a
 * hint, nothing written.
 */
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO, withPackageJson } from './run.js';

function project(manifest: string): string {
  const dir = withPackageJson(mkdtempSync(join(tmpdir(), 'dify-toolgen-kinds-')));
  cpSync(join(REPO, 'specs'), join(dir, 'specs'), { recursive: true });
  writeFileSync(join(dir, 'dify-tools.yaml'), manifest);
  return dir;
}

const GOOD = `providers:
  google:
    type: builtin
    id: langgenius/google/google
    plugin: specs/plugins/google
  tavily:
    type: builtin
    id: langgenius/tavily/tavily
    plugin: specs/plugins/tavily-0.1.4.difypkg
    tools: [tavily_search]
  summarize:
    type: workflow
    id: 0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f
    tool: summarize_document
    dsl: specs/workflows/summarize.yml
`;

describe('builtin and workflow manifest mistakes', () => {
  it('the example providers generate', async () => {
    const dir = project(GOOD);
    const run = await cli(dir, 'generate');
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^dify-toolgen: 3 providers, 4 tools, 6 files written/);
  });

  it.each([
    ['an unknown key, with the nearest one', GOOD.replace('plugin: specs/plugins/google', 'plugn: specs/plugins/google'), ['dify-tools.yaml:5:5: error [manifest-unknown-key] unknown key "plugn" at providers.google', 'did you mean "plugin"?']],
    ['a builtin id of the wrong form', GOOD.replace('id: langgenius/google/google', 'id: google'), ['dify-tools.yaml:4:9: error [manifest-invalid] a builtin provider id is <org>/<plugin>/<provider>, e.g. langgenius/google/google at providers.google.id']],
    ['a workflow id that is not a UUID', GOOD.replace('0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f', 'summarize'), ['dify-tools.yaml:13:9: error [manifest-invalid] a workflow provider id is the UUID Dify shows for the workflow tool at providers.summarize.id']],
    ['a workflow tool name with other characters', GOOD.replace('tool: summarize_document', 'tool: summarize-document'), ['dify-tools.yaml:14:11: error [manifest-invalid] a workflow tool name has only letters, digits and _ at providers.summarize.tool']],
    ['an id that is not the plugin’s', GOOD.replace('id: langgenius/google/google', 'id: langgenius/google/search'), ['dify-tools.yaml:4:9: error [manifest-id-mismatch] the manifest\'s id "langgenius/google/search" is not the id of the plugin\'s provider, "langgenius/google/google"', 'set `id: langgenius/google/google`']],
    ['a missing plugin folder', GOOD.replace('plugin: specs/plugins/google', 'plugin: specs/plugins/gogle'), ['dify-tools.yaml:5:13: error [manifest-missing-file] the plugin "specs/plugins/gogle" does not exist']],
    ['a missing DSL', GOOD.replace('dsl: specs/workflows/summarize.yml', 'dsl: specs/workflows/summary.yml'), ['dify-tools.yaml:15:10: error [manifest-missing-file] the DSL file "specs/workflows/summary.yml" does not exist']],
    ['a tool the plugin does not have', GOOD.replace('tools: [tavily_search]', 'tools: [tavily_serch]'), ['dify-tools.yaml:10:13: error [manifest-unknown-tool] the plugin "specs/plugins/tavily-0.1.4.difypkg" has no tool named "tavily_serch"', 'did you mean "tavily_search"?']],
    ['a plugin path that leaves the project', GOOD.replace('plugin: specs/plugins/google', 'plugin: ../google'), ['dify-tools.yaml:5:13: error [manifest-path-outside] the plugin path "../google" leaves the project folder']],
    ['a duplicate module name (case)', `${GOOD}  Google:\n    type: builtin\n    id: langgenius/google/google\n    plugin: specs/plugins/google\n`, ['error [manifest-duplicate-module] the provider names "google" and "Google" differ only in case']],
    ['neither plugin nor inline tools', GOOD.replace('    plugin: specs/plugins/google\n', ''), ['dify-tools.yaml:3:5: error [manifest-builtin-source] a builtin provider needs `plugin`']],
    ['neither DSL nor parameters', GOOD.replace('    dsl: specs/workflows/summarize.yml\n', ''), ['dify-tools.yaml:12:5: error [manifest-workflow-source] a workflow provider needs `dsl`']],
    [
      'an inline parameter of an unknown type',
      'providers:\n  w:\n    type: builtin\n    id: acme/w/w\n    tools:\n      now:\n        parameters:\n          - {name: city, type: strng, form: llm}\n',
      ['dify-tools.yaml:8:32: error [plugin-parameter-type]'],
    ],
    [
      'an inline workflow variable of a type Dify refuses',
      'providers:\n  w:\n    type: workflow\n    id: 0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f\n    tool: w\n    parameters:\n      - {variable: v, label: V, type: external_data_tool}\n',
      ['dify-tools.yaml:7:39: error [workflow-variable-type] the variable "v" has the type "external_data_tool", which cannot be a tool parameter', 'valid types: text-input, paragraph, select, number, checkbox, file, file-list, json_object'],
    ],
  ])('%s', async (_name, manifest, messages) => {
    const dir = project(manifest);
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    for (const message of messages) expect(run.stderr).toContain(message);
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });
});
