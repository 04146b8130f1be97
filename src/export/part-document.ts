/**
 * The document of one export part: the original document with only the part's operations
 * and what they reach.
 *
 * - `paths`: the paths of the part's tools, in document order, each with its non-operation
 *   keys (path-level `parameters`, `summary`, …) and only the part's methods. Keeping the
 *   document order of paths and Dify's fixed method order (§3) keeps the tools' order.
 * - `components`: in each section, only the entries the part's operations reach through
 *   `$ref`s (transitively), in document order;
 *   `securitySchemes` whole (security requirements name them without a `$ref`).
 * - other top-level mappings that `$ref`s point into (e.g. `definitions`): pruned the same way.
 * - `tags`: the tags the part's operations use; `webhooks` and `x-webhooks` dropped: they
 *   describe requests the API sends, never tools (Dify reads only `paths`, §3), and would
 *   pull every component they reach into every part (a `$ref` into them keeps its entry). Everything else (`openapi`, `info`,
 *   `servers`, `security`, `externalDocs`, other `x-…`) as it is.
 *
 * A `$ref` is followed both as Dify reads it (split on `/`, no decoding: dify-semantics.md
 * §2) and as a JSON pointer (`~1`, `%xx` decoded), so a part keeps whatever either reading
 * reaches. The loaded document is never changed: kept values are shared, containers are new.
 */
import { HTTP_METHODS, type DifyTool } from '../dify/model.js';
import { difyRef } from '../dify/refs.js';
import type { Key, Mapping, PointerPath, Value } from '../load/value.js';

/** A `$ref` of the part that points at an operation of another part. */
export interface CrossPartRef {
  ref: string;
  /** Where the `$ref` is. */
  at: PointerPath;
}

export interface PartDocument {
  value: Mapping;
  crossPartRefs: CrossPartRef[];
}

const METHODS: ReadonlySet<Key> = new Set(HTTP_METHODS);
/** Top-level keys kept whole or handled on their own, never pruned as `$ref` containers. */
const FIXED_TOP_LEVEL: ReadonlySet<Key> = new Set(['openapi', 'swagger', 'info', 'servers', 'security', 'paths', 'components', 'tags', 'webhooks', 'x-webhooks']);
/** Top-level keys a part leaves out (see the module comment). */
const DROPPED_TOP_LEVEL: ReadonlySet<Key> = new Set(['webhooks', 'x-webhooks']);

/**
 * The top-level keys (other than `paths` and `components`) that some `$ref` of the document
 * points inside, e.g. `definitions` of a Swagger-style document: every part prunes these.
 */
export function refContainers(root: Mapping): Set<Key> {
  const containers = new Set<Key>();
  walkRefs(root, [], new Set(), (ref) => {
    for (const segments of refReadings(ref)) {
      if (segments.length < 2) continue;
      const key = findKey(root, segments[0]!);
      if (key !== undefined && !FIXED_TOP_LEVEL.has(key) && root.get(key) instanceof Map) containers.add(key);
    }
  });
  return containers;
}

/**
 * What Dify changes in the document while reading it, in nodes several tools share (YAML
 * aliases), each with the first tool that reads it: a request-body media object whose
 * schema is a `$ref` (Dify replaces the schema with its target, dify/parameters.ts, so later
 * tools see it resolved and merge no `allOf`), and an operation without operationId (Dify
 * writes the first tool's fallback name into it, dify/tools.ts). A part whose tools come
 * after a first reader outside the part writes these as those tools saw them.
 */
export function sharedNodes(root: Mapping, tools: readonly DifyTool[]): Map<Mapping, DifyTool> {
  const reads = tools.map((tool) => [tool, operationOf(root, tool.path, tool.method)] as const);
  const unnamed = firstReaders(reads.flatMap(([tool, op]) => (op instanceof Map && !op.has('operationId') ? [[tool, op] as const] : [])));
  const bodies = firstReaders(reads.flatMap(([tool, op]) => mediaObjects(op).map((media) => [tool, media] as const)));
  return new Map([...unnamed, ...[...bodies].filter(([media]) => hasRef(media.get('schema')))]);
}

/** Each node read by more than one tool, with the first tool that reads it. */
function firstReaders(reads: ReadonlyArray<readonly [DifyTool, Mapping]>): Map<Mapping, DifyTool> {
  const first = new Map<Mapping, DifyTool>();
  const count = new Map<Mapping, number>();
  for (const [tool, node] of reads) {
    if (!first.has(node)) first.set(node, tool);
    count.set(node, (count.get(node) ?? 0) + 1);
  }
  return new Map([...first].filter(([node]) => count.get(node)! > 1));
}

function operationOf(root: Mapping, path: string, method: string): Value | undefined {
  const paths = root.get('paths');
  const item = paths instanceof Map ? paths.get(path) : undefined;
  return item instanceof Map ? item.get(method) : undefined;
}

/** The media-type objects of an operation's request body. */
function mediaObjects(operation: Value | undefined): Mapping[] {
  const body = operation instanceof Map ? operation.get('requestBody') : undefined;
  const content = body instanceof Map ? body.get('content') : undefined;
  return content instanceof Map ? [...content.values()].filter((m): m is Mapping => m instanceof Map) : [];
}

function hasRef(schema: Value | undefined): schema is Mapping {
  return schema instanceof Map && schema.has('$ref');
}

/** Builds the document of a part (see the module comment). */
export function partDocument(root: Mapping, tools: readonly DifyTool[], containers: ReadonlySet<Key>, shared: ReadonlyMap<Mapping, DifyTool> = new Map()): PartDocument {
  const methodsByPath = new Map<string, Set<string>>();
  for (const tool of tools) {
    const methods = methodsByPath.get(tool.path) ?? new Set<string>();
    methods.add(tool.method);
    methodsByPath.set(tool.path, methods);
  }
  const reach = new Reach(root, methodsByPath, containers, asSeenBy(root, new Set(tools), shared));
  const paths = root.get('paths');
  const keptPaths = paths instanceof Map ? reach.keptPaths(paths) : paths;
  for (const [key, value] of root) {
    if (key !== 'paths' && key !== 'components' && !DROPPED_TOP_LEVEL.has(key) && !(containers.has(key) && value instanceof Map)) reach.walk(value, [key]);
  }
  const components = root.get('components');
  if (components instanceof Map) {
    for (const [section, value] of components) if (section === 'securitySchemes' || !(value instanceof Map)) reach.walk(value, ['components', section]);
  }
  reach.drain();

  const value: Mapping = new Map();
  for (const [key, entry] of root) {
    if (DROPPED_TOP_LEVEL.has(key)) {
      // Kept only as far as a `$ref` of the part points into them.
      const kept = entry instanceof Map ? reach.pruned([key], entry) : new Map();
      if (kept.size > 0) value.set(key, kept);
    } else if (key === 'paths') value.set(key, reach.finalPaths(keptPaths ?? null));
    else if (key === 'components' && entry instanceof Map) value.set(key, reach.components(entry));
    else if (key === 'tags' && Array.isArray(entry)) value.set(key, entry.filter((tag) => tag instanceof Map && reach.tags.has(tag.get('name') as Key)));
    else if (containers.has(key) && entry instanceof Map) value.set(key, reach.pruned([key], entry));
    else value.set(key, entry);
  }
  return { value, crossPartRefs: reach.crossPartRefs };
}

/**
 * The operation as the part's tools must see it: a shared name or body schema whose first reader is
 * outside the part written as Dify left it (see `sharedNodes`); otherwise the operation itself.
 */
function asSeenBy(root: Mapping, inPart: ReadonlySet<DifyTool>, shared: ReadonlyMap<Mapping, DifyTool>): (operation: Mapping) => Mapping {
  const outside = (node: Mapping) => shared.has(node) && !inPart.has(shared.get(node)!);
  return (operation) => {
    const named = outside(operation) ? new Map([...operation, ['operationId', shared.get(operation)!.name] as [Key, Value]]) : operation;
    const body = operation.get('requestBody') as Mapping | undefined;
    const content = body?.get('content');
    if (!(content instanceof Map) || !mediaObjects(operation).some(outside)) return named;
    const seen: Mapping = new Map();
    for (const [mediaType, media] of content) {
      const first = media instanceof Map ? shared.get(media) : undefined;
      seen.set(mediaType, first && !inPart.has(first) ? new Map([...media as Mapping].map(([k, v]) => [k, k === 'schema' ? resolvedSchema(root, v) : v])) : media);
    }
    return new Map([...named].map(([k, v]) => [k, k === 'requestBody' ? new Map([...body!].map(([bk, bv]) => [bk, bk === 'content' ? seen : bv])) : v]));
  };
}

/** A body schema's `$ref` target, looked up as Dify does (dify/refs.ts); the schema itself when it leads nowhere. */
function resolvedSchema(root: Mapping, schema: Value): Value {
  try {
    return schema instanceof Map ? difyRef(root, schema.get('$ref') ?? null, []).value : schema;
  } catch {
    return schema;
  }
}

/** The values a part reaches, found by walking from its operations. */
class Reach {
  /** Kept entries of pruned containers, keyed by the container's pointer (`components/schemas`). */
  private readonly kept = new Map<string, Set<Key>>();
  /** Containers a `$ref` names whole. */
  private readonly whole = new Set<string>();
  /** Paths outside the part whose non-operation keys a `$ref` points into. */
  private readonly bareItems = new Set<Key>();
  private readonly visited = new Set<object>();
  private readonly queue: Array<[Value, PointerPath]> = [];
  readonly tags = new Set<Key>();
  readonly crossPartRefs: CrossPartRef[] = [];

  constructor(
    private readonly root: Mapping,
    private readonly methodsByPath: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly containers: ReadonlySet<Key>,
    private readonly asSeen: (operation: Mapping) => Mapping,
  ) {}

  /** The part's paths, each with its non-operation keys and the part's operations; walks them. */
  keptPaths(paths: Mapping): Mapping {
    const out: Mapping = new Map();
    for (const [path, item] of paths) {
      const methods = typeof path === 'string' ? this.methodsByPath.get(path) : undefined;
      if (!methods) continue;
      out.set(path, item instanceof Map ? this.pathItem(path, item, methods) : item);
    }
    return out;
  }

  private pathItem(path: Key, item: Mapping, methods: ReadonlySet<string>): Mapping {
    const out: Mapping = new Map();
    for (const [key, original] of item) {
      if (METHODS.has(key) && !methods.has(key as string)) continue;
      const value = METHODS.has(key) && original instanceof Map ? this.asSeen(original) : original;
      out.set(key, value);
      if (METHODS.has(key) && value instanceof Map) this.noteTags(value);
      this.walk(value, ['paths', path, key]);
    }
    return out;
  }

  private noteTags(operation: Mapping): void {
    const tags = operation.get('tags');
    if (Array.isArray(tags)) for (const tag of tags) if (typeof tag === 'string') this.tags.add(tag);
  }

  /** Queues a value for walking. */
  walk(value: Value, at: PointerPath): void {
    this.queue.push([value, at]);
  }

  /** Walks everything queued, following each `$ref` to the entry it names. */
  drain(): void {
    while (this.queue.length > 0) {
      const [value, at] = this.queue.pop()!;
      walkRefs(value, at, this.visited, (ref, refAt) => this.follow(ref, refAt));
    }
  }

  private follow(ref: string, at: PointerPath): void {
    for (const segments of refReadings(ref)) {
      const top = findKey(this.root, segments[0] ?? '');
      if (top === undefined) continue;
      if (top === 'paths') this.followIntoPaths(ref, segments, at);
      else if (top === 'components') this.keepEntry(['components'], segments.slice(1));
      else if (this.containers.has(top) || DROPPED_TOP_LEVEL.has(top)) this.keepEntry([], segments);
    }
  }

  /** Marks the entry a `$ref` names (`<container>/<entry>`) as kept and walks it. */
  private keepEntry(prefix: Key[], segments: readonly string[]): void {
    let container: Value = this.root;
    const at: Key[] = [];
    for (const segment of prefix) {
      container = (container as Mapping).get(segment) ?? null;
      at.push(segment);
    }
    const containerKey = findKey(container, segments[0] ?? '');
    if (containerKey === undefined) return;
    at.push(containerKey);
    const section = (container as Mapping).get(containerKey) ?? null;
    const id = at.map(String).join('/');
    if (segments.length < 2 || !(section instanceof Map)) {
      if (!this.whole.has(id)) {
        this.whole.add(id);
        this.walk(section, at);
      }
      return;
    }
    const entry = findKey(section, segments[1]!);
    if (entry === undefined) return;
    const kept = this.kept.get(id) ?? new Set<Key>();
    this.kept.set(id, kept);
    if (kept.has(entry)) return;
    kept.add(entry);
    this.walk(section.get(entry) ?? null, [...at, entry]);
  }

  /** A `$ref` into `paths`: fine inside the part; a path-level key of another path keeps that path bare. */
  private followIntoPaths(ref: string, segments: readonly string[], at: PointerPath): void {
    const paths = this.root.get('paths');
    const path = findKey(paths ?? null, segments[1] ?? '');
    if (path === undefined || !(paths instanceof Map)) return;
    const item = paths.get(path) ?? null;
    const inner = findKey(item, segments[2] ?? '');
    const methods = typeof path === 'string' ? this.methodsByPath.get(path) : undefined;
    if (inner !== undefined && METHODS.has(inner)) {
      if (!methods?.has(inner as string)) this.crossPartRefs.push({ ref, at });
      return;
    }
    if (methods || this.bareItems.has(path)) return;
    this.bareItems.add(path);
    if (!(item instanceof Map)) return this.walk(item, ['paths', path]);
    for (const [key, value] of item) if (!METHODS.has(key)) this.walk(value, ['paths', path, key]);
  }

  /** The part's paths plus the bare path items `$ref`s need, in document order. */
  finalPaths(kept: Value): Value {
    const paths = this.root.get('paths');
    if (this.bareItems.size === 0 || !(paths instanceof Map) || !(kept instanceof Map)) return kept;
    const out: Mapping = new Map();
    for (const [path, item] of paths) {
      if (kept.has(path)) out.set(path, kept.get(path)!);
      else if (this.bareItems.has(path)) out.set(path, item instanceof Map ? new Map([...item].filter(([k]) => !METHODS.has(k))) : item);
    }
    return out;
  }

  /** `components` with each section pruned to what the part reaches; `securitySchemes` whole. */
  components(components: Mapping): Mapping {
    if (this.whole.has('components')) return components;
    const out: Mapping = new Map();
    for (const [section, value] of components) {
      if (section === 'securitySchemes' || !(value instanceof Map)) out.set(section, value);
      else {
        const pruned = this.pruned(['components', section], value);
        if (pruned.size > 0 || value.size === 0) out.set(section, pruned);
      }
    }
    return out;
  }

  /** A container with only its kept entries (all of them when a `$ref` names it whole). */
  pruned(at: readonly Key[], container: Mapping): Mapping {
    const id = at.map(String).join('/');
    if (this.whole.has(id)) return container;
    const kept = this.kept.get(id);
    return new Map([...container].filter(([key]) => kept?.has(key)));
  }
}

/**
 * Calls `onRef` for every `$ref` string under `value`, each node once (`visited` is shared
 * across calls; YAML aliases make shared nodes). `discriminator.mapping` values are not
 * followed: Dify never reads them, validators do not resolve them, and in specs like
 * Microsoft Graph's they reach every schema (a two-tool part would carry 3 MB).
 */
function walkRefs(value: Value, at: PointerPath, visited: Set<object>, onRef: (ref: string, at: PointerPath) => void): void {
  // Paths are kept as parent links and only spelled out for a `$ref`: big documents have millions of nodes.
  const stack: Array<[Value, Trail]> = [[value, { key: undefined, parent: undefined, base: at }]];
  while (stack.length > 0) {
    const [node, trail] = stack.pop()!;
    if ((!Array.isArray(node) && !(node instanceof Map)) || visited.has(node)) continue;
    visited.add(node);
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i]!, { key: i, parent: trail }]);
      continue;
    }
    const ref = node.get('$ref');
    if (typeof ref === 'string') onRef(ref, [...trailPath(trail), '$ref']);
    for (const [key, child] of node) if (child !== null && typeof child === 'object') stack.push([child, { key, parent: trail }]);
  }
}

/** A walked node's place: its key and its parent's trail (the root trail holds the starting path). */
interface Trail {
  key: Key | undefined;
  parent: Trail | undefined;
  base?: PointerPath;
}

function trailPath(trail: Trail): Key[] {
  const keys: Key[] = [];
  let t: Trail | undefined = trail;
  for (; t?.parent; t = t.parent) keys.push(t.key!);
  return [...(t?.base ?? []), ...keys.reverse()];
}

/** The segments a `$ref` names: as Dify reads it, and (when different) as a decoded JSON pointer. */
function refReadings(ref: string): string[][] {
  const dify = ref.split('/').slice(1);
  if (!ref.startsWith('#/')) return [dify];
  const decoded = dify.map(decodeSegment);
  return decoded.every((s, i) => s === dify[i]) ? [dify] : [dify, decoded];
}

function decodeSegment(segment: string): string {
  let text = segment;
  try {
    text = decodeURIComponent(segment);
  } catch {
    // Not percent-encoded text: kept as written.
  }
  return text.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The key of a mapping that a `$ref` segment names: exact, else the key that prints the same (YAML `200`). */
function findKey(container: Value, segment: string): Key | undefined {
  if (!(container instanceof Map)) return undefined;
  if (container.has(segment)) return segment;
  for (const key of container.keys()) if (String(key) === segment) return key;
  return undefined;
}
