/**
 * The provider model: Dify's view of an OpenAPI document. Every emitter reads only this,
 * never the raw spec. Rules: dify-semantics.md.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedDocument } from '../load/read-document.js';
import type { PointerPath, Scalar, Value } from '../load/value.js';

/** The methods Dify looks for on a path item, in the order it creates tools (§3). */
export const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Methods Dify creates tools for but cannot invoke ("Invalid http method", §3). */
export const UNINVOCABLE_METHODS: ReadonlySet<HttpMethod> = new Set(['options', 'trace']);

/** Dify's parameter types for API tools (§5.3). */
export type DifyParameterType = 'string' | 'number' | 'boolean' | 'array' | 'file' | 'files';

/** Where a parameter's value goes in the HTTP request. */
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'other';

export interface DifyParameter {
  /** Dify's parameter name: the key of the `parameters` dict a caller passes. */
  name: string;
  type: DifyParameterType;
  /** Dify's `required` flag. */
  required: boolean;
  /** The default Dify stores (null when none, and for list or mapping defaults). */
  default: Scalar;
  in: ParameterLocation;
  /** Body parameters: the media type whose schema they came from. */
  mediaType?: string;
  description?: string;
  /**
   * Operation parameters: what Dify sends when the caller leaves the parameter out and it is
   * not required, `schema.default` as written (lists and mappings too), else `""`
   * (ApiTool.get_parameter_value in api/core/tools/custom_tool/tool.py).
   */
  absent?: Value;
  /** The full JSON schema behind the parameter, for rich typing (not used by Dify itself). */
  schema?: Value;
  /** Where the parameter is defined in the document. */
  pointer: PointerPath;
}

export interface DifyTool {
  /** The exact tool name Dify gives the operation (§4). */
  name: string;
  /** True when the name is the operation's `operationId`; false for the path_method fallback. */
  fromOperationId: boolean;
  method: HttpMethod;
  path: string;
  /** `servers[0].url` + path, as Dify stores it. */
  url: string;
  /** Dify's summary: the operation's description, else its summary. */
  summary: string | null;
  operationSummary?: string;
  operationDescription?: string;
  parameters: DifyParameter[];
  /**
   * The request body Dify sends: only the first media type under `requestBody.content`
   * (ApiTool.do_http_request breaks after it); `hasSchema` false when it has no `schema`
   * (Dify then fails every call with KeyError 'schema'). Absent without a body.
   */
  requestBody?: { mediaType: string; hasSchema: boolean };
  /** The operation object in the document. */
  pointer: PointerPath;
}

export interface DifyProvider {
  /**
   * `servers[0].url`, as Dify records it: Dify stores the server on each tool, so a
   * document without tools has none (null), which is what the golden data shows.
   */
  server: string | null;
  title?: string;
  description?: string;
  tools: DifyTool[];
  /** The warnings dict Dify fills while parsing (only `duplicated_parameter` today). */
  difyWarnings: { duplicated_parameter?: string };
  /** Warnings about the document, each with its location. */
  diagnostics: Diagnostic[];
  document: LoadedDocument;
}

/** Dify refuses to create a provider with more tools than this. */
export const MAX_TOOLS_PER_PROVIDER = 100;
