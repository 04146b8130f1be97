/**
 * The one printer for generated TypeScript: turns the structures of `ast.ts` into source
 * text that is byte-identical to what prettier 3 (default options) prints for that code, so
 * generated files pass `prettier --check` without running prettier (≈4 s/MB).
 *
 * It builds the same docs prettier's estree printer builds for each construct (the
 * comments name the prettier printer, in `src/language-js/print/`, that each function
 * mirrors) and lays them out with prettier's own doc printer from `prettier/doc`.
 * Where prettier's layout depends on the path (a union in a type argument is not indented,
 * an object literal starting an arrow body gets parentheses, …) the parent passes a small
 * context down. Statements whose layout needs no search (types, wrappers, plain data) are
 * written as text by `print-text.ts` instead, to the same bytes; the layout rules both use
 * are in `print-rules.ts`.
 */
import { builders, printer, utils } from 'prettier/doc';
import { propertyKey, stringLiteral } from '../escape.js';
import type { DocLines, Expression, ObjectProperty, Parameter, PropertySignature, Statement, TypeNode } from './ast.js';
import { isHuggableUnion, isInlineTypeArgument, isNarrowerThan, isNegative, isNeverBreakLiteral, normalizeNumber, OBJECT_MEMBERS, PRINT_OPTIONS, simplify } from './print-rules.js';
import { statementText } from './print-text.js';
import { narrowed } from '../../load/narrow.js';

type Doc = builders.Doc;

const {
  align,
  breakParent,
  conditionalGroup,
  fill,
  group,
  hardline,
  ifBreak,
  indent,
  indentIfBreak,
  join,
  line,
  lineSuffixBoundary,
  softline,
} = builders;

// ---------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------

/** A file body, one newline at the end; mirrors prettier's `printStatementSequence` (statement.js) for a `Program`. */
export function printStatements(statements: readonly Statement[]): string {
  const text = new StatementText();
  text.add(statements);
  return text.done();
}

/**
 * A file body printed a few statements at a time, laid out as `printStatements` lays out all
 * of them at once: prettier keeps at most one blank line between statements and none at
 * either end, so a blank line waits until a statement follows it. The text grows by
 * concatenation (a rope: no copy until it is read), and the statements added need not stay
 * alive; a module's emitter adds each group of statements as it builds it
 * (docs/performance.md, "Sixth pass: streaming emit").
 */
export class StatementText {
  private text = '';
  /** Whether `text` holds a statement (it may be empty when statements printed nothing). */
  private started = false;
  /** Empty lines after `text`: kept only if a statement follows. */
  private pending = 0;

  /** Prints `statements` after those added before. */
  add(statements: readonly Statement[]): void {
    for (const statement of statements) {
      if (statement.kind === 'blank' && (!this.started || this.pending > 0)) continue;
      const printed = statement.kind === 'blank' ? '' : narrowed(printStatement(statement));
      if (printed === '') {
        this.pending += 1;
        continue;
      }
      this.text = `${this.started ? `${this.text}\n` : ''}${'\n'.repeat(this.pending)}${printed}`;
      this.started = true;
      this.pending = 0;
    }
  }

  /** The text of every statement added, one newline at the end ('' when none printed anything). */
  done(): string {
    return this.started ? `${this.text}\n` : '';
  }

  /** The text of every statement added without the newline `done` ends it with ('' when none printed anything). */
  body(): string {
    return this.text;
  }
}

/**
 * One statement with its doc comment, no trailing newline; mirrors prettier's estree printer
 * (printer-estree.js). Statements whose layout needs no search are written as text
 * (`print-text.ts`), the others through prettier's doc printer.
 */
export function printStatement(statement: Statement): string {
  return statementText(statement) ?? render(statementDoc(statement));
}

/** `printStatement` through prettier's doc printer always (tests compare the text fast path with it). */
export function printStatementWithDocs(statement: Statement): string {
  return render(statementDoc(statement));
}

/** A type at column 0 as in a type argument (no union indent); mirrors prettier's `printTypescript` (typescript.js). */
export function printType(type: TypeNode): string {
  return render(typeDoc(type, 'typeArgument'));
}

/** An expression at column 0 as an array element; mirrors prettier's estree printer (printer-estree.js). */
export function printExpression(expression: Expression): string {
  return render(new ExpressionPrinter().print(expression, {}));
}

function render(doc: Doc): string {
  return printer.printDocToString(doc, PRINT_OPTIONS).formatted;
}

// ---------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------

type StatementOf<K extends Statement['kind']> = Extract<Statement, { kind: K }>;

const STATEMENT_PRINTERS: { [K in Statement['kind']]: (statement: StatementOf<K>) => Doc } = {
  import: importDoc,
  importNamespace: (s) => ['import * as ', s.name, ' from ', stringLiteral(s.from), ';'],
  exportAll: (s) => ['export *', s.as === undefined ? '' : [' as ', s.as], ' from ', stringLiteral(s.from), ';'],
  interface: interfaceDoc,
  typeAlias: typeAliasDoc,
  const: (s) => constDoc(s),
  scriptConst: (s) => constDoc({ ...s, kind: 'const' }, true),
  function: functionDoc,
  declareConst: (s) => group(['declare const ', s.name, ': ', typeDoc(simplify(s.type), 'annotation'), ';']),
  declareFunction: declareFunctionDoc,
  scriptFunction: scriptFunctionDoc,
  lineComment: (s) => `// ${s.text}`.trimEnd(),
  blank: () => '',
};

function statementDoc(statement: Statement): Doc {
  const print = STATEMENT_PRINTERS[statement.kind] as (s: Statement) => Doc;
  const doc = print(statement);
  if (!('exported' in statement)) return doc;
  return withDocComment(statement.doc, statement.exported ? ['export ', doc] : doc);
}

/** Mirrors `printImportDeclaration` / `printModuleSpecifiers` (module.js). */
function importDoc(s: StatementOf<'import'>): Doc {
  const specifiers = s.names.map((n) => (n.typeOnly ? `type ${n.name}` : n.name));
  const list =
    specifiers.length === 0
      ? '{}'
      : specifiers.length === 1
        ? ['{ ', specifiers[0]!, ' }']
        : group(['{', indent([line, join([',', line], specifiers)]), ifBreak(','), line, '}']);
  return ['import ', s.typeOnly ? 'type ' : '', list, ' from ', stringLiteral(s.from), ';'];
}

/** Mirrors `printClass` for interfaces (class.js) and `printClassBody` / `printObject` for its body. */
function interfaceDoc(s: StatementOf<'interface'>): Doc {
  const members = s.members.map((m) => withDocComment(m.doc, [propertySignatureDoc(m), ';']));
  if (s.index !== undefined) members.push([indexSignatureDoc(s.index), ';']);
  const body = members.length === 0 ? '{}' : ['{', indent([hardline, join(hardline, members)]), hardline, '}'];
  return ['interface ', s.name, ' ', body];
}

/** Mirrors `printTypeAlias` (type-alias.js) through `printAssignment` (assignment.js). */
function typeAliasDoc(s: StatementOf<'typeAlias'>): Doc {
  const type = simplify(s.type);
  const layout: AssignmentLayout = type.kind === 'union' && !isHuggableUnion(type) ? 'break-after-operator' : 'fluid';
  const right = typeDoc(type, layout === 'break-after-operator' ? 'aliasBreakAfterOperator' : 'annotation');
  return [assignmentDoc(layout, ['type ', s.name], ' =', right), ';'];
}

/** Mirrors `printVariableDeclaration` (variable-declaration.js) + `printVariableDeclarator`; `script`: JavaScript, no TypeScript syntax. */
function constDoc(s: StatementOf<'const'>, script = false): Doc {
  const expressions = new ExpressionPrinter(script);
  const type = s.type === undefined ? undefined : simplify(s.type);
  const typePlace: TypePlace = s.init.kind === 'arrow' && type?.kind === 'reference' ? 'arrowConstAnnotation' : 'annotation';
  const left: Doc = [s.name, type === undefined ? '' : [': ', typeDoc(type, typePlace)]];
  const layout = chooseDeclaratorLayout(s.init, type, left);
  const right = expressions.print(s.init, { assignmentLayout: layout });
  return group(['const ', assignmentDoc(layout, left, ' =', right), ';']);
}

/** Mirrors `printFunction` (function.js), `printFunctionParameters` and `printReturnType`. */
function functionDoc(s: StatementOf<'function'>): Doc {
  const body: Doc = ['return ', new ExpressionPrinter().print(s.returns, {}), ';'];
  return ['function ', s.name, signatureDoc(s.params, s.returnType), ' {', indent([hardline, body]), hardline, '}'];
}

/** A signature without a body (`TSDeclareFunction`): `printFunction`'s layout, ended by `;`. */
function declareFunctionDoc(s: StatementOf<'declareFunction'>): Doc {
  return ['declare function ', s.name, signatureDoc(s.params, s.returnType), ';'];
}

/** Parameters and return type, grouped as `printFunction` groups them (a lone parameter before an object or breaking return type gets its own group). */
function signatureDoc(params: readonly Parameter[], returnType: TypeNode): Doc {
  const returns: Doc = [': ', typeDoc(returnType, 'annotation')];
  const parameters = parametersDoc(params);
  const groupParameters = params.length === 1 && (simplify(returnType).kind === 'object' || utils.willBreak(returns));
  return group([groupParameters ? group(parameters) : parameters, returns]);
}

/** `printFunction` for JavaScript: untyped parameters, no return type. */
function scriptFunctionDoc(s: StatementOf<'scriptFunction'>): Doc {
  const parameters: Doc = s.params.length === 0 ? '()' : ['(', indent([softline, join([',', line], [...s.params])]), ifBreak(','), softline, ')'];
  const body: Doc = ['return ', new ExpressionPrinter(true).print(s.returns, {}), ';'];
  return ['function ', s.name, group(parameters), ' {', indent([hardline, body]), hardline, '}'];
}

/** Mirrors `printFunctionParameters` (function-parameters.js), including hugging a lone object-typed parameter. */
function parametersDoc(params: readonly Parameter[]): Doc {
  if (params.length === 0) return '()';
  const hug = params.length === 1 && simplify(params[0]!.type).kind === 'object';
  const printed = params.map((p, i) => {
    const doc: Doc = [p.name, p.optional ? '?' : '', ': ', typeDoc(p.type, hug ? 'huggedParameter' : 'annotation')];
    return i === params.length - 1 ? doc : [doc, ',', line];
  });
  if (hug) return ['(', ...printed, ')'];
  return ['(', indent([softline, ...printed]), ifBreak(','), softline, ')'];
}

// ---------------------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------------------

/** A leading `/** … *\/` comment on its own line, as prettier's `printLeadingComment` attaches it. */
function withDocComment(lines: DocLines | undefined, doc: Doc): Doc {
  if (lines === undefined || lines.length === 0) return doc;
  return [docComment(lines), hardline, doc];
}

/** One line: `/** text *\/`; more: a JSDoc block, which prettier re-indents but otherwise keeps. */
function docComment(lines: DocLines): Doc {
  if (lines.length === 1) return `/** ${lines[0]!} */`;
  return ['/**', ...lines.map((l) => [hardline, l === '' ? ' *' : ` * ${l}`]), hardline, ' */'];
}

// ---------------------------------------------------------------------------------------
// Assignment-like layouts (assignment.js)
// ---------------------------------------------------------------------------------------

type AssignmentLayout = 'break-after-operator' | 'never-break-after-operator' | 'fluid' | 'break-lhs';

/** Mirrors `printAssignment` (assignment.js) for the layouts that generated code can reach. */
function assignmentDoc(layout: AssignmentLayout, left: Doc, operator: string, right: Doc): Doc {
  switch (layout) {
    case 'break-after-operator':
      return group([group(left), operator, group(indent([line, right]))]);
    case 'never-break-after-operator':
      return group([group(left), operator, ' ', right]);
    case 'fluid': {
      const id = Symbol('assignment');
      return group([group(left), operator, group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(right, { groupId: id })]);
    }
    case 'break-lhs':
      return group([left, operator, ' ', group(right)]);
  }
}

/** `chooseLayout` (assignment.js) for `const name: type = init`. */
function chooseDeclaratorLayout(init: Expression, type: TypeNode | undefined, left: Doc): AssignmentLayout {
  if (isRequireCall(init)) return 'never-break-after-operator';
  const canBreakLeft = utils.canBreak(left);
  if ((type !== undefined && hasComplexTypeAnnotation(type)) || (init.kind === 'arrow' && canBreakLeft)) return 'break-lhs';
  if (shouldBreakAfterOperator(init, false)) return 'break-after-operator';
  if (!canBreakLeft && isNeverBreakLiteral(init)) return 'never-break-after-operator';
  return 'fluid';
}

/** `chooseLayout` (assignment.js) for an object property `key: value`. */
function choosePropertyLayout(value: Expression, key: Doc): AssignmentLayout {
  if (isRequireCall(value)) return 'never-break-after-operator';
  // `isObjectPropertyWithShortKey`: wrapping after a key narrower than tabWidth + 3 gains little.
  const shortKey = typeof key === 'string' && isNarrowerThan(key, PRINT_OPTIONS.tabWidth + 3);
  if (shouldBreakAfterOperator(value, shortKey)) return 'break-after-operator';
  if (shortKey || isNeverBreakLiteral(value)) return 'never-break-after-operator';
  return 'fluid';
}

/** `shouldBreakAfterOperator` (assignment.js): strings and short call/member chains move to the next line. */
function shouldBreakAfterOperator(right: Expression, hasShortKey: boolean): boolean {
  if (hasShortKey) return false;
  return right.kind === 'string' || isPoorlyBreakableChain(right);
}

/**
 * `isPoorlyBreakableMemberOrCallChain` (assignment.js): a dotted identifier, or a call (whose
 * callee is always an identifier path) with no argument or one short one.
 */
function isPoorlyBreakableChain(e: Expression): boolean {
  if (e.kind === 'call') return e.args.length === 0 || (e.args.length === 1 && isLoneShortArgument(e.args[0]!));
  return e.kind === 'identifier' && e.name.includes('.');
}

/** `isLoneShortArgument` (utils): a short literal or identifier, at most a quarter of the print width. */
function isLoneShortArgument(arg: Expression): boolean {
  const limit = PRINT_OPTIONS.printWidth * 0.25;
  switch (arg.kind) {
    case 'identifier':
      return !arg.name.includes('.') && arg.name.length <= limit;
    case 'number':
    case 'boolean':
    case 'null':
      return true;
    case 'string':
      return stringLiteral(arg.value).length <= limit;
    case 'call':
      return arg.args.length === 0 && !arg.callee.includes('.') && arg.callee.length <= limit - 2;
    default:
      return false;
  }
}

/** `hasComplexTypeAnnotation` (assignment.js): `T<A, B<C>>`-like annotations break the left side first. */
function hasComplexTypeAnnotation(type: TypeNode): boolean {
  if (type.kind !== 'reference' || type.args === undefined || type.args.length < 2) return false;
  return type.args.some((a) => {
    const arg = simplify(a);
    return arg.kind === 'reference' && arg.args !== undefined && arg.args.length > 0;
  });
}

function isRequireCall(e: Expression): boolean {
  return e.kind === 'call' && e.callee === 'require';
}


// ---------------------------------------------------------------------------------------
// Types (type-annotation.js, union-type.js, intersection-type.js, type-parameters.js, object.js)
// ---------------------------------------------------------------------------------------

/**
 * Where a type sits, as far as prettier's layout cares:
 * - `annotation`: after `:` (property, parameter, return, const) or an alias right side; unions indent.
 * - `aliasBreakAfterOperator`: a type alias right side already on its own line; unions do not indent.
 * - `typeArgument`: inside `<…>`; unions do not indent.
 * - `operand`: an array element or a union/intersection member; unions and intersections get `( )`.
 * - `huggedParameter`: the object type of a lone parameter `(p: { … })`; the literal is not grouped.
 * - `arrowConstAnnotation`: the annotation of a `const` whose initializer is an arrow function.
 */
type TypePlace = 'annotation' | 'aliasBreakAfterOperator' | 'typeArgument' | 'operand' | 'huggedParameter' | 'arrowConstAnnotation';

type TypeOf<K extends TypeNode['kind']> = Extract<TypeNode, { kind: K }>;

const TYPE_PRINTERS: { [K in TypeNode['kind']]: (type: TypeOf<K>, place: TypePlace) => Doc } = {
  keyword: (t) => t.name,
  literal: (t) => literalDoc(t.value),
  reference: (t, place) => [t.name, typeArgumentsDoc(t.args, place === 'arrowConstAnnotation')],
  array: (t) => [typeDoc(t.element, 'operand'), '[]'],
  union: unionDoc,
  intersection: (t, place) => parenthesizeOperand(intersectionDoc(t), place),
  tuple: tupleDoc,
  object: (t, place) => typeLiteralDoc(t.members, place === 'huggedParameter', t.index),
};

function typeDoc(type: TypeNode, place: TypePlace): Doc {
  const t = simplify(type);
  const print = TYPE_PRINTERS[t.kind] as (type: TypeNode, place: TypePlace) => Doc;
  return print(t, place);
}

function parenthesizeOperand(doc: Doc, place: TypePlace): Doc {
  return place === 'operand' ? ['(', doc, ')'] : doc;
}

/** Mirrors `printUnionType` (union-type.js): on one line, or one member per line each after `| `. */
function unionDoc(type: TypeOf<'union'>, place: TypePlace): Doc {
  const members = type.members.map((m) => typeDoc(m, 'operand'));
  if (isHuggableUnion(type)) return parenthesizeOperand(join(' | ', members), place);
  const body = group(members.map((m, i) => [i === 0 ? ifBreak('| ') : [line, '| '], align(2, m)]));
  if (place === 'operand') return ['(', group([indent([softline, body]), softline]), ')'];
  if (place === 'aliasBreakAfterOperator' || place === 'typeArgument') return body;
  return group(indent([softline, body]));
}

/** Mirrors `printIntersectionType` (intersection-type.js). */
function intersectionDoc(type: TypeOf<'intersection'>): Doc {
  let indentObjects = false;
  const members = type.members.map(simplify);
  return group(
    members.map((member, i) => {
      const doc = typeDoc(member, 'operand');
      if (i === 0) return doc;
      const isObject = member.kind === 'object';
      const previousIsObject = members[i - 1]!.kind === 'object';
      if (isObject && previousIsObject) return [' & ', indentObjects ? indent(doc) : doc];
      if (!isObject && !previousIsObject) return indent([' &', line, doc]);
      if (i > 1) indentObjects = true;
      return [' & ', i > 1 ? indent(doc) : doc];
    }),
  );
}

/** Mirrors `printTypeParameters` (type-parameters.js) for type arguments. */
function typeArgumentsDoc(args: readonly TypeNode[] | undefined, ofArrowConstAnnotation: boolean): Doc {
  if (args === undefined || args.length === 0) return '';
  const printed = args.map((a) => typeDoc(a, 'typeArgument'));
  const only = args.length === 1 ? simplify(args[0]!) : undefined;
  const breakable = ofArrowConstAnnotation && only?.kind !== 'object';
  if (!breakable && only !== undefined && isInlineTypeArgument(only)) return ['<', printed[0]!, '>'];
  return group(['<', indent([softline, join([',', line], printed)]), softline, '>']);
}

/** Mirrors `printObject` (object.js) for type literals: always expanded, as the original had a newline. */
function typeLiteralDoc(members: readonly PropertySignature[], hugged: boolean, index?: TypeNode): Doc {
  if (members.length === 0 && index === undefined) return '{}';
  const entries: Doc[] = [...members.map((m) => withDocComment(m.doc, propertySignatureDoc(m))), ...(index === undefined ? [] : [indexSignatureDoc(index)])];
  const printed = entries.map((entry, i) => {
    const separator = i === entries.length - 1 ? ifBreak(';') : ';';
    return [i === 0 ? '' : line, [entry, separator]];
  });
  const doc: Doc = ['{', indent([line, ...printed]), line, '}'];
  return hugged ? doc : group(doc, { shouldBreak: true });
}

/** Mirrors the `TSIndexSignature` case of `printTypescript` (typescript.js): `[key: string]: T`. */
function indexSignatureDoc(type: TypeNode): Doc {
  return group(['[key: string]: ', typeDoc(type, 'annotation')]);
}

/** Mirrors `printTupleType` (typescript.js → array.js): like an array literal; `T?` and `...T[]` members. */
function tupleDoc(t: TypeOf<'tuple'>): Doc {
  const members: Doc[] = [
    ...t.elements.map((e) => (e.optional ? [typeDoc(e.type, 'operand'), '?'] : typeDoc(e.type, 'typeArgument'))),
    ...(t.rest === undefined ? [] : [['...', typeDoc({ kind: 'array', element: t.rest }, 'typeArgument')]]),
  ];
  // `readonly T[]` is a type operator (`printTypeOperator`): the keyword, then the tuple.
  const prefix = t.readonly ? 'readonly ' : '';
  if (members.length === 0) return `${prefix}[]`;
  return [prefix, group(['[', indent([softline, join([',', line], members)]), ifBreak(','), softline, ']'])];
}

/** Mirrors the `TSPropertySignature` case of `printTypescript` (typescript.js). */
function propertySignatureDoc(m: PropertySignature): Doc {
  return group([m.readonly ? 'readonly ' : '', propertyKey(m.key), m.optional ? '?' : '', ': ', typeDoc(m.type, 'annotation')]);
}

// ---------------------------------------------------------------------------------------
// Literals (literal.js, utils/print-number.js)
// ---------------------------------------------------------------------------------------

function literalDoc(value: string | number | boolean): Doc {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return numberDoc(value);
  return String(value);
}

function numberDoc(value: number): Doc {
  if (!Number.isFinite(value)) throw new Error(`print: ${value} has no TypeScript literal`);
  const digits = normalizeNumber(String(Math.abs(value)));
  return isNegative(value) ? ['-', digits] : digits;
}


// ---------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------

/**
 * What prettier's expression printers learn from the path and the print arguments:
 * - `expandLastArg`: printed as the hugged last call argument (arrow bodies change).
 * - `assignmentLayout`: printed as the right side of an assignment (arrow chains change).
 * - `arrowBodyStart`: the leftmost node of an arrow body (an object literal needs `( )`).
 * - `parent`: `call` for a call argument, `as` for the operand of `as const`.
 * - `parentCall`: the call this is an argument of (for prettier's test-call detection).
 */
interface ExpressionContext {
  expandLastArg?: boolean;
  assignmentLayout?: AssignmentLayout;
  arrowBodyStart?: boolean;
  parent?: 'call' | 'as';
  parentCall?: ExpressionOf<'call'>;
}

type ExpressionOf<K extends Expression['kind']> = Extract<Expression, { kind: K }>;

/** Prints expressions, reusing the doc of a node printed twice in the same context (as prettier caches). */
class ExpressionPrinter {
  /** `script`: JavaScript, so no `as const` is added under keys naming `Object` members. */
  constructor(private readonly script = false) {}

  private readonly cache = new WeakMap<Expression, Map<string, Doc>>();

  print(e: Expression, context: ExpressionContext): Doc {
    const key = contextKey(e, context);
    let byContext = this.cache.get(e);
    const cached = byContext?.get(key);
    if (cached !== undefined) return cached;
    const doc = this.printUncached(e, context);
    if (byContext === undefined) this.cache.set(e, (byContext = new Map()));
    byContext.set(key, doc);
    return doc;
  }

  private printUncached(e: Expression, context: ExpressionContext): Doc {
    switch (e.kind) {
      case 'identifier':
        return identifierDoc(e.name);
      case 'string':
        return stringLiteral(e.value);
      case 'number':
        return numberDoc(e.value);
      case 'boolean':
        return String(e.value);
      case 'null':
        return 'null';
      case 'call':
        return this.call(e, context);
      case 'object':
        return this.object(e, context);
      case 'array':
        return this.array(e);
      case 'arrow':
        return this.arrow(e, context);
      case 'asConst':
        return this.asConst(e, context);
    }
  }

  /** Mirrors `printCallExpression` (call-expression.js) and, for a dotted callee, the short form of `printMemberChain`. */
  private call(e: ExpressionOf<'call'>, context: ExpressionContext): Doc {
    if (isTestCall(e, context.parentCall) || isSimpleRequire(e)) {
      const args = e.args.map((a) => this.print(a, { parent: 'call', parentCall: e }));
      return [identifierDoc(e.callee), '(', join(', ', args), ')'];
    }
    const args = this.callArguments(e);
    const path = e.callee.split('.');
    if (path.length === 1) return [e.callee, args];
    const last = path.pop()!;
    return group([[path[0]!, ...path.slice(1).map((p) => ['.', p])], [['.', last], args]]);
  }

  /** Mirrors `printCallArguments` (call-arguments.js), with last-argument hugging. */
  private callArguments(call: ExpressionOf<'call'>): Doc {
    const args = call.args;
    if (args.length === 0) return '()';
    const argContext: ExpressionContext = { parent: 'call', parentCall: call };
    const printed = args.map((a, i) => {
      const doc = this.print(a, argContext);
      return i === args.length - 1 ? doc : [doc, ',', line];
    });
    const allArgsBrokenOut = (): Doc => group(['(', indent([line, ...printed]), ifBreak(','), line, ')'], { shouldBreak: true });

    if (isFunctionComposition(args)) return allArgsBrokenOut();
    if (shouldExpandLastArg(args)) {
      const head = printed.slice(0, -1);
      if (head.some(utils.willBreak)) return allArgsBrokenOut();
      const last = this.print(args[args.length - 1]!, { ...argContext, expandLastArg: true });
      if (utils.willBreak(last)) {
        return [breakParent, conditionalGroup([['(', ...head, group(last, { shouldBreak: true }), ')'], allArgsBrokenOut()])];
      }
      return conditionalGroup([
        ['(', ...head, last, ')'],
        ['(', ...head, group(last, { shouldBreak: true }), ')'],
        allArgsBrokenOut(),
      ]);
    }
    return group(['(', indent([softline, ...printed]), ifBreak(','), softline, ')'], { shouldBreak: printed.some(utils.willBreak) });
  }

  /** Mirrors `printObject` (object.js): always expanded, as the original had a newline after `{`. */
  private object(e: ExpressionOf<'object'>, context: ExpressionContext): Doc {
    const properties = e.properties.map((p, i) => [i === 0 ? '' : [',', line], this.property(p)]);
    const doc =
      properties.length === 0
        ? group('{}')
        : group(['{', indent([line, ...properties]), ifBreak(','), line, '}'], { shouldBreak: true });
    return context.arrowBodyStart ? ['(', doc, ')'] : doc;
  }

  /**
   * Mirrors `printProperty` (property.js) through `printAssignment`; `__proto__` is written as
   * a computed key. A literal under a key that names a member of TypeScript's `Object`
   * interface gets `as const`: TypeScript types it by that member (`constructor: Function`)
   * instead of by the index signature it is assigned to, and would widen `"json"` to string.
   */
  private property(p: ObjectProperty): Doc {
    const key = p.key === '__proto__' ? `[${stringLiteral(p.key)}]` : propertyKey(p.key);
    const literal = !this.script && OBJECT_MEMBERS.has(p.key) && LITERAL_KINDS.has(p.value.kind);
    const given: Expression = literal ? { kind: 'asConst', expression: p.value } : p.value;
    const layout = choosePropertyLayout(given, key);
    const value = this.print(given, { assignmentLayout: layout });
    return withDocComment(p.doc, assignmentDoc(layout, key, ':', value));
  }

  /** Mirrors `printArray` (array.js), including the `fill` layout for arrays of numbers. */
  private array(e: ExpressionOf<'array'>): Doc {
    if (e.elements.length === 0) return group('[]');
    const id = Symbol('array');
    if (isConciselyPrintedArray(e)) {
      const trailingComma = ifBreak(',', '', { groupId: id });
      const parts: Doc[] = [];
      e.elements.forEach((element, i) => {
        const isLast = i === e.elements.length - 1;
        parts.push([this.print(element, {}), isLast ? trailingComma : ',']);
        if (!isLast) parts.push(line);
      });
      return group(['[', indent([softline, fill(parts)]), softline, ']'], { id });
    }
    const items = e.elements.map((element, i) => [group(this.print(element, {})), i === e.elements.length - 1 ? '' : [',', line]]);
    return group(['[', indent([softline, items, ifBreak(',')]), softline, ']'], { shouldBreak: shouldBreakArray(e), id });
  }

  /** Mirrors `printArrowFunction` (arrow-function.js) for parameterless arrows and their chains. */
  private arrow(e: ExpressionOf<'arrow'>, context: ExpressionContext): Doc {
    const isChain = !context.expandLastArg && e.body.kind === 'arrow';
    const signatures: Doc[] = [group('()')];
    let tail = e;
    while (isChain && tail.body.kind === 'arrow') {
      tail = tail.body;
      signatures.push(group('()'));
    }
    const body = tail.body;
    const bodyContext: ExpressionContext = { arrowBodyStart: true };
    if (context.expandLastArg !== undefined) bodyContext.expandLastArg = context.expandLastArg;
    if (context.assignmentLayout !== undefined) bodyContext.assignmentLayout = context.assignmentLayout;
    const bodyDoc = this.print(body, bodyContext);

    const inArguments = context.parent === 'call';
    const signaturesDoc =
      signatures.length === 1
        ? signatures[0]!
        : inArguments
          ? group([signatures[0]!, ' =>', indent([line, join([' =>', line], signatures.slice(1))])])
          : context.assignmentLayout !== undefined
            ? group(join([' =>', line], signatures))
            : group(indent(join([' =>', line], signatures)));
    const indentChain = isChain && context.assignmentLayout !== undefined;
    const sameLine = body.kind === 'object' || body.kind === 'array' || body.kind === 'arrow';
    const bodyPart: Doc = sameLine
      ? [' ', bodyDoc]
      : [indent([line, bodyDoc]), context.expandLastArg ? [ifBreak(','), softline] : ''];
    const id = Symbol('arrow-chain');
    const arrow = group([
      group(indentChain ? indent([softline, signaturesDoc]) : signaturesDoc, { id }),
      ' =>',
      isChain ? indentIfBreak(bodyPart, { groupId: id }) : group(bodyPart),
    ]);
    return context.parent === 'as' ? ['(', arrow, ')'] : arrow;
  }

  /** Mirrors `printBinaryCastExpression` (cast-expression.js) for `as const`. */
  private asConst(e: ExpressionOf<'asConst'>, context: ExpressionContext): Doc {
    const inner: ExpressionContext = { parent: 'as' };
    if (context.arrowBodyStart) inner.arrowBodyStart = true;
    return [this.print(e.expression, inner), ' as const'];
  }
}

/** Expressions `as const` may follow. */
const LITERAL_KINDS: ReadonlySet<Expression['kind']> = new Set(['string', 'number', 'boolean', 'array', 'object']);

/** The parts of a context that change how `e` prints (the cache key). */
function contextKey(e: Expression, c: ExpressionContext): string {
  switch (e.kind) {
    case 'arrow':
      return `${c.expandLastArg ? 'x' : ''}|${c.assignmentLayout ?? ''}|${c.parent ?? ''}`;
    case 'object':
    case 'asConst':
      return c.arrowBodyStart ? 'start' : '';
    case 'call':
      return c.parentCall !== undefined && isTestCall(c.parentCall, undefined) ? 'test' : '';
    default:
      return '';
  }
}

/** Mirrors `printMemberExpression` (member.js) for a dotted identifier path outside a call. */
function identifierDoc(name: string): Doc {
  const path = name.split('.');
  if (path.length === 1) return name;
  if (path.length === 2) return [path[0]!, lineSuffixBoundary, ['.', path[1]!]];
  let doc: Doc = path[0]!;
  for (const segment of path.slice(1)) doc = [doc, lineSuffixBoundary, group(indent([softline, '.', segment]))];
  return doc;
}

/** `couldExpandArg` (call-arguments.js). */
function couldExpandArg(arg: Expression, arrowChainRecursion = false): boolean {
  switch (arg.kind) {
    case 'object':
      return arg.properties.length > 0;
    case 'array':
      return arg.elements.length > 0;
    case 'asConst':
      return couldExpandArg(arg.expression);
    case 'arrow':
      return (
        arg.body.kind === 'object' ||
        arg.body.kind === 'array' ||
        (arg.body.kind === 'arrow' && couldExpandArg(arg.body, true)) ||
        (!arrowChainRecursion && arg.body.kind === 'call')
      );
    default:
      return false;
  }
}

/** `shouldExpandLastArg` (call-arguments.js). */
function shouldExpandLastArg(args: readonly Expression[]): boolean {
  const last = args[args.length - 1]!;
  const penultimate = args[args.length - 2];
  return (
    couldExpandArg(last) &&
    (penultimate === undefined || estreeType(penultimate) !== estreeType(last)) &&
    (args.length !== 2 || penultimate?.kind !== 'arrow' || last.kind !== 'array') &&
    !(args.length > 1 && last.kind === 'array' && isConciselyPrintedArray(last))
  );
}

/** `isFunctionCompositionArgs` (utils): several function arguments, or a call argument taking one. */
function isFunctionComposition(args: readonly Expression[]): boolean {
  if (args.length <= 1) return false;
  let functions = 0;
  for (const arg of args) {
    if (arg.kind === 'arrow') {
      functions += 1;
      if (functions > 1) return true;
    } else if (arg.kind === 'call' && arg.args.some((a) => a.kind === 'arrow')) {
      return true;
    }
  }
  return false;
}

/** `isConciselyPrintedArray` (array.js): only numbers, printed with `fill`. */
function isConciselyPrintedArray(e: ExpressionOf<'array'>): boolean {
  return e.elements.length > 0 && e.elements.every((element) => element.kind === 'number');
}

/** The `shouldBreak` of `printArray` (array.js): several objects (or arrays) each with more than one entry. */
function shouldBreakArray(e: ExpressionOf<'array'>): boolean {
  const elements = e.elements;
  return (
    elements.length > 1 &&
    elements.every((element, i) => {
      if (element.kind !== 'object' && element.kind !== 'array') return false;
      const next = elements[i + 1];
      if (next !== undefined && next.kind !== element.kind) return false;
      return (element.kind === 'object' ? element.properties.length : element.elements.length) > 1;
    })
  );
}

/** The ESTree node type prettier sees for an expression (compared by `shouldExpandLastArg`). */
function estreeType(e: Expression): string {
  switch (e.kind) {
    case 'identifier':
      return e.name.includes('.') ? 'MemberExpression' : 'Identifier';
    case 'string':
    case 'boolean':
    case 'null':
      return 'Literal';
    case 'number':
      return isNegative(e.value) ? 'UnaryExpression' : 'Literal';
    case 'call':
      return 'CallExpression';
    case 'object':
      return 'ObjectExpression';
    case 'array':
      return 'ArrayExpression';
    case 'arrow':
      return 'ArrowFunctionExpression';
    case 'asConst':
      return 'TSAsExpression';
  }
}

const TEST_CALLEES = new Set([
  'it', 'it.only', 'it.skip', 'describe', 'describe.only', 'describe.skip', 'test', 'test.only', 'test.skip',
  'test.fixme', 'test.step', 'test.describe', 'test.describe.only', 'test.describe.skip', 'test.describe.fixme',
  'test.describe.parallel', 'test.describe.parallel.only', 'test.describe.serial', 'test.describe.serial.only',
  'skip', 'xit', 'xdescribe', 'xtest', 'fit', 'fdescribe', 'ftest',
]);
const ANGULAR_WRAPPERS = new Set(['async', 'inject', 'fakeAsync', 'waitForAsync']);
const SETUP_CALLEES = new Set(['beforeEach', 'beforeAll', 'afterEach', 'afterAll']);

function isAngularWrapperCall(e: Expression): boolean {
  return e.kind === 'call' && ANGULAR_WRAPPERS.has(e.callee);
}

/** `isTestCall` (utils): `it("…", () => …)` and friends keep their arguments on one line. */
function isTestCall(e: ExpressionOf<'call'>, parentCall: ExpressionOf<'call'> | undefined): boolean {
  const args = e.args;
  if (args.length === 1) {
    if (isAngularWrapperCall(e) && parentCall !== undefined && isTestCall(parentCall, undefined)) return args[0]!.kind === 'arrow';
    if (SETUP_CALLEES.has(e.callee)) return isAngularWrapperCall(args[0]!);
    return false;
  }
  if ((args.length === 2 || args.length === 3) && args[0]!.kind === 'string' && TEST_CALLEES.has(e.callee)) {
    const third = args[2];
    if (third !== undefined && !(third.kind === 'number' && !isNegative(third.value))) return false;
    return (args.length === 2 && args[1]!.kind === 'arrow') || isAngularWrapperCall(args[1]!);
  }
  return false;
}

/** `isCommonsJsOrAmdModuleDefinition` / `isStringWordCall` (call-expression.js): `require("x")` stays on one line. */
function isSimpleRequire(e: ExpressionOf<'call'>): boolean {
  const loneString = e.args.length === 1 && e.args[0]!.kind === 'string';
  if (e.callee === 'require') return loneString || e.args.length > 1;
  return loneString && (e.callee === 'require.resolve' || e.callee === 'require.resolve.paths');
}
