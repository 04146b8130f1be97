/**
 * How a typed value must be encoded into `tool_parameters` so that, after Dify's casts
 * (every `object`, `$ref` or untyped schema is a Dify `string`, cast with Python's `str()`),
 * the API receives what the OpenAPI spec says the value means; and where no encoding can,
 * what Dify will send instead. One table, read by every target (the TypeScript wrappers
 * today, the Python output later): each row matches facts about a parameter and names an
 * encoding (implemented by each target's runtime) and, where the meant value cannot
 * arrive, a warning. The first matching row wins.
 * Rules: ../shared/dify-golden/requests/README.md; langgenius/dify
 * api/core/tools/custom_tool/tool.py (ApiTool.do_http_request, _convert_body_property_type).
 */
import { warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import type { LoadedDocument } from '../load/read-document.js';
import { resolvePointer } from '../load/external-refs.js';
import type { Value } from '../load/value.js';
import { valueAt } from '../sources/yaml-document.js';
import type { DifyParameter, DifyTool, ParameterLocation } from './model.js';
import { bodySend, type BodySend } from './request.js';

/**
 * A value encoding (each target's runtime implements every one):
 * - `none`: the value as typed;
 * - `json`: objects and arrays as JSON text;
 * - `json-items`: each object or array item of a list as JSON text;
 * - `segment`: the value's text percent-encoded as one path segment (all but `A-Za-z0-9-._~`;
 *   `.` and `..` too);
 * - `ascii`: the value's text (objects as JSON text), refused when not ASCII;
 * - `refuse`: a given value is refused before the call (Dify can only fail with it);
 * - `comma`, `space`, `pipe`: a list's items joined by `,`, ` ` or `|` into a one-item list
 *   (a query array with `explode: false`, `spaceDelimited`, `pipeDelimited`: Dify repeats
 *   the key for every item whatever the style).
 */
export type Encoding = 'none' | 'json' | 'json-items' | 'segment' | 'ascii' | 'refuse' | 'comma' | 'space' | 'pipe';

/** How an operation parameter's list is serialised (OpenAPI `style` and `explode`), where it is not one key per item. */
export type Delimiter = 'comma' | 'space' | 'pipe';

/** How Dify sends a body: JSON (exactly `application/json`), Python's urlencode, or httpx's form encoding (any other type). */
export type BodyMedia = 'json' | 'python-form' | 'client-form';

/** The shape of a parameter's schema, as far as encoding cares. */
export type ValueShape = 'object' | 'object-array' | 'array' | 'boolean' | 'integer' | 'number' | 'string' | 'untyped' | 'any-of';

/** Facts about one parameter that rows match on. */
export interface ParameterFacts {
  in: ParameterLocation;
  /** Body properties: how Dify sends the body. */
  media?: BodyMedia;
  /** Body properties: false for a property of a media type Dify does not send. */
  sent?: boolean;
  /** Body properties: how Dify sends the property. */
  send?: BodySend;
  /** Body properties: the property itself has neither `type` nor `anyOf` (Dify converts its value to null). */
  untyped?: boolean;
  shape: ValueShape;
  optional: boolean;
  /** A header parameter named exactly like Dify's default credential header (`Authorization`). */
  credentialHeader: boolean;
  /** Query parameters: the delimiter the spec's `style`/`explode` asks for, if not one key per item. */
  delimiter?: Delimiter;
}

/** One row: what it matches (every listed fact must hold), the encoding, and the warning, if the meant value cannot arrive. */
export interface EncodingRule {
  id: string;
  when: {
    in?: readonly ParameterLocation[];
    media?: readonly BodyMedia[];
    sent?: boolean;
    send?: readonly BodySend[];
    untyped?: boolean;
    shape?: readonly ValueShape[];
    optional?: boolean;
    credentialHeader?: boolean;
    delimiter?: readonly Delimiter[];
  };
  encoding: Encoding;
  /** What Dify sends instead of the meant value; `{name}` is the parameter's name. */
  warning?: { code: string; dify: string; hint: string };
}

/** The rules, first match wins. */
export const ENCODING_RULES: readonly EncodingRule[] = [
  {
    id: 'body.other-media-type',
    when: { in: ['body'], sent: false },
    encoding: 'none',
    warning: { code: 'body-property-not-sent', dify: 'Dify sends only the properties of the first media type under requestBody.content; {name} is never sent.', hint: 'put the media type Dify should send first, or remove the others' },
  },
  {
    id: 'body.binary',
    when: { in: ['body'], send: ['file', 'files'] },
    encoding: 'refuse',
    warning: { code: 'binary-from-plugin', dify: "Dify fails the call when a plugin passes {name} ('dict' object has no attribute 'filename'): only a workflow node with real files can send format: binary.", hint: 'leave the parameter out, or send the file another way (a URL property)' },
  },
  {
    id: 'body.ref',
    when: { in: ['body'], send: ['ref'] },
    encoding: 'json',
    warning: { code: 'ref-property-as-text', dify: 'Dify sends a $ref property without conversion: {name} arrives as a string (the wrapper sends JSON text; an object would arrive as its Python repr).', hint: 'inline the property schema (type: object) so that Dify parses JSON text into an object' },
  },
  {
    id: 'body.untyped',
    when: { in: ['body'], send: ['convert'], untyped: true },
    encoding: 'none',
    warning: { code: 'untyped-property-null', dify: 'Dify converts a body property without `type` or `anyOf` to null: {name} is always sent as null.', hint: 'give the property a type' },
  },
  { id: 'body.json.object', when: { in: ['body'], media: ['json'], shape: ['object'] }, encoding: 'json' },
  {
    id: 'body.python-form.structured',
    when: { in: ['body'], media: ['python-form'], shape: ['object', 'object-array', 'array'] },
    encoding: 'none',
    warning: { code: 'form-structured-repr', dify: 'Dify urlencodes application/x-www-form-urlencoded bodies with Python\'s str(): {name} arrives as its Python repr ("[\'x\', \'y\']", "{\'a\': 1}").', hint: 'send scalars only, or use application/json' },
  },
  {
    id: 'body.python-form.boolean',
    when: { in: ['body'], media: ['python-form'], shape: ['boolean'] },
    encoding: 'none',
    warning: { code: 'form-boolean-python', dify: 'Dify urlencodes application/x-www-form-urlencoded bodies with Python\'s str(): {name} arrives as True or False.', hint: 'make the API accept True/False, or use application/json' },
  },
  {
    id: 'body.client-form.object',
    when: { in: ['body'], media: ['client-form'], shape: ['object', 'object-array'] },
    encoding: 'none',
    warning: { code: 'form-object-repr', dify: 'Dify form-encodes bodies of media types other than application/json and application/x-www-form-urlencoded: an object in {name} arrives as its Python repr.', hint: 'use application/json (exactly) as the first media type' },
  },
  {
    id: 'path.boolean',
    when: { in: ['path'], shape: ['boolean'] },
    encoding: 'none',
    warning: { code: 'path-boolean-python', dify: 'Dify writes a boolean path value with Python\'s str(): {name} arrives as True or False.', hint: 'type the path parameter as a string with enum [true, false]' },
  },
  {
    id: 'path.structured',
    when: { in: ['path'], shape: ['object', 'object-array', 'array'] },
    encoding: 'none',
    warning: { code: 'path-structured-repr', dify: 'Dify writes a path value with Python\'s str(): a list or object in {name} arrives as its Python repr.', hint: 'type the path parameter as a string' },
  },
  { id: 'path.segment', when: { in: ['path'] }, encoding: 'segment' },
  {
    id: 'query.object',
    when: { in: ['query'], shape: ['object'] },
    encoding: 'json',
    warning: { code: 'query-object-json', dify: "Dify sends one query key per parameter and casts an object to its Python repr: {name} is sent as JSON text (the wrapper encodes it), never as the spec's form or deepObject keys.", hint: 'make sure the API reads JSON text here, or declare the object\'s properties as separate query parameters' },
  },
  { id: 'query.array.comma', when: { in: ['query'], shape: ['array'], delimiter: ['comma'] }, encoding: 'comma' },
  { id: 'query.array.space', when: { in: ['query'], shape: ['array'], delimiter: ['space'] }, encoding: 'space' },
  { id: 'query.array.pipe', when: { in: ['query'], shape: ['array'], delimiter: ['pipe'] }, encoding: 'pipe' },
  { id: 'query.object-array', when: { in: ['query'], shape: ['object-array'] }, encoding: 'json-items' },
  {
    id: 'header.credential',
    when: { in: ['header'], credentialHeader: true, optional: true },
    encoding: 'ascii',
    warning: { code: 'optional-credential-header', dify: 'Dify sends header parameters after the credential: {name}, when left out, is sent empty and replaces the API key header.', hint: 'make the parameter required, or remove it and let the provider credential set the header' },
  },
  {
    id: 'header.boolean',
    when: { in: ['header'], shape: ['boolean'] },
    encoding: 'none',
    warning: { code: 'header-boolean-python', dify: 'Dify writes header values with Python\'s str(): {name} arrives as True or False.', hint: 'type the header as a string with enum [true, false]' },
  },
  {
    id: 'header.structured',
    when: { in: ['header'], shape: ['array', 'object-array'] },
    encoding: 'none',
    warning: { code: 'header-structured-repr', dify: 'Dify writes header values with Python\'s str(): a list in {name} arrives as its Python repr ("[\'a\', \'b\']").', hint: 'type the header as a string (e.g. comma-separated values)' },
  },
  { id: 'header.text', when: { in: ['header'] }, encoding: 'ascii' },
  {
    id: 'cookie.not-text',
    when: { in: ['cookie'], shape: ['integer', 'number', 'boolean'] },
    encoding: 'refuse',
    warning: { code: 'cookie-not-text', dify: "Dify fails the call when {name} has a value (expected string or bytes-like object, got 'int'): a cookie is cast to a number or boolean, which its HTTP client refuses.", hint: 'type the cookie as a string' },
  },
  { id: 'cookie.object', when: { in: ['cookie'], shape: ['object', 'object-array', 'array'] }, encoding: 'json' },
];

/** A row about the body as a whole (the first media type, the one Dify sends); first match wins. */
export interface MediaRule {
  id: string;
  when: { schema?: boolean; media?: readonly BodyMedia[]; pattern?: RegExp };
  /** What Dify sends instead; `{name}` is the media type. */
  warning: { code: string; dify: string; hint: string };
}

/** Bodies Dify does not send as their media type says. */
export const MEDIA_RULES: readonly MediaRule[] = [
  {
    id: 'media.no-schema',
    when: { schema: false },
    warning: { code: 'body-without-schema', dify: "Dify fails every call of this tool (KeyError 'schema'): its first media type, {name}, has no schema.", hint: 'give the media type a schema, or remove it' },
  },
  {
    id: 'media.json-not-exact',
    when: { media: ['client-form'], pattern: /json/i },
    warning: { code: 'json-media-form-encoded', dify: 'Dify JSON-encodes only the media type "application/json" written exactly: a {name} body is form-encoded (a=1&b=x) under that content-type.', hint: 'write the media type as application/json' },
  },
  {
    id: 'media.other',
    when: { media: ['client-form'] },
    warning: { code: 'body-form-encoded', dify: 'Dify sends a body of any media type but application/json and application/x-www-form-urlencoded form-encoded (a=1&b=x) under that content-type: the API receives that text as {name}.', hint: 'offer application/json (or application/x-www-form-urlencoded) first, if the API accepts it' },
  },
];

/** How Dify sends a body of this media type. */
export function bodyMedia(mediaType: string): BodyMedia {
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/x-www-form-urlencoded') return 'python-form';
  return 'client-form';
}

/** A schema with its in-document `$ref`s (and a lone `allOf` item) followed, a few hops at most. */
function dereferenced(schema: Value | undefined, root: Value | undefined): Value | undefined {
  let node = schema;
  for (let hops = 0; hops < 8 && node instanceof Map; hops++) {
    const ref = node.get('$ref');
    const allOf = node.get('allOf');
    if (typeof ref === 'string' && ref.startsWith('#') && root !== undefined) node = resolvePointer(root, ref.slice(1));
    else if (!node.has('type') && Array.isArray(allOf) && allOf.length === 1) node = allOf[0];
    else break;
  }
  return node;
}

/**
 * The shape of a schema (the parameter's full schema, as in the model); `$ref`s are followed
 * inside `root`, the document (a parameter's meaning does not depend on how it is written).
 */
export function valueShape(schema: Value | undefined, root?: Value): ValueShape {
  const node = dereferenced(schema, root);
  if (!(node instanceof Map)) return 'untyped';
  const type = node.get('type');
  if (type === 'array') {
    const items = dereferenced(node.get('items'), root);
    const itemType = items instanceof Map ? items.get('type') : undefined;
    return itemType === 'object' || itemType === 'array' || (items instanceof Map && items.has('properties')) ? 'object-array' : 'array';
  }
  if (type === 'object' || (type === undefined && (node.has('properties') || node.has('additionalProperties')))) return 'object';
  if (type === 'boolean' || type === 'integer' || type === 'number' || type === 'string') return type;
  if (node.has('anyOf')) return 'any-of';
  return 'untyped';
}

const COLLECTION_FORMATS: ReadonlyMap<string, Delimiter> = new Map([
  ['csv', 'comma'],
  ['ssv', 'space'],
  ['pipes', 'pipe'],
]);

/**
 * How a query array is serialised: OpenAPI 3 `form` explodes by default, `explode: false`
 * joins with commas, the delimited styles with their character; a Swagger 2 parameter (a
 * `type` and no `schema`) by `collectionFormat`, `csv` by default.
 */
export function queryDelimiter(parameter: Value | undefined): Delimiter | undefined {
  if (!(parameter instanceof Map)) return undefined;
  if (!parameter.has('schema') && parameter.has('type')) {
    const format = parameter.get('collectionFormat') ?? 'csv';
    return typeof format === 'string' ? COLLECTION_FORMATS.get(format) : undefined;
  }
  const style = parameter.get('style') ?? 'form';
  const explode = parameter.get('explode') ?? style === 'form';
  if (explode !== false) return undefined;
  if (style === 'form') return 'comma';
  if (style === 'spaceDelimited') return 'space';
  if (style === 'pipeDelimited') return 'pipe';
  return undefined;
}

/** The facts a rule matches, for one parameter of a tool. */
export function parameterFacts(tool: DifyTool, p: DifyParameter, optional: boolean, root?: Value): ParameterFacts {
  const facts: ParameterFacts = { in: p.in, shape: valueShape(p.schema, root), optional, credentialHeader: p.in === 'header' && p.name === 'Authorization' };
  if (p.in === 'query') {
    const delimiter = queryDelimiter(root === undefined ? undefined : valueAt(root, p.pointer));
    return delimiter ? { ...facts, delimiter } : facts;
  }
  if (p.in !== 'body') return facts;
  const property = p.schema instanceof Map ? p.schema : new Map();
  return {
    ...facts,
    media: bodyMedia(p.mediaType ?? ''),
    sent: tool.requestBody?.mediaType === p.mediaType,
    send: bodySend(p.schema),
    untyped: !property.has('type') && !property.has('anyOf'),
  };
}

function matches(rule: EncodingRule, facts: ParameterFacts): boolean {
  const w = rule.when;
  return (
    (w.in === undefined || w.in.includes(facts.in)) &&
    (w.media === undefined || (facts.media !== undefined && w.media.includes(facts.media))) &&
    (w.sent === undefined || w.sent === facts.sent) &&
    (w.send === undefined || (facts.send !== undefined && w.send.includes(facts.send))) &&
    (w.untyped === undefined || w.untyped === facts.untyped) &&
    (w.shape === undefined || w.shape.includes(facts.shape)) &&
    (w.optional === undefined || w.optional === facts.optional) &&
    (w.credentialHeader === undefined || w.credentialHeader === facts.credentialHeader) &&
    (w.delimiter === undefined || (facts.delimiter !== undefined && w.delimiter.includes(facts.delimiter)))
  );
}

/** The first rule that matches, or undefined (the value is sent as typed). */
export function encodingRule(facts: ParameterFacts): EncodingRule | undefined {
  return ENCODING_RULES.find((rule) => matches(rule, facts));
}

/** The text of a rule's warning for a parameter. */
export function ruleText(text: string, name: string): string {
  return text.replace(/\{name\}/g, quoted(name));
}

/** The located warning of a rule that has one. */
export function encodingWarning(document: LoadedDocument, toolName: string, p: DifyParameter, rule: EncodingRule): Diagnostic | undefined {
  if (rule.warning === undefined) return undefined;
  return warning(rule.warning.code, `tool ${quoted(toolName)}: the value of parameter ${quoted(p.name)} cannot reach the API as the spec means it`, {
    location: document.locate(p.pointer, true),
    dify: ruleText(rule.warning.dify, p.name),
    hint: rule.warning.hint,
  });
}

/** The located warning about a tool's body media type, when Dify does not send what it says. */
export function mediaWarning(document: LoadedDocument, tool: DifyTool): Diagnostic | undefined {
  const body = tool.requestBody;
  if (body === undefined) return undefined;
  const media = bodyMedia(body.mediaType);
  const rule = MEDIA_RULES.find(
    ({ when }) =>
      (when.schema === undefined || when.schema === body.hasSchema) &&
      (when.media === undefined || when.media.includes(media)) &&
      (when.pattern === undefined || when.pattern.test(body.mediaType)),
  );
  if (rule === undefined) return undefined;
  return warning(rule.warning.code, `tool ${quoted(tool.registeredName)}: Dify does not send its ${quoted(body.mediaType)} body as the spec says`, {
    location: document.locate([...tool.pointer, 'requestBody', 'content', body.mediaType], true),
    dify: ruleText(rule.warning.dify, body.mediaType),
    hint: rule.warning.hint,
  });
}
