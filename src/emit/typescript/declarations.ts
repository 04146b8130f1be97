/**
 * The `declarations` shape of the TypeScript output (`typescript: {emit: declarations}`):
 * each module as a declaration file (`petstore.d.ts`: every type, every const and function
 * declared by its type, with the JSDoc) and a JavaScript file (`petstore.js`: the
 * validators, the wrappers' bodies, the tables). Both are made from the statements of the
 * `.ts` module, so they say exactly what it says.
 *
 * Why: a user's type-checker then reads signatures instead of checking ~10,000 validator
 * calls and every wrapper body (with `skipLibCheck`, the default of `tsc --init`, it never
 * checks the generated declarations at all); see docs/performance.md, "Users' compile
 * cost". The `.js` runs as it is, without a TypeScript build step.
 */
import type { Expression, ObjectProperty, Statement, TypeNode } from './ast.js';

/** The statements of a module's `.d.ts`: types as they are, each const and function declared by its type. */
export function declarationStatements(statements: readonly Statement[]): Statement[] {
  return statements.map((s): Statement => {
    switch (s.kind) {
      case 'const':
        return { kind: 'declareConst', name: s.name, exported: s.exported, type: s.type ?? constType(s.name, s.init), ...(s.doc ? { doc: s.doc } : {}) };
      case 'function':
        return { kind: 'declareFunction', name: s.name, exported: s.exported, params: s.params, returnType: s.returnType, ...(s.doc ? { doc: s.doc } : {}) };
      default:
        return s;
    }
  });
}

/** The statements of a module's `.js`: no types, no type-only imports; docs stay in the `.d.ts`. */
export function scriptStatements(statements: readonly Statement[]): Statement[] {
  return statements.flatMap((s): Statement[] => {
    switch (s.kind) {
      case 'interface':
      case 'typeAlias':
        return [];
      case 'import': {
        const names = s.names.filter((n) => !n.typeOnly);
        return s.typeOnly || names.length === 0 ? [] : [{ kind: 'import', names, from: s.from }];
      }
      case 'const':
        return [{ kind: 'scriptConst', name: s.name, exported: s.exported, init: withoutTypes(s.init) }];
      case 'function':
        return [{ kind: 'scriptFunction', name: s.name, exported: s.exported, params: s.params.map((p) => p.name), returns: withoutTypes(s.returns) }];
      default:
        return [s];
    }
  });
}

/** An expression without TypeScript's `as const` anywhere in it. */
function withoutTypes(e: Expression): Expression {
  switch (e.kind) {
    case 'asConst':
      return withoutTypes(e.expression);
    case 'call':
      return { ...e, args: e.args.map(withoutTypes) };
    case 'object':
      return { ...e, properties: e.properties.map((p) => ({ ...p, value: withoutTypes(p.value) })) };
    case 'array':
      return { ...e, elements: e.elements.map(withoutTypes) };
    case 'arrow':
      return { ...e, body: withoutTypes(e.body) };
    default:
      return e;
  }
}

/**
 * The type TypeScript infers for a const without an annotation: only `as const` literals
 * are written that way in generated modules (their type is the readonly literal type).
 */
function constType(name: string, init: Expression): TypeNode {
  if (init.kind !== 'asConst') throw new Error(`internal: the const ${name} has neither a type nor \`as const\``);
  return literalType(init.expression);
}

function literalType(e: Expression): TypeNode {
  switch (e.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return { kind: 'literal', value: e.value };
    case 'null':
      return { kind: 'keyword', name: 'null' };
    case 'identifier':
      return { kind: 'reference', name: `typeof ${e.name}` };
    case 'object':
      return { kind: 'object', members: e.properties.map((p: ObjectProperty) => ({ key: p.key, optional: false, readonly: true, type: literalType(p.value), ...(p.doc ? { doc: p.doc } : {}) })) };
    case 'array':
      return { kind: 'tuple', readonly: true, elements: e.elements.map((element) => ({ type: literalType(element), optional: false })) };
    case 'asConst':
      return literalType(e.expression);
    default:
      throw new Error(`internal: no literal type for a ${e.kind} expression under \`as const\``);
  }
}
