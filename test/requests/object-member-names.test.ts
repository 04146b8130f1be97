/**
 * Names of the members of TypeScript's `Object` interface (`constructor`, `toString`,
 * `valueOf`, …) as tool and parameter names. TypeScript types an object literal's property of
 * such a name by that member, not by the index signature the literal is assigned to, so the
 * request data and the encodings of such a tool would widen `"json"` to `string` and fail
 * `tsc --strict`. Found by the fuzzer; the printer writes those literals `as const`.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO, withPackageJson } from '../cli/run.js';
import { typeCheck } from '../generated/compile.js';

const SPEC = `openapi: 3.0.3
info: {title: t, version: "1"}
servers: [{url: "https://api.test"}]
paths:
  /a/{toString}:
    post:
      operationId: constructor
      parameters:
        - {name: toString, in: path, required: true, schema: {type: string}}
        - {name: valueOf, in: query, schema: {type: object}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                hasOwnProperty: {type: object}
                isPrototypeOf: {type: integer}
`;

describe('tool and parameter names that name members of Object', () => {
  it('generate modules that pass tsc --strict, with the encodings and request data kept', async () => {
    // Inside the repository, so that the generated validators resolve its zod.
    const cache = join(REPO, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = withPackageJson(mkdtempSync(join(cache, 'object-members-')));
    writeFileSync(join(dir, 'spec.yaml'), SPEC);
    writeFileSync(join(dir, 'dify-tools.yaml'), 'providers:\n  m:\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: spec.yaml\n');
    expect((await cli(dir, 'generate')).code).toBe(0);
    const module = readFileSync(join(dir, 'generated', 'm.ts'), 'utf8');
    expect(module).toContain('toString: "segment" as const,');
    expect(module).toContain('valueOf: "json" as const,');
    expect(module).toContain('hasOwnProperty: "json" as const,');
    const files = ['m.ts', 'runtime.ts', 'validators.ts', 'index.ts'].map((f) => join(dir, 'generated', f));
    expect(typeCheck(files)).toEqual([]);
  });
});
