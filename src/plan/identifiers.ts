/**
 * The one sanitiser: the only way a name from a spec, a manifest, a plugin or a DSL becomes
 * an identifier in generated code.
 *
 * - Words are the runs of ASCII letters and digits; everything else separates words and is
 *   dropped (`repos/get` → `reposGet`, `list items` → `listItems`, `<root>_get` → `rootGet`).
 *   Identifiers are ASCII only, so no invisible or look-alike character can reach code.
 * - An all-capitals word is lower-cased (`GET_USER` → `getUser`); other words keep their case.
 * - A leading digit gets a `_` in front (`2fa` → `_2fa`); nothing left gives `tool`/`Tool`.
 * - Reserved words, strict-mode and TypeScript keywords, shadowed globals (`Blob`,
 *   `Response`, …), `then` and the module's own names get a `_` suffix (`delete` → `delete_`).
 *
 * Collisions are resolved by `planIdentifiers`, whose result depends only on the set of
 * names, never on the order they come in.
 */

const RESERVED_WORDS = [
  // ECMAScript reserved words and literals
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
  // strict mode and module code
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await', 'eval', 'arguments',
  // TypeScript keywords and built-in type names
  'abstract', 'any', 'as', 'asserts', 'async', 'bigint', 'boolean', 'constructor', 'declare', 'from', 'get', 'global', 'infer',
  'intrinsic', 'is', 'keyof', 'module', 'namespace', 'never', 'number', 'object', 'of', 'out', 'override', 'readonly',
  'require', 'satisfies', 'set', 'string', 'symbol', 'type', 'undefined', 'unique', 'unknown', 'using', 'accessor',
];

const SHADOWED_GLOBALS = [
  'Array', 'ArrayBuffer', 'AbortController', 'AbortSignal', 'Atomics', 'BigInt', 'Blob', 'Boolean', 'Buffer', 'DataView',
  'Date', 'Error', 'EvalError', 'Event', 'EventTarget', 'File', 'FormData', 'Function', 'Headers', 'Infinity', 'Intl',
  'Iterator', 'JSON', 'Map', 'Math', 'NaN', 'Number', 'Object', 'Partial', 'Pick', 'Omit', 'Promise', 'Proxy', 'RangeError',
  'Readonly', 'Record', 'ReferenceError', 'Reflect', 'RegExp', 'Request', 'Required', 'Response', 'Set', 'SharedArrayBuffer',
  'String', 'Symbol', 'SyntaxError', 'TextDecoder', 'TextEncoder', 'TypeError', 'URIError', 'URL', 'URLSearchParams',
  'Uint8Array', 'WeakMap', 'WeakRef', 'WeakSet', 'WebAssembly', 'console', 'crypto', 'decodeURI', 'decodeURIComponent',
  'encodeURI', 'encodeURIComponent', 'escape', 'exports', 'fetch', 'globalThis', 'isFinite', 'isNaN', 'parseFloat',
  'parseInt', 'process', 'queueMicrotask', 'setInterval', 'setTimeout', 'clearInterval', 'clearTimeout', 'structuredClone',
  'unescape', 'window', 'self', 'document', 'performance', 'navigator', 'location', 'name', 'Awaited', 'ReturnType',
  'Parameters', 'InstanceType', 'NonNullable', 'Extract', 'Exclude', 'PropertyKey', 'ThisType', 'Uppercase', 'Lowercase',
  '__proto__', '__dirname', '__filename', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty',
];

/**
 * Names every generated module uses itself, and `then`: a module exporting `then` is a
 * thenable, so `await import()` of it would call that export.
 */
export const MODULE_NAMES = ['v', 'runtime', 'provider', 'tools', 'requests', 'session', 'params', 'options', 'then'];

const RESERVED: ReadonlySet<string> = new Set([...RESERVED_WORDS, ...SHADOWED_GLOBALS, ...MODULE_NAMES]);

export type IdentifierStyle = 'camel' | 'pascal';

/** The preferred identifier for a raw name, before collisions are resolved. */
export function toIdentifier(raw: string, style: IdentifierStyle): string {
  const words = raw.match(/[A-Za-z0-9]+/g) ?? [];
  const parts = words.map((word, i) => {
    const w = word.length > 1 && word === word.toUpperCase() && /[A-Z]/.test(word) ? word.toLowerCase() : word;
    const first = i === 0 && style === 'camel' ? w[0]!.toLowerCase() : w[0]!.toUpperCase();
    return first + w.slice(1);
  });
  let id = parts.join('');
  if (id === '') id = style === 'camel' ? 'tool' : 'Tool';
  if (/^[0-9]/.test(id)) id = `_${id}`;
  return isReserved(id) ? `${id}_` : id;
}

export function isReserved(id: string): boolean {
  return RESERVED.has(id);
}

export interface NameRequest {
  /** A stable, unique key for what is named (e.g. `tool:<dify name>`, `schema:<pointer>`). */
  key: string;
  /** The identifier it would like. */
  preferred: string;
}

/**
 * Settles every identifier of one namespace at once. The rule (documented in the README):
 * a preferred identifier nobody else wants is taken as is; when several want the same one,
 * they are ordered by key (code-point order) and the first gets it, the others get the
 * smallest free numeric suffix (`name2`, `name3`, …), groups being settled in code-point
 * order of the contested identifier. `taken` holds names that are never handed out.
 * `fold` maps a name to what counts as the same name (Python: names that differ only in
 * case collide, so `fold` lower-cases); by default names are compared as they are.
 */
export function planIdentifiers(requests: readonly NameRequest[], taken: Iterable<string> = [], fold: (name: string) => string = (name) => name): Map<string, string> {
  const byPreferred = new Map<string, NameRequest[]>();
  for (const request of requests) {
    const group = byPreferred.get(fold(request.preferred));
    if (group) group.push(request);
    else byPreferred.set(fold(request.preferred), [request]);
  }
  const used = new Set([...taken].map(fold));
  const result = new Map<string, string>();
  // Uncontested names first, so that a suffix never steals a name someone asked for.
  for (const [folded, group] of byPreferred) {
    if (group.length === 1 && !used.has(folded)) {
      used.add(folded);
      result.set(group[0]!.key, group[0]!.preferred);
    }
  }
  const contested = [...byPreferred].filter(([, group]) => !result.has(group[0]!.key)).sort(([a], [b]) => compare(a, b));
  for (const [, group] of contested) {
    const ordered = [...group].sort((a, b) => compare(a.key, b.key));
    // Each keeps its own spelling (a function `node` beside a class `Node2`, where names
    // differing in case collide), numbered in key order, whatever order requests came in.
    for (const request of ordered) {
      let name = request.preferred;
      for (let n = 2; used.has(fold(name)); n++) name = `${request.preferred}${n}`;
      used.add(fold(name));
      result.set(request.key, name);
    }
  }
  return result;
}

/** Code-point order, independent of locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
