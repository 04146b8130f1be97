/** Writes schema/dify-tools.schema.json from the manifest's zod schema. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestJsonSchema } from '../src/manifest/json-schema.js';

writeFileSync(join(import.meta.dirname, '..', 'schema', 'dify-tools.schema.json'), manifestJsonSchema());
