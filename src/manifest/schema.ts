/**
 * The provider manifest (`dify-tools.yaml`): one zod schema, the source of truth for
 * validation, the README reference and the JSON Schema shipped for editors.
 */
import { z } from 'zod';

/** A UUID as Dify shows provider ids (any case). */
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A module name: the output file's name and the binding users import. */
export const MODULE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const limitsSchema = z
  .object({
    maxBytes: z.number().int().positive().optional().describe('Largest spec file read, in bytes (default 67108864).'),
    maxDepth: z.number().int().positive().optional().describe('Deepest nesting accepted in a spec (default 256).'),
    maxNodes: z.number().int().positive().optional().describe('Most nodes in a spec, counting YAML alias expansions (default 5000000).'),
    maxAliases: z.number().int().positive().optional().describe('Most YAML alias uses in a spec (default 10000).'),
  })
  .strict();

const toolNameList = z.array(z.string().min(1)).min(1);

export const apiProviderSchema = z
  .object({
    type: z.literal('api').describe('A custom API tool provider, created in Dify from an OpenAPI schema.'),
    id: z.string().regex(UUID, 'an API provider id is the UUID Dify shows for the provider').describe("The API tool provider's id in Dify (a UUID)."),
    spec: z.string().min(1).describe('The OpenAPI schema pasted into Dify, relative to the manifest.'),
    tools: toolNameList.optional().describe('Only these tools (Dify tool names); default: every tool of the spec.'),
    toolNames: z
      .record(z.string(), z.string().min(1))
      .optional()
      .describe(
        'Dify tool names to use instead of the derived ones, keyed by derived name; e.g. pin `<root>_get` to the random name a Dify release before 2025-07-15 gave it.',
      ),
  })
  .strict();

export const providerSchema = z.discriminatedUnion('type', [apiProviderSchema]);

export const manifestSchema = z
  .object({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    output: z.string().min(1).default('generated').describe('Folder for generated files, relative to the manifest (default "generated").'),
    providers: z
      .record(z.string().regex(MODULE_NAME, 'a provider name becomes a module name: start with a letter, then letters, digits or _'), providerSchema)
      .describe('The providers a project calls, keyed by module name (generated/<name>.ts).'),
    limits: limitsSchema.optional().describe('Bounds on what reading a spec may cost.'),
  })
  .strict();

export type Manifest = z.output<typeof manifestSchema>;
export type ProviderEntry = z.output<typeof providerSchema>;
export type ApiProviderEntry = z.output<typeof apiProviderSchema>;

/** The keys each object of the manifest allows, for "did you mean" hints. */
export const KNOWN_KEYS = {
  manifest: Object.keys(manifestSchema.shape),
  api: Object.keys(apiProviderSchema.shape),
  limits: Object.keys(limitsSchema.shape),
} as const;
