/**
 * What it takes to send one API tool's request as Dify does, as plain data: the method, the
 * path template, Dify's parameters with where each goes, and the body's media type and
 * properties with the conversion Dify applies to each. Every target's local session reads
 * this (the TypeScript emitter prints it into each API module); nothing here is code.
 * Rules: ApiTool.do_http_request and _convert_body_property_type in langgenius/dify,
 * api/core/tools/custom_tool/tool.py; ../shared/dify-golden/requests/README.md.
 */
import type { Value } from '../load/value.js';
import type { DifyParameter, DifyTool } from './model.js';

/** A body property's conversion: its `type` and `anyOf` (each option likewise), as written. */
export interface ConversionData {
  type?: Value;
  anyOf?: ConversionData[];
}

/** How Dify sends a body property (checked in this order by do_http_request). */
export type BodySend = 'files' | 'file' | 'ref' | 'convert';

export interface BodyPropertyData {
  name: string;
  /** Left out for `convert` (the common case, to keep modules small). */
  send?: Exclude<BodySend, 'convert'>;
  /** Without `send`: the conversion of the cast value. */
  convert?: ConversionData;
  /** The spec's `default` as written, sent when the property is not supplied. */
  default?: Value;
}

export interface ParameterData {
  name: string;
  type: DifyParameter['type'];
  /** Present (true) only for a required parameter. */
  required?: true;
  /** Dify's stored default, filled in for a missing required parameter. */
  default?: Value;
  /** Operation parameters: the raw `in`. */
  in?: string;
  /** Operation parameters: the value sent when not supplied, when it is not `""`. */
  absent?: Value;
}

export interface RequestData {
  method: string;
  path: string;
  parameters: ParameterData[];
  body?: { mediaType: string; schema: boolean; required?: string[]; properties?: BodyPropertyData[] };
}

/** The request data of one tool. */
export function toolRequest(tool: DifyTool): RequestData {
  const parameters = tool.parameters.map(parameterData);
  const media = tool.requestBody;
  if (media === undefined) return { method: tool.method, path: tool.path, parameters };
  if (!media.hasSchema) return { method: tool.method, path: tool.path, parameters, body: { mediaType: media.mediaType, schema: false } };
  const properties = tool.parameters.filter((p) => p.in === 'body' && p.mediaType === media.mediaType);
  return {
    method: tool.method,
    path: tool.path,
    parameters,
    body: {
      mediaType: media.mediaType,
      schema: true,
      required: properties.filter((p) => p.required).map((p) => p.name),
      properties: properties.map(bodyProperty),
    },
  };
}

function parameterData(p: DifyParameter): ParameterData {
  // By assignment: an object spread with conditional parts is three times the size, and a
  // large spec has one per parameter (Graph beta: 49,000).
  const data: ParameterData = { name: p.name, type: p.type };
  if (p.required) data.required = true;
  if (p.default !== null) data.default = p.default;
  // `other` (an `in` Dify does not place) stays: Dify still checks that it is supplied.
  if (p.in !== 'body') data.in = p.in;
  if (p.in !== 'body' && p.absent !== undefined && p.absent !== '') data.absent = p.absent;
  return data;
}

/** How Dify sends a body property: files, a file, a `$ref` unconverted, or converted by its schema. */
export function bodySend(schema: Value | undefined): BodySend {
  const property = schema instanceof Map ? schema : new Map();
  const items = property.get('items');
  if (property.get('type') === 'array' && items instanceof Map && items.get('format') === 'binary') return 'files';
  if (property.get('format') === 'binary') return 'file';
  if (property.has('$ref')) return 'ref';
  return 'convert';
}

function bodyProperty(p: DifyParameter): BodyPropertyData {
  const schema = p.schema instanceof Map ? p.schema : new Map();
  const send = bodySend(schema);
  return {
    name: p.name,
    ...(send === 'convert' ? { convert: conversion(schema, 10) } : { send }),
    ...(schema.has('default') ? { default: schema.get('default')! } : {}),
  };
}

/** `type` and `anyOf` of a schema, nested `anyOf` down to Dify's recursion limit. */
function conversion(schema: Value, depth: number): ConversionData {
  if (!(schema instanceof Map)) return {};
  const anyOf = schema.get('anyOf');
  return {
    ...(schema.has('type') ? { type: schema.get('type')! } : {}),
    ...(Array.isArray(anyOf) && depth > 0 ? { anyOf: anyOf.map((option) => conversion(option, depth - 1)) } : {}),
  };
}
