/**
 * The generated modules the local session reads: current (check), compiling under --strict,
 * and tree-shakable: a bundle that uses only a wrapper carries neither the request data nor
 * the local session.
 */
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO } from '../cli/run.js';
import { typeCheck } from '../generated/compile.js';

const GENERATED = join(REPO, 'test/requests/generated');

async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: join(REPO, 'generated'), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    external: ['zod', 'zod/*'],
  });
  return result.outputFiles[0]!.text;
}

describe('the modules of the golden specs', () => {
  it('are what generate writes (dify-toolgen check --manifest test/requests/dify-tools.yaml)', async () => {
    const run = await cli(REPO, 'check', '--manifest', 'test/requests/dify-tools.yaml');
    expect(run.code).toBe(0);
  });

  it('come with a located warning for every value Dify cannot send as the spec means it', async () => {
    const run = await cli(REPO, 'generate', '--json', '--manifest', 'test/requests/dify-tools.yaml');
    const encoding = new Set(['query-object-json', 'header-structured-repr', 'optional-credential-header', 'untyped-property-null', 'ref-property-as-text', 'form-boolean-python', 'form-structured-repr', 'json-media-form-encoded', 'body-property-not-sent', 'binary-from-plugin', 'header-boolean-python', 'cookie-not-text', 'path-boolean-python', 'body-form-encoded', 'body-without-schema']);
    const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; file: string; line: number; column: number; pointer: string }> };
    const warnings = diagnostics
      .filter((d) => encoding.has(d.code))
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.pointer}`);
    expect(warnings).toEqual([
      'golden/specs/auth.yaml:23:11 optional-credential-header #/paths/~1auth-param/get/parameters/0',
      'golden/specs/body-json.yaml:39:17 untyped-property-null #/paths/~1json/post/requestBody/content/application~1json/schema/properties/free',
      'golden/specs/body-json.yaml:40:17 untyped-property-null #/paths/~1json/post/requestBody/content/application~1json/schema/properties/nested',
      'golden/specs/body-json.yaml:18:9 ref-property-as-text #/components/schemas/Pet/properties/address',
      'golden/specs/body-json.yaml:68:11 body-without-schema #/paths/~1no-schema/put/requestBody/content/application~1octet-stream',
      'golden/specs/body-media.yaml:17:17 form-boolean-python #/paths/~1form/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/active',
      'golden/specs/body-media.yaml:18:17 form-structured-repr #/paths/~1form/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/tags',
      'golden/specs/body-media.yaml:19:17 untyped-property-null #/paths/~1form/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/free',
      'golden/specs/body-media.yaml:26:11 body-form-encoded #/paths/~1text/post/requestBody/content/text~1plain',
      'golden/specs/body-media.yaml:34:17 untyped-property-null #/paths/~1text/post/requestBody/content/text~1plain/schema/properties/free',
      'golden/specs/body-media.yaml:41:11 body-form-encoded #/paths/~1xml/post/requestBody/content/application~1xml',
      'golden/specs/body-media.yaml:53:11 json-media-form-encoded #/paths/~1json-charset/post/requestBody/content/application~1json; charset=utf-8',
      'golden/specs/body-media.yaml:76:17 body-property-not-sent #/paths/~1two-types/post/requestBody/content/application~1json/schema/properties/b',
      'golden/specs/cast.yaml:18:11 query-object-json #/paths/~1query/get/parameters/5',
      'golden/specs/cast.yaml:41:11 body-form-encoded #/paths/~1upload/post/requestBody/content/multipart~1form-data',
      'golden/specs/cast.yaml:47:17 binary-from-plugin #/paths/~1upload/post/requestBody/content/multipart~1form-data/schema/properties/file',
      'golden/specs/cast.yaml:48:17 binary-from-plugin #/paths/~1upload/post/requestBody/content/multipart~1form-data/schema/properties/attachments',
      'golden/specs/headers.yaml:12:11 header-boolean-python #/paths/~1h/get/parameters/2',
      'golden/specs/headers.yaml:17:11 cookie-not-text #/paths/~1h/get/parameters/7',
      'golden/specs/paths.yaml:22:11 path-boolean-python #/paths/~1flags~1{flag}/get/parameters/0',
      'encoding.yaml:11:11 query-object-json #/paths/~1things~1{id}/post/parameters/1',
      'encoding.yaml:16:11 cookie-not-text #/paths/~1things~1{id}/post/parameters/6',
      'encoding.yaml:24:17 ref-property-as-text #/paths/~1things~1{id}/post/requestBody/content/application~1json/schema/properties/owner',
      'encoding.yaml:33:11 body-form-encoded #/paths/~1upload/post/requestBody/content/multipart~1form-data',
      'encoding.yaml:37:17 binary-from-plugin #/paths/~1upload/post/requestBody/content/multipart~1form-data/schema/properties/file',
    ]);
  });

  it.each(['NodeNext', 'Bundler'] as const)('compile with tsc --strict, moduleResolution %s', (moduleResolution) => {
    const files = readdirSync(GENERATED).filter((f) => f.endsWith('.ts')).map((f) => join(GENERATED, f));
    expect(typeCheck(files, { moduleResolution })).toEqual([]);
  });
});

describe('tree shaking', () => {
  it.each([
    ['a wrapper alone carries no request data and no local session', "import { addPet } from './petstore.js'; console.log(addPet);", { has: ['invokeEncodedTool'], not: ['createLocalSession', 'https://petstore.example.com/v1', 'Empty response from the tool', 'createMockSession'] }],
    ['the local session brings both', "import * as petstore from './petstore.js'; import { createLocalSession } from './runtime.js'; console.log(createLocalSession({ providers: [{ module: petstore }] }));", { has: ['https://petstore.example.com/v1', 'Empty response from the tool'], not: [] }],
  ] as const)('%s', async (_name, code, { has, not }) => {
    const out = await bundle(code);
    for (const text of has) expect(out).toContain(text);
    for (const text of not) expect(out).not.toContain(text);
  });
});
