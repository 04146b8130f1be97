/**
 * Structures that describe generated TypeScript: plain data, built by the emitters and
 * turned into text by one printer (`print.ts`), which lays it out exactly as prettier (with
 * default options) would. Every name in here is already a valid identifier (from the
 * sanitiser in `plan/identifiers.ts`); every text is raw and is escaped by the printer
 * through `emit/escape.ts` (string values) or is a list of comment lines already passed
 * through `commentLines`.
 */

/** Lines of a `/** … *\/` comment, each already made safe by `commentLines`. */
export type DocLines = readonly string[];

export type TypeNode =
  | { kind: 'keyword'; name: 'string' | 'number' | 'boolean' | 'unknown' | 'never' | 'null' | 'undefined' | 'object' }
  /** A literal type: `"a"`, `1`, `true`. */
  | { kind: 'literal'; value: string | number | boolean }
  /** A type reference, possibly dotted and with type arguments: `Pet`, `runtime.DifyFile`, `Record<string, T>`. */
  | { kind: 'reference'; name: string; args?: readonly TypeNode[] }
  /** `T[]` (the printer adds parentheses where needed, e.g. `(A | B)[]`). */
  | { kind: 'array'; element: TypeNode }
  | { kind: 'union'; members: readonly TypeNode[] }
  | { kind: 'intersection'; members: readonly TypeNode[] }
  /** A tuple `[A, B?, ...R[]]`: its positions (optional ones printed `B?`) and the type of the items after them; `readonly [A]` when `readonly`. */
  | { kind: 'tuple'; elements: readonly { type: TypeNode; optional: boolean }[]; rest?: TypeNode; readonly?: boolean }
  /** An object type literal, always printed expanded (one member per line), `{}` when empty; `index`: `[key: string]: T`. */
  | { kind: 'object'; members: readonly PropertySignature[]; index?: TypeNode };

export interface PropertySignature {
  /** The raw key; the printer quotes it when it is not an identifier. */
  key: string;
  optional: boolean;
  readonly?: boolean;
  type: TypeNode;
  doc?: DocLines;
}

export type Expression =
  /** A plain or dotted identifier: `z`, `runtime.invokeTool`, `provider`. */
  | { kind: 'identifier'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  /** `callee(args)`, callee an identifier path like `z.object`. */
  | { kind: 'call'; callee: string; args: readonly Expression[] }
  /** An object literal, always printed expanded (one property per line), `{}` when empty. */
  | { kind: 'object'; properties: readonly ObjectProperty[] }
  | { kind: 'array'; elements: readonly Expression[] }
  /** `() => body` */
  | { kind: 'arrow'; body: Expression }
  /** `expression as const` */
  | { kind: 'asConst'; expression: Expression };

export interface ObjectProperty {
  /** The raw key; quoted when not an identifier, and `__proto__` is written `["__proto__"]`. */
  key: string;
  value: Expression;
  doc?: DocLines;
}

export interface Parameter {
  name: string;
  optional: boolean;
  type: TypeNode;
}

export type Statement =
  | { kind: 'import'; names: readonly { name: string; typeOnly?: boolean }[]; from: string; typeOnly?: boolean }
  /** `import * as name from "from";` */
  | { kind: 'importNamespace'; name: string; from: string }
  /** `export * from "from";` / `export * as name from "from";` */
  | { kind: 'exportAll'; from: string; as?: string }
  | { kind: 'interface'; name: string; exported: boolean; members: readonly PropertySignature[]; index?: TypeNode; doc?: DocLines }
  | { kind: 'typeAlias'; name: string; exported: boolean; type: TypeNode; doc?: DocLines }
  | { kind: 'const'; name: string; exported: boolean; type?: TypeNode; init: Expression; doc?: DocLines }
  /** `function name(params): returnType { return body; }` */
  | { kind: 'function'; name: string; exported: boolean; params: readonly Parameter[]; returnType: TypeNode; returns: Expression; doc?: DocLines }
  /** A declaration file's `declare const name: type;` */
  | { kind: 'declareConst'; name: string; exported: boolean; type: TypeNode; doc?: DocLines }
  /** A declaration file's `declare function name(params): returnType;` */
  | { kind: 'declareFunction'; name: string; exported: boolean; params: readonly Parameter[]; returnType: TypeNode; doc?: DocLines }
  /** JavaScript's `const name = init;` (no TypeScript syntax in `init`). */
  | { kind: 'scriptConst'; name: string; exported: boolean; init: Expression; doc?: DocLines }
  /** JavaScript's `function name(a, b) { return body; }`: parameters without types. */
  | { kind: 'scriptFunction'; name: string; exported: boolean; params: readonly string[]; returns: Expression; doc?: DocLines }
  /** A `//` comment line (text already safe: no line breaks). */
  | { kind: 'lineComment'; text: string }
  /** A blank line between statements. */
  | { kind: 'blank' };
