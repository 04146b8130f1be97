/**
 * The provider manifest (`dify-tools.yaml`): one zod schema, the source of truth for
 * validation, the README reference and the JSON Schema shipped for editors.
 */
import * as z from 'zod';

/** A UUID as Dify shows provider ids (any case). */
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A module name: the output file's name and the binding users import (at most 64 characters). */
export const MODULE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const limitsSchema = z
  .object({
    maxBytes: z.number().int().positive().optional().describe('Largest spec file read, in bytes (default 67108864).'),
    maxDepth: z.number().int().positive().optional().describe('Deepest nesting accepted in a spec (default 256).'),
    maxNodes: z.number().int().positive().optional().describe('Most nodes in a spec, counting YAML alias expansions (default 5000000).'),
    maxAliases: z.number().int().positive().optional().describe('Most YAML alias uses in a spec (default 10000).'),
  })
  .strict();

const pythonSchema = z
  .object({
    output: z.string().min(1).describe('Folder of the Python package, relative to the manifest (e.g. "tools_generated"); its name is the import name.'),
  })
  .strict();

const toolNameList = z.array(z.string().min(1)).min(1);

const functionNames = z
  .record(z.string(), z.string().min(1))
  .optional()
  .describe(
    'Names of the generated functions, keyed by Dify tool name: e.g. `{"天气查询": getWeather}`. Each an identifier the generator could produce (ASCII letters, digits and _, not starting with a digit, not a reserved word); it wins over a derived name it collides with.',
  );

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
    functionNames,
    part: z
      .string()
      .min(1)
      .optional()
      .describe("Only the tools of this part of `dify-toolgen export <spec>` (its name as the export plan prints it, e.g. `repos-2`): the provider pasted into Dify is that part."),
    partBy: z.enum(['tag', 'path']).optional().describe('How the spec was split for `part` (default tag), as `export --by`.'),
    fileRefs: z
      .boolean()
      .optional()
      .describe(
        "Follow `$ref`s to files for typing (default false): relative paths to regular files inside the spec's folder (links resolved), at most 8 MiB each; never URLs. Dify itself reads no other file: paste a bundled spec into Dify.",
      ),
    formats: z
      .boolean()
      .optional()
      .describe(
        'Check the `format`s with a standard meaning (date-time, date, email, uuid, uri, ipv4, ipv6) in the validators (default true); false leaves every format unchecked, as an annotation.',
      ),
  })
  .strict();

/** A builtin (plugin) provider id: `<org>/<plugin>/<provider>`. */
export const BUILTIN_ID = /^[a-z0-9_-]+\/[a-z0-9_-]+\/[a-z0-9_-]+$/;

/** A workflow tool name, as Dify requires it when publishing. */
export const WORKFLOW_TOOL = /^[a-zA-Z0-9_]+$/;

const inlineBuiltinTool = z
  .object({
    label: z.string().optional().describe("The tool's label."),
    description: z.string().optional().describe('What the tool does.'),
    parameters: z.array(z.unknown()).optional().describe("The tool YAML's parameters: [{name, type, required, form, options, default, min, max, ...}]."),
    output_schema: z.unknown().optional().describe("A JSON Schema of the tool's JSON output."),
  })
  .strict();

export const builtinProviderSchema = z
  .object({
    type: z.literal('builtin').describe('A tool provider of an installed plugin (Google search, Tavily, ...).'),
    id: z.string().regex(BUILTIN_ID, 'a builtin provider id is <org>/<plugin>/<provider>, e.g. langgenius/google/google').describe('<org>/<plugin>/<provider>: the plugin author and name, then the provider name.'),
    plugin: z.string().min(1).optional().describe('The plugin source folder or .difypkg file, relative to the manifest.'),
    tools: z
      .union([toolNameList, z.record(z.string(), inlineBuiltinTool)])
      .optional()
      .describe('With `plugin`: only these tools (names). Without: the tools, declared inline in the tool YAML shape.'),
    functionNames,
  })
  .strict();

export const workflowProviderSchema = z
  .object({
    type: z.literal('workflow').describe('A workflow published as a tool.'),
    id: z.string().regex(UUID, 'a workflow provider id is the UUID Dify shows for the workflow tool').describe("The workflow tool provider's id in Dify (a UUID)."),
    tool: z.string().regex(WORKFLOW_TOOL, 'a workflow tool name has only letters, digits and _').describe('The name given to the tool when the workflow was published.'),
    dsl: z.string().min(1).optional().describe("The app's exported DSL (YAML), relative to the manifest: parameters come from its start node."),
    label: z.string().optional().describe('Without `dsl`: the tool label.'),
    description: z.string().optional().describe('Without `dsl`: what the workflow does.'),
    parameters: z.array(z.unknown()).optional().describe('Without `dsl`: the start variables, as in the DSL: [{variable, type, required, default, options, max_length}].'),
    outputs: z.array(z.unknown()).optional().describe('Without `dsl`: the end outputs, as in the DSL: [{variable, value_type}].'),
  })
  .strict();

export const providerSchema = z.discriminatedUnion('type', [apiProviderSchema, builtinProviderSchema, workflowProviderSchema]);

export const manifestSchema = z
  .object({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    output: z.string().min(1).default('generated').describe('Folder for generated files, relative to the manifest (default "generated").'),
    providers: z
      .record(z.string().regex(MODULE_NAME, 'a provider name becomes a module name: a letter, then letters, digits or _, at most 64 characters'), providerSchema)
      .describe('The providers a project calls, keyed by module name (generated/<name>.ts).'),
    typescript: z
      .union([
        z.boolean(),
        z
          .object({
            emit: z
              .enum(['source', 'declarations'])
              .optional()
              .describe(
                'source (default): one .ts module per provider. declarations: a .d.ts and a .js per provider (the same types and code), which users\' type-checkers read far faster and node runs without a build step.',
              ),
          })
          .strict(),
      ], { error: 'expected `false`, `true`, `{emit: source}` or `{emit: declarations}`' })
      .optional()
      .describe('false: write no TypeScript output (default true: `output` gets the TypeScript modules); {emit: declarations}: write them as .d.ts + .js.'),
    python: pythonSchema.optional().describe('Also write a Python package over the dify_plugin SDK (one module per provider, runtime.py, __init__.py).'),
    limits: limitsSchema.optional().describe('Bounds on what reading a spec may cost.'),
    templates: z
      .string()
      .min(1)
      .optional()
      .describe('A folder of handlebars templates (provider.hbs, index.hbs, support.hbs) that replace the built-in ones of the same name.'),
  })
  .strict();

export type Manifest = z.output<typeof manifestSchema>;
export type ProviderEntry = z.output<typeof providerSchema>;
export type ApiProviderEntry = z.output<typeof apiProviderSchema>;
export type BuiltinProviderEntry = z.output<typeof builtinProviderSchema>;
export type WorkflowProviderEntry = z.output<typeof workflowProviderSchema>;

/** The keys each object of the manifest allows, for "did you mean" hints. */
export const KNOWN_KEYS = {
  manifest: Object.keys(manifestSchema.shape),
  api: Object.keys(apiProviderSchema.shape),
  builtin: Object.keys(builtinProviderSchema.shape),
  workflow: Object.keys(workflowProviderSchema.shape),
  inlineBuiltinTool: Object.keys(inlineBuiltinTool.shape),
  limits: Object.keys(limitsSchema.shape),
  python: Object.keys(pythonSchema.shape),
} as const;
