import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestJsonSchema } from '../../src/manifest/json-schema.js';

describe('the manifest JSON Schema shipped for editors', () => {
  it('is the one generated from the zod schema (run `npx tsx scripts/manifest-schema.ts` after changing it)', () => {
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'schema', 'dify-tools.schema.json'), 'utf8')).toBe(manifestJsonSchema());
  });
});
