/**
 * The manifest's JSON Schema, generated from its zod schema (the one source of truth), for
 * editors: `# yaml-language-server: $schema=node_modules/dify-toolgen/schema/dify-tools.schema.json`.
 */
import * as z from 'zod';
import { manifestSchema } from './schema.js';

export function manifestJsonSchema(): string {
  const schema = z.toJSONSchema(manifestSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return (
    JSON.stringify(
      {
        ...schema,
        $id: 'https://dify-toolgen.dev/schema/dify-tools.schema.json',
        title: 'dify-toolgen provider manifest (dify-tools.yaml)',
      },
      null,
      2,
    ) + '\n'
  );
}
