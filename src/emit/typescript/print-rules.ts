/**
 * prettier's layout rules that both printers of generated TypeScript need: the doc printer
 * (`print.ts`, which builds prettier's docs) and the text printer (`print-text.ts`, which
 * writes the statements whose layout needs no search directly). Each names the prettier
 * function (in `src/language-js/`) it mirrors.
 */
import { builders, printer } from 'prettier/doc';
import type { Expression, TypeNode } from './ast.js';

/** prettier's default options, the ones generated code is printed with. */
export const PRINT_OPTIONS = { printWidth: 80, tabWidth: 2, useTabs: false } as const;

/** Members of TypeScript's `Object` interface (lib.es5.d.ts), which every object type has. */
export const OBJECT_MEMBERS: ReadonlySet<string> = new Set(['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable']);

/** A one-member union or intersection is just that member (the source text cannot tell them apart). */
export function simplify(type: TypeNode): TypeNode {
  if (type.kind === 'union' || type.kind === 'intersection') {
    if (type.members.length === 0) return { kind: 'keyword', name: type.kind === 'union' ? 'never' : 'unknown' };
    if (type.members.length === 1) return simplify(type.members[0]!);
  }
  return type;
}

/** `shouldHugType` (union-type.js): one object or reference type plus only `null`s, e.g. `Pet | null`. */
export function isHuggableUnion(type: Extract<TypeNode, { kind: 'union' }>): boolean {
  const members = type.members.map(simplify);
  const hugged = members.find((m) => m.kind === 'object' || m.kind === 'reference');
  return hugged !== undefined && members.every((m) => m === hugged || (m.kind === 'keyword' && m.name === 'null'));
}

/** `shouldHugType` (type-parameters.js): simple types, object types and huggable unions stay inside `<…>`. */
export function isInlineTypeArgument(type: TypeNode): boolean {
  switch (type.kind) {
    case 'keyword':
    case 'literal':
    case 'object':
      return true;
    case 'reference':
      return type.args === undefined || type.args.length === 0;
    case 'union':
      return isHuggableUnion(type);
    default:
      return false;
  }
}

/** Whether a number is printed with a leading `-` (so is a `UnaryExpression` for prettier). */
export function isNegative(value: number): boolean {
  return value < 0 || Object.is(value, -0);
}

/** prettier's `printNumber`: lower case, no `+` or leading zeros in the exponent, no trailing zeros or dot. */
export function normalizeNumber(raw: string): string {
  if (raw.length === 1) return raw;
  return raw
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(?=\d)/, '$1$2')
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, '$1')
    .replace(/^([+-])?\./, '$10.')
    .replace(/(\.\d+?)0+(?=e|$)/, '$1')
    .replace(/\.(?=e|$)/, '');
}

/** Right-hand sides that never move after the operator when the left side cannot break. */
export function isNeverBreakLiteral(e: Expression): boolean {
  return e.kind === 'boolean' || (e.kind === 'number' && !isNegative(e.value));
}

/** Whether `text` is narrower than `width` columns, measured by the doc printer's own `getStringWidth`. */
export function isNarrowerThan(text: string, width: number): boolean {
  const probe = printer.printDocToString(builders.group([text, builders.softline]), { ...PRINT_OPTIONS, printWidth: width - 1 });
  return !probe.formatted.includes('\n');
}
