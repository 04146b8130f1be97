/**
 * The response bodies an API tool's operation declares, as far as they matter for typing
 * what Dify passes back (dify-semantics.md §6, ../shared/dify-golden/requests/README.md,
 * "Response → messages"): Dify reads the real response, never the spec, so these are the
 * spec's promise about it.
 *
 * - Success responses: every `2XX` status (document order); only when there is none, `default`.
 * - JSON bodies: media types containing `application/json` (Dify gives an object body a
 *   `json` message then a `text` message, anything else one `text` message), and `+json`
 *   types (`application/problem+json`, `application/vnd.github+json`): Dify passes those
 *   only as text, parsed or not.
 * A response `$ref` is followed inside the document (JSON pointer rules, at most 16 steps).
 */
import { resolvePointer } from '../load/external-refs.js';
import { childPath, type Mapping, type PointerPath, type Value } from '../load/value.js';
import type { DifyTool } from './model.js';

export interface ResponseBody {
  /** The status key as written: `200`, `2XX`, `default`. */
  status: string;
  mediaType: string;
  /** True when Dify would make a `json` message of an object body of this media type. */
  difyJson: boolean;
  schema: Value;
  /** Where the schema is in the document. */
  pointer: PointerPath;
}

const MAX_REF_STEPS = 16;

/** The JSON bodies of a tool's success responses, in document order. */
export function successBodies(root: Value, tool: DifyTool): ResponseBody[] {
  const operation = at(root, tool.pointer);
  const responses = operation instanceof Map ? operation.get('responses') : undefined;
  if (!(responses instanceof Map)) return [];
  const success = [...responses.keys()].filter((key) => /^2[0-9X]{2}$/i.test(String(key)));
  const chosen = success.length > 0 ? success : [...responses.keys()].filter((key) => key === 'default');
  return chosen.flatMap((key) => {
    const response = followRefs(root, responses.get(key) ?? null, [...tool.pointer, 'responses', key]);
    return response ? jsonBodies(response.value, response.pointer, String(key)) : [];
  });
}

function jsonBodies(response: Value, pointer: PointerPath, status: string): ResponseBody[] {
  const content = response instanceof Map ? response.get('content') : undefined;
  if (!(content instanceof Map)) return [];
  const out: ResponseBody[] = [];
  for (const [mediaType, media] of content) {
    const type = String(mediaType).toLowerCase();
    const difyJson = type.includes('application/json');
    if (!difyJson && !/\+json\b/.test(type)) continue;
    if (!(media instanceof Map) || !media.has('schema')) continue;
    out.push({ status, mediaType: String(mediaType), difyJson, schema: media.get('schema')!, pointer: childPath(pointer, 'content', mediaType, 'schema') });
  }
  return out;
}

/** A response object, its `$ref`s followed inside the document. */
function followRefs(root: Value, value: Value, pointer: PointerPath): { value: Mapping; pointer: PointerPath } | undefined {
  let node = value;
  let where = pointer;
  for (let step = 0; step <= MAX_REF_STEPS && node instanceof Map; step++) {
    const ref = node.get('$ref');
    if (typeof ref !== 'string') return { value: node, pointer: where };
    if (!ref.startsWith('#')) return undefined;
    const target = resolvePointer(root, ref.slice(1));
    if (target === undefined) return undefined;
    node = target;
    where = ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return undefined;
}

function at(root: Value, path: PointerPath): Value | undefined {
  let node: Value | undefined = root;
  for (const key of path) node = node instanceof Map ? node.get(key) : undefined;
  return node;
}
