/**
 * What cannot be typed in a provider's schemas ($ref cycles, $refs that lead nowhere or out
 * of the spec, patterns that are no regular expression) is warned about by the model
 * (src/schema/warnings.ts), once, located, whichever outputs a run writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, project } from '../cli/run.js';

const SPEC = `openapi: 3.0.3
info: {title: Schemas, version: '1'}
servers: [{url: 'https://example.com'}]
paths:
  /things:
    post:
      operationId: addThing
      parameters:
        - {name: code, in: query, schema: {type: string, pattern: '[a-'}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Missing'}
components:
  schemas:
    Thing:
      type: object
      properties:
        loop: {$ref: '#/components/schemas/A'}
        other: {$ref: './other.yaml#/Other'}
        tags:
          type: object
          patternProperties: {'(': {type: string}}
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
`;

const MANIFEST = (head: string) => `${head}output: generated
python:
  output: tools_py
providers:
  things:
    type: api
    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10
    spec: specs/things.yaml
  search:
    type: builtin
    id: acme/search/search
    tools:
      web_search:
        parameters: [{name: query, type: string, required: true, form: llm}]
        output_schema:
          type: object
          properties:
            hits: {$ref: '#/definitions/Hit'}
            next: {type: string, pattern: '+'}
`;

/** The warning blocks `generate` prints for a manifest (with the spec above) and arguments. */
async function warnings(head: string, ...args: string[]): Promise<string[]> {
  const dir = project(MANIFEST(head));
  writeFileSync(join(dir, 'specs', 'things.yaml'), SPEC);
  const run = await cli(dir, 'generate', ...args);
  expect(run.code, run.stderr).toBe(0);
  return run.stderr.split('\n\n').filter((block) => block.includes(' warning ['));
}

/** `file:line:col [code] at pointer` of each warning block. */
function located(blocks: readonly string[]): string[] {
  return blocks.map((block) => {
    const [first, second] = block.split('\n');
    return `${/^(\S+): warning/.exec(first!)![1]} [${/\[([a-z-]+)\]/.exec(first!)![1]}] ${second!.trim()}`;
  });
}

describe('schema warnings come from the model', () => {
  it('are located, each once, for the spec and a tool YAML output_schema', async () => {
    expect(located(await warnings('typescript: true\n', '--target', 'typescript'))).toEqual([
      // Dify's own casts first (the body properties that are $refs)…
      'specs/things.yaml:25:9 [ref-property-as-text] at #/components/schemas/Thing/properties/loop',
      'specs/things.yaml:26:9 [ref-property-as-text] at #/components/schemas/Thing/properties/other',
      // … then what cannot be typed: alias cycles, result bodies, parameters.
      'specs/things.yaml:30:8 [ref-cycle] at #/components/schemas/A',
      'specs/things.yaml:19:30 [unresolved-ref] at #/paths/~1things/post/responses/200/content/application~1json/schema/$ref',
      'specs/things.yaml:9:67 [invalid-pattern] at #/paths/~1things/post/parameters/0/schema/pattern',
      'specs/things.yaml:26:23 [external-ref] at #/components/schemas/Thing/properties/other/$ref',
      // Once, though the type and the validator of patternProperties both read it.
      'specs/things.yaml:29:36 [invalid-pattern] at #/components/schemas/Thing/properties/tags/patternProperties/(',
      // An inline tool's output_schema: located at the tool, pointer inside the schema.
      'dify-tools.yaml:15:9 [unresolved-ref] at #/output_schema/properties/hits/$ref',
      'dify-tools.yaml:15:9 [invalid-pattern] at #/output_schema/properties/next/pattern',
    ]);
  });

  it('are the same whichever output is written', async () => {
    // Manifests of as many lines: the same locations in dify-tools.yaml.
    const typescript = await warnings('typescript: true\n', '--target', 'typescript');
    expect(await warnings('typescript: false\n')).toEqual(typescript);
    expect(await warnings('typescript: true\n', '--target', 'python')).toEqual(typescript);
    expect(await warnings('typescript: true\n')).toEqual(typescript);
  });
});
