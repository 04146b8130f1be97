/**
 * One bad tool in a run (issue 10, item 8): a tool left out by `tools:` is never read for
 * errors; a bad tool refuses that tool only, the run still reports every other problem in
 * one pass, then exits 1 and writes nothing. Dify installs a plugin tool by tool through the
 * daemon; a wrapper for a good tool does not depend on a bad one beside it.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, project, REPO } from '../cli/run.js';

const PLUGINS = join(REPO, 'test', 'fixtures', 'plugins');

/** A project with the google and tavily fixture plugins, `edits` applied to their files. */
function plugins(manifest: string, edits: Record<string, [string, string]>): string {
  const dir = project(manifest);
  for (const name of ['google', 'tavily']) cpSync(join(PLUGINS, name), join(dir, 'plugins', name), { recursive: true });
  for (const [file, [from, to]] of Object.entries(edits)) {
    const path = join(dir, 'plugins', file);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  }
  return dir;
}

const MANIFEST = (googleTools: string) => `providers:
  google:
    type: builtin
    id: langgenius/google/google
    plugin: plugins/google
${googleTools}  tavily:
    type: builtin
    id: langgenius/tavily/tavily
    plugin: plugins/tavily
    tools: [tavily_search, tavily_crawl]
`;

const BREAK_IMAGE_SEARCH: Record<string, [string, string]> = { 'google/tools/google_image_search.yaml': ['type: string', 'type: strnig'] };

describe('a bad tool refuses that tool only', () => {
  it('a bad tool left out by `tools:` is not read for errors', async () => {
    const dir = plugins(MANIFEST('    tools: [google_search]\n').replace('tools: [tavily_search, tavily_crawl]', 'tools: [tavily_search]'), BREAK_IMAGE_SEARCH);
    const run = await cli(dir, 'generate');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'generated', 'google.ts'), 'utf8')).toContain('"google_search"');
  });

  it('reports the bad tool and every other problem of the run in one pass, exits 1 and writes nothing', async () => {
    // tavily_extract is left out by `tools:`: its error is not reported; tavily_search's is.
    const dir = plugins(MANIFEST(''), { ...BREAK_IMAGE_SEARCH, 'tavily/tools/tavily_extract.yaml': ['type: select', 'type: selekt'], 'tavily/tools/tavily_search.yaml': ['type: select', 'type: selekt'] });
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    const errors = run.stderr.split('\n').filter((line) => / error \[/.test(line));
    expect(errors.map((line) => line.replace(/ error \[([^\]]+)\].*/, ' $1'))).toEqual([
      'plugins/google/tools/google_image_search.yaml:12:11: plugin-parameter-type',
      'plugins/tavily/tools/tavily_search.yaml:18:11: plugin-parameter-type',
      'dify-tools.yaml:10:28: manifest-unknown-tool',
    ]);
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });

  it('an inline tool with an error is refused alone: the other inline tools are still checked', async () => {
    const inline = `providers:
  acme:
    type: builtin
    id: acme/weather/weather
    tools:
      current:
        parameters: [{name: city, type: strnig, form: llm}]
      forecast:
        parameters: [{name: days, type: number, form: lm}]
      alerts:
        parameters: [{name: region, type: string, form: llm}]
`;
    const run = await cli(project(inline), 'generate');
    expect(run.code).toBe(1);
    const errors = run.stderr.split('\n').filter((line) => / error \[/.test(line));
    expect(errors.map((line) => line.replace(/ error \[([^\]]+)\].*/, ' $1'))).toEqual(['dify-tools.yaml:7:41: plugin-parameter-type', 'dify-tools.yaml:9:55: plugin-parameter-form']);
  });
});
