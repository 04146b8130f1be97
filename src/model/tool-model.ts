/**
 * The tool model: what every emitter reads, whatever the provider kind. A provider (an API
 * provider from an OpenAPI spec, a plugin's builtin provider, a workflow published as a
 * tool) is a list of Dify tools, each with the name sent to Dify, its parameters as typed
 * shapes with Dify's metadata, and the shape of its declared output. Shapes are language
 * neutral (quicktype's type graph): each target plans its own names and renders them.
 *
 * Built from the plans by `provider-model.ts`; the TypeScript and the Python emitter read
 * only it. Where a shape comes from a JSON Schema, the model also points at that schema
 * (`SchemaSource`, `NamedShape.source`): a target that renders every keyword (the
 * TypeScript types and validators) reads it there, through the one normalisation of
 * `src/schema/normalize.ts`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Encoding } from '../dify/encoding.js';
import type { RequestData } from '../dify/request.js';
import type { RefResolver, SchemaRef } from '../load/external-refs.js';
import type { LoadedDocument } from '../load/read-document.js';
import type { PointerPath, Scalar, Value } from '../load/value.js';

/**
 * A JSON Schema as the source declares it: the raw value, the document it lives in (the
 * spec, a file it refers to, or a tool YAML's `output_schema`) and its pointer segments
 * there, for located warnings and for resolving its `$ref`s.
 */
export interface SchemaSource {
  value: Value | undefined;
  document: LoadedDocument;
  at: PointerPath;
}

/** A value's type, by kind. `ref` points at a named shape of the module (`NamedShape.key`). */
export type TypeShape =
  | { kind: 'any' }
  | { kind: 'never' }
  | { kind: 'string'; maxLength?: number; minLength?: number }
  | { kind: 'number'; integer: boolean; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number; multipleOf?: number }
  | { kind: 'boolean' }
  | { kind: 'null' }
  /** One of these JSON values (an `enum`, a `const`, select options). */
  | { kind: 'literal'; values: Scalar[] }
  | { kind: 'array'; items: TypeShape; minItems?: number; maxItems?: number }
  /** An object: its declared properties; `additional` types the other keys (absent: none declared). */
  | { kind: 'object'; properties: PropertyShape[]; additional?: TypeShape }
  | { kind: 'union'; members: TypeShape[] }
  /** Every member at once (`allOf`). */
  | { kind: 'allOf'; members: TypeShape[] }
  | { kind: 'ref'; key: string }
  /** A file as Dify passes it between tools. */
  | { kind: 'file' }
  /** A value Dify's UI picks: a model or an app. */
  | { kind: 'selector'; of: 'model' | 'app' };

export type ShapeKind = TypeShape['kind'];

export interface PropertyShape {
  name: string;
  type: TypeShape;
  required: boolean;
  description?: string;
}

/** A shape with a name of its own in the module (a `$ref` target): `key` is stable across machines. */
export interface NamedShape {
  key: string;
  /** What the name is derived from (the schema's name in the spec). */
  baseName: string;
  description?: string;
  type: TypeShape;
  /** The schema it is read from (absent in a model made by hand): where it lives, what `key` names, and its raw value. */
  source?: SchemaRef;
  /** On a cycle of pure aliases (`A: {$ref: B}`, `B: {$ref: A}`) that never reaches a schema: typed `any`. */
  aliasCycle?: true;
}

/** Where a parameter's value goes: an API parameter's `in`, or a plugin parameter's `form`. */
export type ParameterPlace = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'other' | 'llm' | 'form' | 'schema' | 'start';

/**
 * One Dify parameter. API parameters carry the rule of `src/dify/encoding.ts` that matched
 * them: every target's runtime encodes the value by `encoding`, and the provider's
 * diagnostics hold the rule's located warning once, whatever the targets.
 */
export interface ParameterModel {
  /** Dify's parameter name: the key of the `parameters` dict. */
  name: string;
  /** Dify's type name, as shown to users (`string`, `select`, `file-list`, …). */
  difyType: string;
  required: boolean;
  /** The default Dify fills in (null when none). */
  default: Scalar;
  /** The default is a float written with its `.0` (Python shows `1.0`, not `1`). */
  defaultIsFloat?: true;
  /** Not required, or Dify fills a default: the caller may leave it out. */
  optional: boolean;
  description?: string;
  /** A plugin's `llm_description` when it says more than the description. */
  llmDescription?: string;
  /** A select parameter's option values, as declared (repeats included). */
  options?: string[];
  place: ParameterPlace;
  /** API body parameters: the media type their schema came from. */
  mediaType?: string;
  type: TypeShape;
  /** API parameters typed by their schema (not by Dify's type): that schema. */
  schema?: SchemaSource;
  /** How the runtime encodes the value for Dify's casts; absent: sent as typed. `refuse`: no value can be sent (typed `never`). */
  encoding?: Exclude<Encoding, 'none'>;
  /** What Dify sends instead of the meant value, when the encoding rule warns (for docs). */
  warning?: string;
}

export interface ToolOutput {
  type: TypeShape;
  /** The outputs are also sent as variables (workflow end outputs). */
  variables: boolean;
  /** Where the output type comes from, for docs. */
  origin: 'output_schema' | 'workflow outputs';
  /** A tool YAML's `output_schema`: that schema (standing alone: its `$ref`s lead nowhere). */
  schema?: SchemaSource;
  /**
   * A workflow with several end nodes whose outputs differ: each distinct list of outputs,
   * in node order (a run returns the outputs of the end node it reached).
   */
  branches?: PropertyShape[][];
}

/** One JSON success body of an API operation: its status key, media type and schema. */
export interface ResultBody {
  status: string;
  mediaType: string;
  schema: SchemaSource;
}

/**
 * What an API tool's operation declares it returns (dify/responses.ts): `json`, the union
 * of its object bodies, what Dify sends as `json` messages; `body`, the union of every JSON
 * body, what Dify sends as the `text` message. `sameBodies`: both are the same bodies.
 */
export interface ToolResults {
  json?: TypeShape;
  body: TypeShape;
  sameBodies: boolean;
  /** The bodies each union is made of, in document order (`json`: empty when there is none). */
  bodies: { json: ResultBody[]; body: ResultBody[] };
}

export interface ToolModel {
  /** The tool name as the source derives it (the key of every name planned for it). */
  name: string;
  /**
   * The text function names are made from: the tool name, or for a name without ASCII
   * letters (CJK operationIds) the method and path's words (`functionNameSource`).
   */
  nameSource: string;
  /** The function name the manifest's `functionNames` asks for (checked by the plan). */
  requestedName?: string;
  /** The name sent to Dify (the derived one, or one pinned in `toolNames`). */
  difyName: string;
  /** Summary paragraphs: an operation's summary and description, a tool's label and description. */
  summary: string[];
  /** API tools: the HTTP method and path. */
  http?: { method: string; path: string; invocable: boolean };
  /** API tools: what a local session needs to send the request as Dify does (src/dify/request.ts). */
  request?: RequestData;
  parameters: ParameterModel[];
  output?: ToolOutput;
  /** API tools whose success responses declare JSON bodies. */
  results?: ToolResults;
}

export type ProviderKind = 'api' | 'builtin' | 'workflow';

export interface ProviderModel {
  /** The manifest's provider name. */
  module: string;
  kind: ProviderKind;
  /** The provider id sent to Dify. */
  id: string;
  /** The source file as shown to users. */
  sourceDisplay: string;
  tools: ToolModel[];
  /** Named shapes, in a stable order (by key). */
  types: NamedShape[];
  /** API providers: the server URL requests go to (`servers[0].url`; empty when none). */
  server?: string;
  /** API providers read from a spec: where the `$ref`s of their schemas lead (the spec; files beside it when allowed). */
  refs?: RefResolver;
  /** Check `format`s with a standard meaning in validators (the manifest's `formats`; absent: true). */
  formats?: boolean;
  /**
   * Warnings for every target: what Dify does with the tools (encoding rules, body media
   * types), then what cannot be typed in their schemas (`src/schema/warnings.ts`).
   */
  diagnostics: Diagnostic[];
}
