/**
 * The statements whose layout prettier decides without a search, written as text: the
 * plain-data tables (`requests`, `tools`), interfaces, type aliases and declared consts, and
 * the wrapper functions (`.ts`, and the `.d.ts` / `.js` halves of the declarations shape). Building
 * prettier's docs for them and running its doc printer cost most of a module's printing
 * time (docs/performance.md); the text here is byte-identical to what `print.ts` prints
 * through the doc printer, which a test checks on the whole corpus
 * (`test/corpus/print-data.test.ts`, `DATA_PRINT_EVERY=1`).
 *
 * Each function returns undefined where its layout would need a search or a rule it does not
 * know (a hugged lone object parameter, a call argument that is a function or a member chain,
 * a fill of numbers, a validator const, …); `printStatement` then uses the doc printer. A layout is
 * taken here only when it follows from fits-on-the-line checks, made with the width prettier
 * measures (`getStringWidth`: wide and emoji characters count 2, combining marks 0).
 */
import { propertyKey, stringLiteral } from '../escape.js';
import type { DocLines, Expression, ObjectProperty, Parameter, PropertySignature, Statement, TypeNode } from './ast.js';
import { isHuggableUnion, isInlineTypeArgument, isNarrowerThan, isNegative, isNeverBreakLiteral, normalizeNumber, OBJECT_MEMBERS, PRINT_OPTIONS, simplify } from './print-rules.js';

const WIDTH = PRINT_OPTIONS.printWidth;
/** The doc printer's test for text it may measure by its length (`getStringWidth`). */
const NOT_ASCII = /[^\x20-\x7F]/;

type StatementOf<K extends Statement['kind']> = Extract<Statement, { kind: K }>;
type TypeOf<K extends TypeNode['kind']> = Extract<TypeNode, { kind: K }>;
type ExpressionOf<K extends Expression['kind']> = Extract<Expression, { kind: K }>;

const TEXT_PRINTERS: { [K in Statement['kind']]?: (statement: StatementOf<K>) => string | undefined } = {
  const: (s) => dataStatementText(s) ?? callConstText(s),
  interface: interfaceText,
  typeAlias: typeAliasText,
  function: functionText,
  declareConst: (s) => withComment(s.doc, typeLines(s.type, 'annotation', 0, `${s.exported ? 'export ' : ''}declare const ${s.name}: `, ';')),
  declareFunction: (s) => signatureText(s, `${s.exported ? 'export ' : ''}declare function ${s.name}`, ';', []),
  scriptFunction: scriptFunctionText,
  // JavaScript's const prints as a const without a type (`constDoc` with `script`, which only
  // changes keys naming Object members: the data path leaves those to the doc printer).
  scriptConst: (s) => dataStatementText({ ...s, kind: 'const' }) ?? callConstText({ ...s, kind: 'const' }),
};

/** The text of a statement whose layout needs no search, with its doc comment; undefined for any other. */
export function statementText(statement: Statement): string | undefined {
  const print = TEXT_PRINTERS[statement.kind] as ((s: Statement) => string | undefined) | undefined;
  return print?.(statement);
}

/** Whether a line fits the print width, measured as the doc printer's `fits` measures it. */
function fits(line: string): boolean {
  return NOT_ASCII.test(line) ? isNarrowerThan(line, WIDTH + 1) : line.length <= WIDTH;
}

/** `indent` spaces: one string per depth, made once (a module asks for one on most of its lines). */
function pad(indent: number): string {
  return (PADS[indent] ??= ' '.repeat(indent));
}

const PADS: string[] = [];

/**
 * Lines joined as the doc printer writes them: it trims the spaces and tabs before each line
 * break. Trimmed in the joined text, where a line ending in white space is rare (a prefix
 * before a type that starts the next line): reading each line's last character would make
 * V8 copy every line built by concatenation into one piece first, then `join` copy it again.
 * A line holding line breaks itself is an already joined text (`dataStatementText`), whose
 * inner lines are trimmed already.
 */
function joinLines(lines: readonly string[]): string {
  const text = lines.join('\n');
  return BLANK_BEFORE_BREAK.test(text) ? text.replace(TRAILING_BLANKS, '\n') : text;
}

/** A space or tab before a line break: one pass of a character class (`includes(' \n')` stops at every space). */
const BLANK_BEFORE_BREAK = /[ \t]\n/;
/** Spaces and tabs before a line break. */
const TRAILING_BLANKS = /[ \t]+\n/g;

/** A leading `/** … *\/` comment at `indent` (`withDocComment` / `docComment` in print.ts). */
function pushComment(lines: string[], doc: DocLines | undefined, indent: string): void {
  if (doc === undefined || doc.length === 0) return;
  if (doc.length === 1) {
    lines.push(`${indent}/** ${doc[0]!} */`);
    return;
  }
  lines.push(`${indent}/**`);
  for (const l of doc) lines.push(l === '' ? `${indent} *` : `${indent} * ${l}`);
  lines.push(`${indent} */`);
}

/** A statement's text: its doc comment, then its lines. */
function withComment(doc: DocLines | undefined, lines: readonly string[] | undefined): string | undefined {
  if (lines === undefined) return undefined;
  if (doc === undefined || doc.length === 0) return joinLines(lines);
  const comment: string[] = [];
  pushComment(comment, doc, '');
  return `${joinLines(comment)}\n${joinLines(lines)}`;
}

// ---------------------------------------------------------------------------------------
// Types: interfaces and type aliases
// ---------------------------------------------------------------------------------------
// An object type always breaks (one member a line), and so do the groups around it; any
// other type is on one line when that line fits, and else breaks its outermost group
// (`typeDoc` in print.ts says which): a union one member a line after `| `, type arguments
// and tuple members one a line, an intersection after each `&` between two non-objects.
// The line a group must fit on ends where the next line break is certain: the `;` after a
// member, the `,` after a type argument, nothing after a union member.

/** Where a type sits (print.ts's `TypePlace`, without the places only consts and hugged parameters reach). */
type TypePlace = 'annotation' | 'aliasBreakAfterOperator' | 'typeArgument' | 'operand';

/** `interface Name { members }` (`interfaceDoc`). */
function interfaceText(s: StatementOf<'interface'>): string | undefined {
  const head = `${s.exported ? 'export ' : ''}interface ${s.name} `;
  if (s.members.length === 0 && s.index === undefined) return withComment(s.doc, [`${head}{}`]);
  const lines = [`${head}{`];
  if (!pushMembers(lines, s.members, s.index, 2)) return undefined;
  lines.push('}');
  return withComment(s.doc, lines);
}

/** Members (`propertySignatureDoc`) and the index signature of an expanded object type, each ended by `;`. */
function pushMembers(lines: string[], members: readonly PropertySignature[], index: TypeNode | undefined, indent: number): boolean {
  const at = pad(indent);
  for (const m of members) {
    pushComment(lines, m.doc, at);
    const member = typeLines(m.type, 'annotation', indent, `${at}${m.readonly ? 'readonly ' : ''}${propertyKey(m.key)}${m.optional ? '?' : ''}: `, ';');
    if (member === undefined) return false;
    for (const line of member) lines.push(line);
  }
  if (index === undefined) return true;
  const signature = typeLines(index, 'annotation', indent, `${at}[key: string]: `, ';');
  if (signature === undefined) return false;
  for (const line of signature) lines.push(line);
  return true;
}

/**
 * `type Name = T;` (`typeAliasDoc`): a union that cannot hug breaks after `=`
 * (`break-after-operator`); any other type stays after `=` when the text up to its first
 * possible line break fits there (`fluid`), and else starts on the next line.
 */
function typeAliasText(s: StatementOf<'typeAlias'>): string | undefined {
  const type = simplify(s.type);
  const left = `${s.exported ? 'export ' : ''}type ${s.name} =`;
  const place: TypePlace = type.kind === 'union' && !isHuggableUnion(type) ? 'aliasBreakAfterOperator' : 'annotation';
  const flat = flatType(type, place);
  if (flat !== undefined && fits(`${left} ${flat};`)) return withComment(s.doc, [`${left} ${flat};`]);
  if (place === 'aliasBreakAfterOperator') return withComment(s.doc, prepend(left, unionBodyLines(type as TypeOf<'union'>, 2, '  ', ';')));
  const head = typeHead(type, 'annotation');
  if (head === undefined) return undefined;
  if (fits(`${left} ${head.text}${head.complete ? ';' : ''}`)) return withComment(s.doc, typeLines(type, 'annotation', 0, `${left} `, ';'));
  return withComment(s.doc, prepend(left, typeLines(type, 'annotation', 2, '  ', ';')));
}

/**
 * `line` before `lines`, without the spaces and tabs the doc printer trims before its line
 * break (`key: ` before a union that starts on the next line): trimmed here, the lines
 * `joinLines` joins seldom need trimming.
 */
function prepend(line: string, lines: string[] | undefined): string[] | undefined {
  if (lines === undefined) return undefined;
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  lines.unshift(end === line.length ? line : line.slice(0, end));
  return lines;
}

/**
 * The lines of `type` at `place`: the first after `prefix` (the line so far, indentation
 * included), the last followed by `suffix` (the text up to the next certain line break);
 * `indent` is the indentation of the lines in between.
 */
function typeLines(type: TypeNode, place: TypePlace, indent: number, prefix: string, suffix: string): string[] | undefined {
  const t = simplify(type);
  const flat = flatType(t, place);
  if (flat !== undefined) {
    const line = prefix + flat + suffix;
    if (!hasLineBreak(t, place) || fits(line)) return [line];
  }
  const broken = BROKEN_TYPES[t.kind] as (t: TypeNode, place: TypePlace, indent: number, prefix: string, suffix: string) => string[] | undefined;
  return broken(t, place, indent, prefix, suffix);
}

/** How each kind of type breaks when it does not fit on its line (or holds an object type, which always breaks). */
const BROKEN_TYPES: { [K in TypeNode['kind']]: (t: TypeOf<K>, place: TypePlace, indent: number, prefix: string, suffix: string) => string[] | undefined } = {
  keyword: () => undefined,
  literal: () => undefined,
  intersection: intersectionLines,
  tuple: (t, _place, indent, prefix, suffix) => {
    // `tupleDoc`: one member a line, each ended by `,` (the last by the trailing comma).
    const at = pad(indent + 2);
    const members: Array<[TypeNode, TypePlace, string, string]> = t.elements.map((e) => [e.type, e.optional ? 'operand' : 'typeArgument', at, e.optional ? '?,' : ',']);
    if (t.rest !== undefined) members.push([{ kind: 'array', element: t.rest }, 'typeArgument', `${at}...`, ',']);
    const lines = [`${prefix}${t.readonly ? 'readonly ' : ''}[`];
    for (const [type, place, start, end] of members) {
      const member = typeLines(type, place, indent + 2, start, end);
      if (member === undefined) return undefined;
      for (const line of member) lines.push(line);
    }
    lines.push(`${pad(indent)}]${suffix}`);
    return lines;
  },
  object: (t, _place, indent, prefix, suffix) => {
    const lines = [`${prefix}{`];
    if (!pushMembers(lines, t.members, t.index, indent + 2)) return undefined;
    lines.push(`${pad(indent)}}${suffix}`);
    return lines;
  },
  array: (t, _place, indent, prefix, suffix) => typeLines(t.element, 'operand', indent, prefix, `[]${suffix}`),
  reference: (t, _place, indent, prefix, suffix) => {
    const args = t.args ?? [];
    if (args.length === 1 && isInlineTypeArgument(simplify(args[0]!))) return typeLines(args[0]!, 'typeArgument', indent, `${prefix}${t.name}<`, `>${suffix}`);
    const lines = [`${prefix}${t.name}<`];
    for (let i = 0; i < args.length; i++) {
      const arg = typeLines(args[i]!, 'typeArgument', indent + 2, pad(indent + 2), i < args.length - 1 ? ',' : '');
      if (arg === undefined) return undefined;
      for (const line of arg) lines.push(line);
    }
    lines.push(`${pad(indent)}>${suffix}`);
    return lines;
  },
  union: (t, place, indent, prefix, suffix) => {
    if (isHuggableUnion(t)) return huggedUnionLines(t, place, indent, prefix, suffix);
    if (place === 'annotation') return prepend(prefix, unionBodyLines(t, indent + 2, pad(indent + 2), suffix));
    if (place !== 'operand') return unionBodyLines(t, indent, prefix, suffix);
    const body = unionBodyLines(t, indent + 2, pad(indent + 2), '');
    if (body === undefined) return undefined;
    body.unshift(`${prefix}(`);
    body.push(`${pad(indent)})${suffix}`);
    return body;
  },
};

/**
 * A broken intersection (`intersectionDoc`): `A &` then `B` on the next line, one level
 * deeper, between two types that are not object literals; ` & ` and the object on the same
 * line otherwise (indented one level when it follows the second member). Each member is laid
 * out knowing the text that follows it up to the next line break (`intersectionTail`).
 */
function intersectionLines(t: TypeOf<'intersection'>, place: TypePlace, indent: number, prefix: string, suffix: string): string[] | undefined {
  const members = t.members.map(simplify);
  const [open, close] = place === 'operand' ? ['(', ')'] : ['', ''];
  const lines: string[] = [];
  let current = prefix + open;
  let indentObjects = false;
  for (let i = 0; i < members.length; i++) {
    const member = members[i]!;
    let at = indent;
    let start = current;
    if (i > 0) {
      const isObject = member.kind === 'object';
      const previousIsObject = members[i - 1]!.kind === 'object';
      if (!isObject && !previousIsObject) {
        lines.push(`${current} &`);
        at = indent + 2;
        start = pad(at);
      } else {
        if (isObject !== previousIsObject && i > 1) indentObjects = true;
        at = indent + ((isObject && previousIsObject ? indentObjects : i > 1) ? 2 : 0);
        start = `${current} & `;
      }
    }
    const tail = intersectionTail(members, i, close + suffix);
    const laid = tail === undefined ? undefined : typeLines(member, 'operand', at, start, tail);
    if (laid === undefined || tail === undefined) return undefined;
    const last = laid.pop()!;
    for (const line of laid) lines.push(line);
    current = last.slice(0, last.length - tail.length);
  }
  lines.push(current + close + suffix);
  return lines;
}

/** The text after member `i` of a broken intersection up to the next line break: ` &`, or ` & ` and the next member's head. */
function intersectionTail(members: readonly TypeNode[], i: number, end: string): string | undefined {
  if (i === members.length - 1) return end;
  const next = members[i + 1]!;
  if (members[i]!.kind !== 'object' && next.kind !== 'object') return ' &';
  const head = typeHead(next, 'operand');
  if (head === undefined) return undefined;
  if (!head.complete) return ` & ${head.text}`;
  const rest = intersectionTail(members, i + 1, end);
  return rest === undefined ? undefined : ` & ${head.text}${rest}`;
}

/** `Pet | null` breaking inside its one object or reference member (`join(" | ")` in `unionDoc`). */
function huggedUnionLines(t: TypeOf<'union'>, place: TypePlace, indent: number, prefix: string, suffix: string): string[] | undefined {
  const members = t.members.map(simplify);
  const at = members.findIndex((m) => m.kind !== 'keyword');
  if (members.some((m, i) => i !== at && m.kind !== 'keyword')) return undefined;
  const [open, close] = place === 'operand' ? ['(', ')'] : ['', ''];
  const before = members.slice(0, at).map(() => 'null | ').join('');
  const after = members.slice(at + 1).map(() => ' | null').join('');
  return typeLines(members[at]!, 'operand', indent, `${prefix}${open}${before}`, `${after}${close}${suffix}`);
}

/** The group of a union's members (`body` in `unionDoc`): on one line when it fits, else one member a line after `| `. */
function unionBodyLines(t: TypeOf<'union'>, indent: number, prefix: string, suffix: string): string[] | undefined {
  const flats = t.members.map((m) => flatType(m, 'operand'));
  if (flats.every((f) => f !== undefined) && fits(prefix + flats.join(' | ') + suffix)) return [prefix + flats.join(' | ') + suffix];
  const lines: string[] = [];
  for (let i = 0; i < t.members.length; i++) {
    const member = t.members[i]!;
    const start = `${i === 0 ? prefix : pad(indent)}| `;
    const end = i === t.members.length - 1 ? suffix : '';
    // A member that fits (most: literals, references) is its flat text; else it breaks, its own
    // lines under its text after `| ` (`align(2, member)`).
    const flat = flats[i];
    const line = flat === undefined ? undefined : start + flat + end;
    const broken = line !== undefined && (!hasLineBreak(member, 'operand') || fits(line)) ? [line] : typeLines(member, 'operand', indent + 2, start, end);
    if (broken === undefined) return undefined;
    for (const l of broken) lines.push(l);
  }
  return lines;
}

/** A type on one line as the doc printer prints it flat; undefined when it holds an object type with members (which always breaks). */
function flatType(type: TypeNode, place: TypePlace): string | undefined {
  const t = simplify(type);
  switch (t.kind) {
    case 'keyword':
      return t.name;
    case 'literal':
      return literalText(t.value);
    case 'reference': {
      if (t.args === undefined || t.args.length === 0) return t.name;
      const args = joinFlat(t.args, 'typeArgument', ', ');
      return args === undefined ? undefined : `${t.name}<${args}>`;
    }
    case 'array': {
      const element = flatType(t.element, 'operand');
      return element === undefined ? undefined : `${element}[]`;
    }
    case 'union': {
      const members = flatUnion(t);
      return members === undefined || place !== 'operand' ? members : `(${members})`;
    }
    case 'intersection': {
      const members = joinFlat(t.members, 'operand', ' & ');
      return members === undefined || place !== 'operand' ? members : `(${members})`;
    }
    case 'tuple':
      return flatTuple(t);
    case 'object':
      return t.members.length === 0 && t.index === undefined ? '{}' : undefined;
  }
}

function flatUnion(t: TypeOf<'union'>): string | undefined {
  return joinFlat(t.members, 'operand', ' | ');
}

function joinFlat(types: readonly TypeNode[], place: TypePlace, separator: string): string | undefined {
  let text = '';
  for (let i = 0; i < types.length; i++) {
    const flat = flatType(types[i]!, place);
    if (flat === undefined) return undefined;
    text += i === 0 ? flat : separator + flat;
  }
  return text;
}

/** `tupleDoc` flat: `[A, B?, ...C[]]`. */
function flatTuple(t: TypeOf<'tuple'>): string | undefined {
  const members: string[] = [];
  for (const e of t.elements) {
    const flat = flatType(e.type, e.optional ? 'operand' : 'typeArgument');
    if (flat === undefined) return undefined;
    members.push(e.optional ? `${flat}?` : flat);
  }
  if (t.rest !== undefined) {
    const rest = flatType({ kind: 'array', element: t.rest }, 'typeArgument');
    if (rest === undefined) return undefined;
    members.push(`...${rest}`);
  }
  return `${t.readonly ? 'readonly ' : ''}[${members.join(', ')}]`;
}

function literalText(value: string | number | boolean): string | undefined {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return numberText(value);
  return String(value);
}

/** `numberDoc`'s text; undefined for NaN and infinities (the doc printer reports them). */
function numberText(value: number): string | undefined {
  return Number.isFinite(value) ? `${isNegative(value) ? '-' : ''}${normalizeNumber(String(Math.abs(value)))}` : undefined;
}

/** Whether the type's doc holds a possible line break at all (when it does not, it is printed on one line however long). */
function hasLineBreak(type: TypeNode, place: TypePlace): boolean {
  const t = simplify(type);
  switch (t.kind) {
    case 'keyword':
    case 'literal':
      return false;
    case 'reference':
      if (t.args === undefined || t.args.length === 0) return false;
      return t.args.length !== 1 || !isInlineTypeArgument(simplify(t.args[0]!)) || hasLineBreak(t.args[0]!, 'typeArgument');
    case 'array':
      return hasLineBreak(t.element, 'operand');
    case 'union':
      return !isHuggableUnion(t) || t.members.some((m) => hasLineBreak(m, 'operand'));
    case 'tuple':
      return t.elements.length > 0 || t.rest !== undefined;
    case 'object':
      return t.members.length > 0 || t.index !== undefined;
    case 'intersection':
      return true;
  }
}

/**
 * The text of a type up to its first possible line break (`complete`: it has none), which
 * is what the doc printer measures to decide whether a `fluid` right side stays after `=`.
 */
function typeHead(type: TypeNode, place: TypePlace): { text: string; complete: boolean } | undefined {
  const t = simplify(type);
  const flat = flatType(t, place);
  if (flat !== undefined && !hasLineBreak(t, place)) return { text: flat, complete: true };
  switch (t.kind) {
    case 'object':
      return { text: '{', complete: false };
    case 'tuple':
      return { text: `${t.readonly ? 'readonly ' : ''}[`, complete: false };
    case 'array': {
      const head = typeHead(t.element, 'operand');
      return head?.complete ? { text: `${head.text}[]`, complete: true } : head;
    }
    case 'reference': {
      const only = t.args?.length === 1 ? simplify(t.args[0]!) : undefined;
      if (only === undefined || !isInlineTypeArgument(only)) return { text: `${t.name}<`, complete: false };
      const head = typeHead(only, 'typeArgument');
      return head && { text: `${t.name}<${head.text}${head.complete ? '>' : ''}`, complete: head.complete };
    }
    case 'union': {
      if (!isHuggableUnion(t)) return place === 'operand' ? { text: '(', complete: false } : undefined;
      const members = t.members.map(simplify);
      const at = members.findIndex((m) => m.kind !== 'keyword');
      if (members.some((m, i) => i !== at && m.kind !== 'keyword')) return undefined;
      const head = typeHead(members[at]!, 'operand');
      if (head === undefined || head.complete) return undefined;
      return { text: `${place === 'operand' ? '(' : ''}${'null | '.repeat(at)}${head.text}`, complete: false };
    }
    case 'intersection':
      return intersectionHead(t, place);
    default:
      return undefined;
  }
}

/** `typeHead` of an intersection: its members up to the first `&` followed by a line break, or into the first that breaks. */
function intersectionHead(t: TypeOf<'intersection'>, place: TypePlace): { text: string; complete: boolean } | undefined {
  const members = t.members.map(simplify);
  let text = place === 'operand' ? '(' : '';
  for (let i = 0; i < members.length; i++) {
    const head = typeHead(members[i]!, 'operand');
    if (head === undefined) return undefined;
    text += head.text;
    if (!head.complete) return { text, complete: false };
    if (i === members.length - 1) break;
    if (members[i]!.kind !== 'object' && members[i + 1]!.kind !== 'object') return { text: `${text} &`, complete: false };
    text += ' & ';
  }
  return { text: place === 'operand' ? `${text})` : text, complete: true };
}

// ---------------------------------------------------------------------------------------
// Functions: the wrappers
// ---------------------------------------------------------------------------------------
// `function name(params): Return { return callee(args); }`: the signature is on one line
// when it fits, else one parameter a line and the return type after `): `; the call is on
// one line when it fits, hugs its one object argument when the text up to that object's
// `{` fits (`printCallArguments`' first expanded state), and else puts each argument on a
// line. Arguments are identifiers, literals and objects of those.

/** `function name(params): Return { return …; }` (`functionDoc`). */
function functionText(s: StatementOf<'function'>): string | undefined {
  const body = returnLines(s.returns);
  return body && signatureText(s, `${s.exported ? 'export ' : ''}function ${s.name}`, ' {', body);
}

/** A signature (`signatureDoc`) ended by `suffix`, then `body` (lines already indented). */
function signatureText(s: { params: readonly Parameter[]; returnType: TypeNode; doc?: DocLines }, head: string, suffix: string, body: readonly string[]): string | undefined {
  const returnType = simplify(s.returnType);
  // A lone parameter is grouped on its own before an object or breaking return type, and hugged when it is an object.
  if (s.params.length === 1 && (returnType.kind === 'object' || simplify(s.params[0]!.type).kind === 'object' || flatType(returnType, 'annotation') === undefined)) return undefined;
  const params = s.params.map((p) => flatType(p.type, 'annotation'));
  const returns = flatType(returnType, 'annotation');
  if (returns !== undefined && params.every((p) => p !== undefined)) {
    const line = `${head}(${s.params.map((p, i) => `${p.name}${p.optional ? '?' : ''}: ${params[i]!}`).join(', ')}): ${returns}${suffix}`;
    if (fits(line)) return withComment(s.doc, [line, ...body]);
  }
  // The parameters one a line (none: `()`), then the return type after `): `, breaking as it needs.
  const lines: string[] = [];
  if (s.params.length > 0) lines.push(`${head}(`);
  for (const p of s.params) {
    const param = typeLines(p.type, 'annotation', 2, `  ${p.name}${p.optional ? '?' : ''}: `, ',');
    if (param === undefined) return undefined;
    for (const line of param) lines.push(line);
  }
  const tail = typeLines(returnType, 'annotation', 0, s.params.length === 0 ? `${head}(): ` : '): ', suffix);
  if (tail === undefined) return undefined;
  for (const line of tail) lines.push(line);
  for (const line of body) lines.push(line);
  return withComment(s.doc, lines);
}

/** JavaScript's `function name(a, b) { return …; }` (`scriptFunctionDoc`). */
function scriptFunctionText(s: StatementOf<'scriptFunction'>): string | undefined {
  const body = returnLines(s.returns);
  if (body === undefined) return undefined;
  const head = `${s.exported ? 'export ' : ''}function ${s.name}(`;
  const line = `${head}${s.params.join(', ')}) {`;
  const signature = s.params.length === 0 || fits(line) ? [line] : [head, ...s.params.map((p) => `  ${p},`), ') {'];
  return withComment(s.doc, [...signature, ...body]);
}

/** `  return …;` and the closing brace. */
function returnLines(returns: Expression): string[] | undefined {
  const lines = returns.kind === 'call' ? callLines(returns, 2, '  return ', ';') : oneOf(atomText(returns), (text) => [`  return ${text};`]);
  if (lines !== undefined) lines.push('}');
  return lines;
}

function oneOf<T, R>(value: T | undefined, f: (value: T) => R): R | undefined {
  return value === undefined ? undefined : f(value);
}

/** A call whose arguments are atoms and objects of atoms (`call` / `callArguments` in print.ts). */
function callLines(e: ExpressionOf<'call'>, indent: number, prefix: string, suffix: string): string[] | undefined {
  // `require(…)` keeps its arguments on one line (`isSimpleRequire`); test calls take functions, which are not atoms.
  if (e.callee === 'require' || e.callee.startsWith('require.')) return undefined;
  const texts: string[] = [];
  const objects: number[] = [];
  for (let i = 0; i < e.args.length; i++) {
    const arg = e.args[i]!;
    const text = atomText(arg);
    if (text !== undefined) texts.push(text);
    else if (arg.kind === 'object') objects.push(i);
    else return undefined;
  }
  const open = `${prefix}${e.callee}(`;
  const close = `${pad(indent)})${suffix}`;
  if (objects.length === 0) {
    const line = `${open}${texts.join(', ')})${suffix}`;
    if (e.args.length === 0 || fits(line)) return [line];
    return [open, ...texts.map((t) => `${pad(indent + 2)}${t},`), close];
  }
  const last = e.args.length - 1;
  // The last argument hugged (`shouldExpandLastArg`: the one before it is no object, even empty) when the text up to its `{` fits.
  if (objects.length === 1 && objects[0] === last && e.args[last - 1]?.kind !== 'object') {
    const hugged = `${open}${texts.map((t) => `${t}, `).join('')}{`;
    if (fits(hugged)) return prepend(hugged, objectLines(e.args[last] as ExpressionOf<'object'>, indent, `})${suffix}`));
  }
  const lines = [open];
  let atom = 0;
  for (const arg of e.args) {
    if (arg.kind !== 'object' || arg.properties.length === 0) {
      lines.push(`${pad(indent + 2)}${texts[atom++]!},`);
      continue;
    }
    lines.push(`${pad(indent + 2)}{`);
    const object = objectLines(arg, indent + 2, '},');
    if (object === undefined) return undefined;
    for (const line of object) lines.push(line);
  }
  lines.push(close);
  return lines;
}

/** An expanded object's properties and its closing line (`}` + `close` at `indent`). */
function objectLines(e: ExpressionOf<'object'>, indent: number, close: string): string[] | undefined {
  const lines: string[] = [];
  const at = pad(indent + 2);
  for (const p of e.properties) {
    const property = atomPropertyLines(p, at);
    if (property === undefined) return undefined;
    for (const line of property) lines.push(line);
  }
  lines.push(`${pad(indent)}${close}`);
  return lines;
}

/**
 * `key: value,` for an atom value (`property` through `assignmentDoc`): after a key narrower
 * than 5 columns, or for a boolean or non-negative number, on one line however long;
 * otherwise on one line when it fits, else the value on the next line.
 */
function atomPropertyLines(p: ObjectProperty, at: string): string[] | undefined {
  const value = atomText(p.value);
  // A doc, or a key naming an `Object` member (whose literal gets `as const`): left to the doc printer.
  if (value === undefined || (p.doc !== undefined && p.doc.length > 0) || OBJECT_MEMBERS.has(p.key)) return undefined;
  const key = p.key === '__proto__' ? `[${stringLiteral(p.key)}]` : propertyKey(p.key);
  const line = `${at}${key}: ${value},`;
  const shortKey = NOT_ASCII.test(key) ? isNarrowerThan(key, PRINT_OPTIONS.tabWidth + 3) : key.length < PRINT_OPTIONS.tabWidth + 3;
  if (shortKey || isNeverBreakLiteral(p.value) || fits(line)) return [line];
  return [`${at}${key}:`, `${at}  ${value},`];
}

/** An expression printed on one line in any layout: a literal, an identifier of at most two parts, an empty object or array. */
function atomText(e: Expression): string | undefined {
  switch (e.kind) {
    case 'identifier':
      // Three parts or more make a member chain, which may break.
      return e.name.indexOf('.') === e.name.lastIndexOf('.') ? e.name : undefined;
    case 'object':
      return e.properties.length === 0 ? '{}' : undefined;
    case 'array':
      return e.elements.length === 0 ? '[]' : undefined;
    default:
      return dataLiteral(e);
  }
}

/**
 * A const whose value is a call with string arguments: the validator consts,
 * `export const Pet: v.Validator = $validators.define("Pet", '…');`. prettier's `fluid`
 * assignment layout (assignment.js; `chooseDeclaratorLayout` in print.ts): the call stays
 * after `=` when the line up to its `(` fits, then on one line or one argument a line;
 * otherwise the line breaks after `=` and the call follows, indented.
 */
function callConstText(s: StatementOf<'const'>): string | undefined {
  const call = s.init;
  if (call.kind !== 'call' || call.args.length < 2 || !call.args.every((a) => a.kind === 'string')) return undefined;
  if (s.type !== undefined && (s.type.kind !== 'reference' || s.type.args !== undefined)) return undefined;
  const head = `${s.exported ? 'export ' : ''}const ${s.name}${s.type ? `: ${s.type.name}` : ''} =`;
  if (fits(`${head} ${call.callee}(`)) return withComment(s.doc, callLines(call, 0, `${head} `, ';'));
  return withComment(s.doc, prepend(head, callLines(call, 2, '  ', ';')));
}

// ---------------------------------------------------------------------------------------
// Plain data: the `requests` and `tools` tables
// ---------------------------------------------------------------------------------------
// A const whose value is plain data (objects, arrays of strings and objects, strings,
// booleans, null: the `requests` and `tools` tables) has a layout that needs no search:
// objects are always expanded, an array of strings is flat when it fits and one item a line
// otherwise, a string under a key of 5 columns or more moves after the colon when the line
// would not fit. Printing it as text skips prettier's doc printer, which spent a third of
// the printing time on these tables. Anything else (arrays of numbers, which prettier fills;
// docs on properties; non-ASCII text, whose width prettier measures; keys naming Object members; a
// line that cannot fit) returns undefined and goes through the doc printer; a test compares
// both on the corpus.

/** The text of a plain-data const statement, or undefined when it is not one. */
export function dataStatementText(s: Statement): string | undefined {
  if (s.kind !== 'const' || (s.type !== undefined && (s.type.kind !== 'reference' || s.type.args !== undefined))) return undefined;
  const asConst = s.init.kind === 'asConst';
  const value = s.init.kind === 'asConst' ? s.init.expression : s.init;
  if (value.kind !== 'object' || value.properties.length === 0) return undefined;
  const head = `${s.exported ? 'export ' : ''}const ${s.name}${s.type ? `: ${s.type.name}` : ''} = `;
  // One array for all lines (a table can be far longer than a call's argument limit, so one push a line).
  const lines: string[] = [];
  if (!pushData(lines, value, 0, head, asConst ? ' as const;' : ';')) return undefined;
  const text = joinLines(lines);
  if (/[^\x20-\x7e\n]/.test(text)) return undefined;
  return withComment(s.doc, [text]);
}

/** A primitive's literal text (numbers as `numberDoc` prints them). */
function dataLiteral(e: Expression): string | undefined {
  if (e.kind === 'number') return numberText(e.value);
  if (e.kind === 'string') return stringLiteral(e.value);
  if (e.kind === 'boolean') return String(e.value);
  if (e.kind === 'null') return 'null';
  return undefined;
}

/** Pushes `e` at `indent` columns, its first line after `prefix` and its last followed by `suffix`; false when it is not plain data. */
function pushData(out: string[], e: Expression, indent: number, prefix: string, suffix: string): boolean {
  const literal = dataLiteral(e);
  if (literal !== undefined) {
    out.push(prefix + literal + suffix);
    return true;
  }
  if (e.kind === 'object') {
    if (e.properties.length === 0) {
      out.push(`${prefix}{}${suffix}`);
      return true;
    }
    if (prefix.length + 1 > WIDTH) return false;
    out.push(`${prefix}{`);
    for (const p of e.properties) if (!pushProperty(out, p, indent + 2)) return false;
    out.push(`${pad(indent)}}${suffix}`);
    return true;
  }
  if (e.kind === 'array') return pushArray(out, e, indent, prefix, suffix);
  return false;
}

/** An array of strings and objects: on one line when it holds no object and fits, else one item a line. */
function pushArray(out: string[], e: ExpressionOf<'array'>, indent: number, prefix: string, suffix: string): boolean {
  if (e.elements.length === 0) {
    out.push(`${prefix}[]${suffix}`);
    return true;
  }
  // prettier fills arrays of numbers (several a line): left to the doc printer.
  if (e.elements.some((element) => element.kind === 'number')) return false;
  // Empty objects and arrays hold no line break: they may stay on one line with the rest.
  const literals = e.elements.map((element) => dataLiteral(element) ?? (element.kind === 'object' && element.properties.length === 0 ? '{}' : element.kind === 'array' && element.elements.length === 0 ? '[]' : undefined));
  if (literals.every((l) => l !== undefined)) {
    const flat = `${prefix}[${literals.join(', ')}]${suffix}`;
    if (flat.length <= WIDTH) {
      out.push(flat);
      return true;
    }
  }
  if (prefix.length + 1 > WIDTH) return false;
  out.push(`${prefix}[`);
  const at = pad(indent + 2);
  for (let i = 0; i < e.elements.length; i++) {
    const element = e.elements[i]!;
    if (literals[i] === undefined && element.kind !== 'object') return false;
    if (!pushData(out, element, indent + 2, at, ',')) return false;
  }
  out.push(`${pad(indent)}]${suffix}`);
  return true;
}

/** One property of an expanded object (`printProperty` through `printAssignment`); false when the doc printer must decide. */
function pushProperty(out: string[], p: ObjectProperty, indent: number): boolean {
  if ((p.doc !== undefined && p.doc.length > 0) || OBJECT_MEMBERS.has(p.key)) return false;
  const at = pad(indent);
  const key = p.key === '__proto__' ? `[${stringLiteral(p.key)}]` : propertyKey(p.key);
  const shortKey = key.length <= PRINT_OPTIONS.tabWidth + 2;
  if (p.value.kind === 'string' && !shortKey) {
    // `break-after-operator`: the string moves after the colon when the line would not fit.
    const one = `${at}${key}: ${stringLiteral(p.value.value)},`;
    if (one.length <= WIDTH) out.push(one);
    else if (`${at}${key}:`.length <= WIDTH) out.push(`${at}${key}:`, `${at}  ${stringLiteral(p.value.value)},`);
    else return false;
    return true;
  }
  const mark = out.length;
  if (pushData(out, p.value, indent, `${at}${key}: `, ',')) {
    // A scalar stays after a short key, and a boolean or non-negative number after any key
    // (`never-break-after-operator`), however long the line; other lines that do not fit
    // would have prettier try other layouts.
    return out.length - mark > 1 || shortKey || isNeverBreakLiteral(p.value) || out[mark]!.length <= WIDTH;
  }
  out.length = mark;
  // `fluid`: under a key of 5 columns or more, an object or array whose opening bracket does
  // not fit after the key starts on the next line, one level deeper.
  if ((p.value.kind !== 'object' && p.value.kind !== 'array') || shortKey || `${at}${key}: {`.length <= WIDTH) return false;
  out.push(`${at}${key}:`);
  return pushData(out, p.value, indent + 2, `${at}  `, ',');
}
