/**
 * Ruff's layout of the long statements a provider module holds most often, computed without
 * ruff: a wrapper's signature and a class head (`bracketed`), a `TypedDict` field (`    name: <annotation>`), a type alias (`type Name = <type>`),
 * the `TOOLS[...]` argument of a wrapper's call and the lines of a `TOOLS` entry that ruff
 * cannot shorten. On GitHub's and Stripe's specs these are every statement too long for one
 * line, so ruff's WebAssembly module is never loaded for them.
 *
 * The annotations are `pythonType`'s output, a small grammar: names, string and number
 * literals, subscripts, calls with keyword arguments (`Field(max_length=5)`) and `|` unions.
 * The rules (those of ruff's formatter for this grammar, black's style):
 * - an expression that fits stays on one line;
 * - else a subscript or call opens its brackets: one item alone on its line(s); several items
 *   on one line of their own when they fit there, else one a line with a trailing comma,
 *   each laid out by the same rules;
 * - a union that does not fit puts each operand on its own line, `| ` before all but the first;
 * - a field's union is parenthesised, as is an alias's value that has no brackets of its own.
 * Anything else (a line that still does not fit, a union ending with brackets, an alias whose
 * first line does not fit) is left to ruff: `laidOut` answers undefined. The tests hold every
 * rule against ruff itself.
 */
import type { Place } from './ruff.js';

/** Ruff's default line length, in columns. */
export const LINE_LENGTH = 88;

/** An annotation read back; `flat` keeps its one-line text once printed (laying out prints each part again and again). */
type Expression =
  | { kind: 'atom'; text: string }
  | { kind: 'subscript'; value: Expression; items: Expression[]; flat?: string }
  | { kind: 'call'; value: Expression; items: Expression[]; flat?: string }
  | { kind: 'keyword'; name: string; value: Expression; flat?: string }
  | { kind: 'union'; operands: Expression[]; flat?: string };

const STRING = String.raw`"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'`;
const TOKEN = new RegExp(String.raw`(${STRING}|-?[0-9][0-9a-zA-Z.+-]*|[A-Za-z_][A-Za-z0-9_.]*|[\[\](),|=])(?: |$)?`, 'y');
const PUNCTUATION = new Set(['[', ']', '(', ')', ',', '|', '=']);

/** The tokens of an annotation, or undefined when it holds anything outside the grammar. */
function tokensOf(text: string): string[] | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (match === null) return undefined;
    tokens.push(match[1]!);
  }
  return tokens;
}

/** A recursive-descent reader of the grammar; throws on anything else (caught by `expressionOf`). */
function read(tokens: readonly string[]): Expression {
  let i = 0;
  const expect = (token: string) => {
    if (tokens[i++] !== token) throw new SyntaxError(token);
  };
  const items = (close: string): Expression[] => {
    const list: Expression[] = [];
    while (tokens[i] !== close) {
      list.push(tokens[i + 1] === '=' && tokens[i] !== undefined && /^[A-Za-z_]\w*$/.test(tokens[i]!) ? keyword() : union());
      if (tokens[i] === ',') i++;
      else if (tokens[i] !== close) throw new SyntaxError(close);
    }
    expect(close);
    return list;
  };
  const keyword = (): Expression => {
    const name = tokens[i]!;
    i += 2;
    return { kind: 'keyword', name, value: union() };
  };
  const postfix = (): Expression => {
    const text = tokens[i++];
    if (text === undefined || PUNCTUATION.has(text)) throw new SyntaxError('atom');
    let e: Expression = { kind: 'atom', text };
    for (;;) {
      if (tokens[i] === '[') {
        i++;
        e = { kind: 'subscript', value: e, items: items(']') };
      } else if (tokens[i] === '(') {
        i++;
        e = { kind: 'call', value: e, items: items(')') };
      } else return e;
    }
  };
  const union = (): Expression => {
    const operands = [postfix()];
    while (tokens[i] === '|') {
      i++;
      operands.push(postfix());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'union', operands };
  };
  const e = union();
  if (i !== tokens.length) throw new SyntaxError('end');
  return e;
}

/** The expression `text` is, when it is in the grammar and prints back to exactly `text`. */
function expressionOf(text: string): Expression | undefined {
  const tokens = tokensOf(text);
  if (tokens === undefined) return undefined;
  try {
    const e = read(tokens);
    return flat(e) === text ? e : undefined;
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

/** An expression on one line (printed once per expression). */
function flat(e: Expression): string {
  if (e.kind === 'atom') return e.text;
  return (e.flat ??= printed(e));
}

function printed(e: Exclude<Expression, { kind: 'atom' }>): string {
  switch (e.kind) {
    case 'keyword':
      return `${e.name}=${flat(e.value)}`;
    case 'union':
      return e.operands.map(flat).join(' | ');
    case 'subscript':
      return `${flat(e.value)}[${e.items.map(flat).join(', ')}]`;
    case 'call':
      return `${flat(e.value)}(${e.items.map(flat).join(', ')})`;
  }
}

/** `e` at `indent` columns, `head` before it on its first line and `tail` after it on its last, as ruff breaks it. */
function broken(e: Expression, indent: string, head: string, tail: string): string[] {
  const one = indent + head + flat(e) + tail;
  if (one.length <= LINE_LENGTH) return [one];
  if (e.kind === 'subscript' || e.kind === 'call') {
    const [open, close] = e.kind === 'subscript' ? ['[', ']'] : ['(', ')'];
    const first = indent + head + flat(e.value) + open;
    const last = indent + close + tail;
    const inner = indent + '    ';
    if (e.kind === 'subscript' && e.items.length === 1) return [first, ...broken(e.items[0]!, inner, '', ''), last];
    // The items on one line, as `flat` printed them between the brackets.
    const items = flat(e).slice(flat(e.value).length + 1, -1);
    if (inner.length + items.length <= LINE_LENGTH) return [first, inner + items, last];
    const lines = [first];
    // A name, string or number item is one line, whatever its length (most items: Literal values).
    for (const item of e.items) {
      if (item.kind === 'atom') lines.push(`${inner}${item.text},`);
      else for (const line of broken(item, inner, '', ',')) lines.push(line);
    }
    lines.push(last);
    return lines;
  }
  if (e.kind === 'union' && head === '') return e.operands.flatMap((op, i) => broken(op, indent, i === 0 ? '' : '| ', i === e.operands.length - 1 ? tail : ''));
  return [one];
}

/** A line holding one name, string or number (after `| ` in a union, before a comma): nothing can shorten it. */
const UNBREAKABLE_LINE = new RegExp(String.raw`^ *(?:\| )?(?:${STRING}|[A-Za-z_][\w.]*|-?[0-9][0-9a-zA-Z.+-]*),?$`);

/**
 * The lines when each fits, or is too long only because it holds one name or string that
 * nothing can shorten (ruff opens the brackets around it all the same); else undefined (ruff
 * decides).
 */
function fitting(lines: string[]): string[] | undefined {
  return lines.every((line) => line.length <= LINE_LENGTH || UNBREAKABLE_LINE.test(line)) ? lines : undefined;
}

/** A union: ruff parenthesises it, one operand a line. */
function parenthesised(e: Expression): boolean {
  return e.kind === 'union';
}

const FIELD = /^ {4}([A-Za-z_]\w*): (.+)$/;
const ALIAS = /^type ([A-Za-z_]\w*) = (.+)$/;

/** `    name: annotation` (a field of a class-syntax `TypedDict`). */
function field(line: string): string[] | undefined {
  const match = FIELD.exec(line);
  const e = match && expressionOf(match[2]!);
  if (!match || !e) return undefined;
  if (e.kind === 'subscript') return fitting(broken(e, '    ', `${match[1]}: `, ''));
  if (`    ${match[1]}: (`.length > LINE_LENGTH) return undefined;
  // A name or union is parenthesised when that makes it fit on a line of its own.
  if ((e.kind === 'atom' || e.kind === 'union') && 8 + flat(e).length <= LINE_LENGTH) return [`    ${match[1]}: (`, `        ${flat(e)}`, '    )'];
  if (e.kind === 'atom') return [line];
  if (parenthesised(e)) return fitting([`    ${match[1]}: (`, ...broken(e, '        ', '', ''), '    )']);
  return undefined;
}

/** `type Name = value`: the value's brackets opened, or the value parenthesised. */
function alias(line: string): string[] | undefined {
  const match = ALIAS.exec(line);
  const e = match && expressionOf(match[2]!);
  if (!match || !e) return undefined;
  const head = `type ${match[1]} = `;
  if (e.kind === 'subscript') return (head + flat(e.value) + '[').length <= LINE_LENGTH ? fitting(broken(e, '', head, '')) : undefined;
  // Parentheses that cannot make it fit are not written.
  if ((head + '(').length > LINE_LENGTH) return e.kind === 'atom' ? [line] : undefined;
  if ((e.kind === 'atom' || e.kind === 'union') && 4 + flat(e).length <= LINE_LENGTH) return [`${head}(`, `    ${flat(e)}`, ')'];
  if (parenthesised(e)) return fitting([`${head}(`, ...broken(e, '    ', '', ''), ')']);
  return undefined;
}

/** Long lines of a multi-line statement, one by one: how each is laid out (undefined: ruff decides). */
type LineRule = (line: string) => string[] | undefined;

/** `TOOLS["name"],`, an argument of a wrapper's call: its brackets opened. */
const TOOLS_ARGUMENT = new RegExp(String.raw`^( {8})TOOLS\[(${STRING})\],$`);
const toolsArgument: LineRule = (line) => {
  const match = TOOLS_ARGUMENT.exec(line);
  return match ? fitting([`${match[1]}TOOLS[`, `${match[1]}    ${match[2]}`, `${match[1]}],`]) : undefined;
};

/**
 * Lines of a `TOOLS` entry that nothing can shorten, which ruff leaves as they are: the
 * entry's key before `runtime.Tool(`, a keyword argument whose value is a string or a name,
 * an item of an exploded tuple or dict that is a string or a pair of strings.
 */
const UNBREAKABLE = new RegExp(String.raw`^(?: {4}(?:${STRING}): runtime\.Tool\(| {8}[a-z_]+=(?:${STRING}|[A-Za-z_][\w.]*),| {12}(?:${STRING})(?:: (?:${STRING}))?,)$`);
const unbreakable: LineRule = (line) => (UNBREAKABLE.test(line) ? [line] : undefined);

/** The long lines of a statement through `rule`, the others as they are; undefined when one has no layout. */
function byLine(lines: readonly string[], rule: LineRule): string[] | undefined {
  const out: string[] = [];
  for (const line of lines) {
    if (line.length <= LINE_LENGTH) out.push(line);
    else {
      const laid = rule(line);
      if (laid === undefined) return undefined;
      out.push(...laid);
    }
  }
  return out;
}

/**
 * A wrapper's signature line: the `def` line and a `params` annotation that is one name stay
 * as they are (nothing shortens them); `params: Name | None = None,` breaks before `|`; the
 * return annotation opens its brackets.
 */
const DEF = /^def [A-Za-z_]\w*\($/;
const PARAMS = /^ {4}params: ([A-Za-z_]\w*)( \| None = None)?,$/;
const RETURNS = /^\) -> (.+):$/;
const signatureLine: LineRule = (line) => {
  if (DEF.test(line)) return [line];
  const params = PARAMS.exec(line);
  if (params) return params[2] === undefined ? [line] : [`    params: ${params[1]}`, '    | None = None,'];
  const returns = RETURNS.exec(line);
  const e = returns && expressionOf(returns[1]!);
  return e && e.kind === 'subscript' ? fitting(broken(e, '', ') -> ', ':')) : undefined;
};

/** `"key": value,`, an entry of a functional `TypedDict`: the value's brackets opened. */
const DICT_ENTRY = new RegExp(String.raw`^( {8})(${STRING}): (.+),$`);
const dictEntry: LineRule = (line) => {
  const match = DICT_ENTRY.exec(line);
  const e = match && expressionOf(match[3]!);
  return match && e && e.kind === 'subscript' ? fitting(broken(e, match[1]!, `${match[2]}: `, ',')) : undefined;
};

/** The statements laid out here, by place: a single line (a field, an alias) or a multi-line one, line by line. */
const LAYOUTS: Partial<Record<Place, (lines: readonly string[]) => string[] | undefined>> = {
  body: (lines) => (lines.length === 1 ? field(lines[0]!) : byLine(lines, toolsArgument)),
  module: (lines) => (lines.length === 1 ? alias(lines[0]!) : lines[0]!.endsWith(' = TypedDict(') ? byLine(lines, dictEntry) : undefined),
  entry: (lines) => byLine(lines, unbreakable),
  header: (lines) => (lines[0]!.startsWith('def ') ? byLine(lines, signatureLine) : undefined),
};

/**
 * The lines of a statement at `place` that is too long for one line, laid out as ruff lays
 * it out, when it is one of the shapes above and printable ASCII; undefined for any other
 * (ruff decides). A one-line statement's layout is kept (bounded), as one string: a module
 * repeats its long fields (Stripe lays out 1,218 one-line statements, 934 distinct), and one
 * string per layout costs the garbage collector less than its lines would.
 */
export function laidOut(lines: readonly string[], place: Place): string[] | undefined {
  if (lines.length !== 1) return layoutOf(lines, place);
  const memo = ONE_LINE[place];
  const kept = memo.get(lines[0]!);
  if (kept !== undefined) return kept === null ? undefined : kept.split('\n');
  if (memo.size >= 10_000) memo.clear();
  const laid = layoutOf(lines, place);
  memo.set(lines[0]!, laid === undefined ? null : laid.join('\n'));
  return laid;
}

const ONE_LINE: Record<Place, Map<string, string | null>> = { module: new Map(), header: new Map(), body: new Map(), entry: new Map() };

function layoutOf(lines: readonly string[], place: Place): string[] | undefined {
  return lines.every((line) => ASCII.test(line)) ? LAYOUTS[place]?.(lines) : undefined;
}

/**
 * Printable ASCII: text whose width in columns is its length. Ruff measures a line by the
 * width of its characters (a CJK character takes two columns, an astral one is two UTF-16
 * units but may take one), so a statement holding other characters is left to ruff.
 */
const ASCII = /^[\x20-\x7e]*$/;

/**
 * `open`, the items, `close` as ruff lays out a top-level bracketed list without a magic
 * trailing comma (a class's bases, a subscript in a return annotation): on one line when it
 * fits in 88 columns; else the items on one line of their own between the brackets; else one
 * item a line, each with a trailing comma. Undefined when an item alone does not fit: ruff
 * then decides (through `fitted`). The callers pass identifiers (ASCII: length is width).
 * The tests hold this against ruff itself.
 */
export function bracketed(open: string, items: readonly string[], close: string): string[] | undefined {
  const inline = items.join(', ');
  if (open.length + inline.length + close.length <= LINE_LENGTH) return [open + inline + close];
  if (inline.length + 4 <= LINE_LENGTH) return [open, `    ${inline}`, close];
  if (items.some((item) => item.length + 5 > LINE_LENGTH)) return undefined;
  return [open, ...items.map((item) => `    ${item},`), close];
}
