/**
 * The source model: Dify's view of a plugin's tool provider (a builtin provider) or of a
 * workflow published as a tool, as Dify itself reads them (dify-semantics.md §6). Both
 * readers (`plugin.ts`, `workflow.ts`) and the inline declarations of the manifest produce
 * this model; emitters read only this, never the raw YAML.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * A parameter type as declared: the tool YAML's `type` for builtin tools; for workflow
 * tools, the type Dify maps the start variable to (`text-input` → `string`, …), so the
 * workflow-only names never appear in a model a reader returns.
 */
export type SourceParameterType =
  | 'string'
  | 'secret-input'
  | 'number'
  | 'boolean'
  | 'checkbox'
  | 'select'
  | 'file'
  | 'files'
  | 'array'
  | 'object'
  | 'any'
  | 'model-selector'
  | 'app-selector'
  | 'tool-selector'
  | 'dynamic-select'
  | 'date'
  | 'date-range'
  | 'paragraph'
  | 'text-input'
  | 'json_object'
  | 'file-list';

/** Where something is declared. Same shape as a diagnostic's `Location`. */
export interface SourceLocation {
  /** As shown to the user; inside an archive `plugins/x.difypkg!tools/a.yaml`. */
  file: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column, in UTF-16 code units. */
  column?: number;
  /** RFC 6901 pointer into that file, e.g. `#/parameters/0`. */
  pointer?: string;
}

export interface SourceParameter {
  /** Dify's parameter name (key of the parameters dict). */
  name: string;
  /** As declared in the tool YAML / as Dify maps the DSL variable. */
  type: SourceParameterType;
  required: boolean;
  /** As Dify fills it: the declared scalar, else null (a list or mapping default is null). */
  default: string | number | boolean | null;
  /** Builtin tools only (for a workflow tool it is chosen when publishing, not in the DSL). */
  form?: 'llm' | 'form' | 'schema';
  /** The en_US label. */
  label?: string;
  /** `human_description.en_US`, else `llm_description`. */
  description?: string;
  llmDescription?: string;
  /** Select options, in declared order. */
  options?: { value: string; label?: string }[];
  multiple?: boolean;
  min?: number;
  max?: number;
  precision?: number;
  /** Workflow text-input/paragraph (characters) and file-list (files) `max_length`. */
  maxLength?: number;
  location: SourceLocation;
}

export interface SourceTool {
  /** The tool YAML's `identity.name` / the name the workflow was published under. */
  name: string;
  label?: string;
  description?: string;
  parameters: SourceParameter[];
  /**
   * The tool YAML's `output_schema`, as loaded: mappings are `Map`s in document order with
   * string keys (the project's `Value`, see load/value.ts), lists are arrays, scalars as
   * Dify's YAML reader resolves them. `undefined` when the tool declares none.
   */
  outputSchema?: unknown;
  /** Workflow end-node outputs (`variable`, `value_type`), in Dify's order. */
  outputs?: { name: string; type: string }[];
  /**
   * Workflow only, when the DSL has several end nodes: each end node's outputs, in node
   * order. A run returns the outputs of the end node it reached, so the result is one of these.
   */
  outputBranches?: { name: string; type: string }[][];
  location: SourceLocation;
}

export interface SourceProvider {
  kind: 'builtin' | 'workflow';
  /** builtin: `<author>/<name>/<identity.name>`; workflow: not known from the DSL (''). */
  id: string;
  label?: string;
  description?: string;
  tools: SourceTool[];
  /**
   * Warnings, and the errors of the tools refused one by one (see `refused`); every other
   * error is thrown as one `UserError`. A run with any error here fails without writing.
   */
  diagnostics: Diagnostic[];
  /** Names of declared tools refused for their errors: a manifest may name them, nothing is generated for them. */
  refused?: string[];
}
