/**
 * Prints one Python provider module from its plan: `PROVIDER`, the `TypedDict`s and type
 * aliases, one wrapper per tool over `session.tool.invoke_*_tool`, and `TOOLS`. Every name
 * comes from the plan, every string through `pythonString`, every text through
 * `docstringLines`; the package step formats the result with ruff.
 *
 * Layout rules that keep the module importable whatever the spec: annotations are lazy
 * (`from __future__ import annotations`, `type` statements), so classes may refer to each
 * other in any order and recursively; a `TypedDict` whose keys cannot be class fields (`X-Request-Id`,
 * `list items`, keywords) uses the functional form, which evaluates its values at once, so
 * those come last and are referred to through a `type` alias.
 */
import type { ParameterModel, ProviderModel } from '../../model/tool-model.js';
import { docstringLines, hasLoneSurrogate, pythonString } from './escape.js';
import { isClassField } from './names.js';
import type { PlannedClass, PlannedTool, PythonModulePlan } from './module-plan.js';
import { bracketed, LINE_LENGTH } from './layout.js';
import { fitted } from './ruff.js';
import { pythonType } from './types.js';
import { narrowed } from '../../load/narrow.js';

const INDENT = '    ';

/**
 * A docstring at `indent`, or nothing when there is no text. Laid out as ruff lays out
 * docstrings: the first line without leading blanks (a space before a leading quote), the others without their common
 * indentation, re-indented at `indent`.
 */
export function docstring(lines: readonly string[], indent: string): string[] {
  if (lines.length === 0) return [];
  // A quote right after the opening quotes gets a space, as ruff writes it.
  const trimmed = lines[0]!.trimStart();
  const first = trimmed.charCodeAt(0) === 34 ? ` ${trimmed}` : trimmed;
  if (lines.length === 1) return [`${indent}"""${first}"""`];
  let common = Infinity;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    let spaces = 0;
    while (line.charCodeAt(spaces) === 32) spaces++;
    if (spaces < common) common = spaces;
  }
  const out = [`${indent}"""${first}`];
  for (let i = 1; i < lines.length; i++) out.push(lines[i] === '' ? '' : indent + lines[i]!.slice(common));
  out.push(`${indent}"""`);
  return out;
}

/** A character that is not white space or a line end (the same set as `String.prototype.trim`'s). */
const NOT_BLANK = /\S/;

/** The docstring lines of each text that is not blank, paragraphs one blank line apart. */
function paragraphs(...texts: Array<string | undefined>): string[] {
  const out: string[] = [];
  let parts = 0;
  for (const text of texts) {
    // Blank (trim's white space and line ends): tested without making a trimmed copy of the text.
    if (text === undefined || !NOT_BLANK.test(text)) continue;
    if (parts++ > 0) out.push('');
    for (const line of docstringLines(text)) out.push(line);
  }
  return out;
}

function fieldType(p: { required: boolean }, type: string, total: boolean): string {
  if (total) return p.required ? type : `NotRequired[${type}]`;
  return type;
}

/** A key a `TypedDict` (and pydantic's validator of it) can hold: not empty, well-formed UTF-16. */
function typableKey(key: string): boolean {
  return key !== '' && !hasLoneSurrogate(key);
}

function classDeclaration(cls: PlannedClass, plan: PythonModulePlan, shadowed: ReadonlySet<string>): { eager: string[]; late: string[] } {
  // Python's typing has no TypedDict key "" (type checkers refuse it), and pydantic cannot
  // build a validator with a key holding a lone surrogate: such keys are left out of the type,
  // and said so; `TOOLS` still lists them, so validation lets them through.
  const fields: Array<{ p: PlannedClass['properties'][number]; type: string }> = [];
  let untypable: string | undefined;
  for (const p of cls.properties) {
    if (typableKey(p.name)) fields.push({ p, type: fieldType(p, pythonType(p.type, plan), cls.total) });
    else untypable = 'Keys that are empty or hold a lone surrogate cannot be typed in Python: pass them with a cast.';
  }
  const doc = paragraphs(cls.doc, untypable);
  if (fields.every(({ p }) => isClassField(p.name, shadowed))) {
    // The lines are written into one list: head, docstring, fields (each with its docstring).
    const eager = [...(bracketed(`class ${cls.name}(`, cls.total ? ['TypedDict'] : ['TypedDict', 'total=False'], '):') ?? fitted([`class ${cls.name}(TypedDict${cls.total ? '' : ', total=False'}):`], 'header'))];
    for (const line of docstring(doc, INDENT)) eager.push(line);
    // ruff puts an empty line between a class docstring and the body.
    if (doc.length > 0 && fields.length > 0) eager.push('');
    for (const { p, type } of fields) {
      const line = `${INDENT}${p.name}: ${type}`;
      if (line.length <= LINE_LENGTH) eager.push(line);
      else for (const laid of fitted([line], 'body')) eager.push(laid);
      if (p.description !== undefined) for (const text of docstring(paragraphs(p.description), INDENT)) eager.push(text);
    }
    if (doc.length === 0 && fields.length === 0) eager.push(`${INDENT}pass`);
    return { eager, late: [] };
  }
  const entries = fields.map(({ p, type }) => `${INDENT}${pythonString(p.name)}: ${type},`);
  const functional = `_${cls.name}`;
  return {
    eager: [...fitted([`type ${cls.name} = ${functional}`], 'module'), ...docstring(doc, '')],
    late: [...fitted([`${functional} = TypedDict(`, `${INDENT}"${functional}",`, `${INDENT}{`, ...entries.map((e) => INDENT + e), `${INDENT}},`, ...(cls.total ? [] : [`${INDENT}total=False,`]), ')'], 'module')],
  };
}

function where(p: ParameterModel): string {
  switch (p.place) {
    case 'body':
      return `request body (${p.mediaType ?? ''})`;
    case 'other':
      return 'not sent by Dify as a path, query, header or cookie value';
    case 'path':
    case 'query':
    case 'header':
    case 'cookie':
      return `${p.place} parameter`;
    case 'form':
      return 'a setting the user configures in Dify (form: form); passing it overrides it';
    case 'start':
      return "the workflow's start variable";
    default:
      return `form: ${p.place}`;
  }
}

function parameterDoc(p: ParameterModel): string[] {
  const facts = [`Dify type: ${p.difyType}; ${where(p)}; ${p.optional ? 'optional' : 'required'}.`];
  // An integer beyond 2^53 is a bigint, which JSON.stringify refuses: its digits are its JSON.
  if (p.default !== null) facts.push(`Default: ${typeof p.default === 'bigint' ? p.default.toString() : JSON.stringify(p.default)}.`);
  if (p.llmDescription !== undefined) facts.push(`For the model: ${p.llmDescription}`);
  // What Dify sends instead of the meant value leads, as in the TypeScript JSDoc.
  const text = paragraphs(p.warning !== undefined ? `Warning: ${p.warning}` : undefined, p.description, facts.join(' '));
  const [first = '', ...rest] = docstringLines(`\`\`${p.name}\`\``);
  return [`${INDENT}${first}${rest.length ? '' : ':'}`, ...rest.map((l) => INDENT + l), ...text.map((l) => (l === '' ? '' : INDENT + INDENT + l))];
}

/** What each accessor of an API tool's call yields, and what Dify sends in each case (as the TypeScript JSDoc says it). */
function resultDoc(planned: PlannedTool): string[] {
  if (planned.bodyName === undefined) return [];
  const lines: string[] = [];
  if (planned.resultName) lines.push(`\`\`.json()\`\`: \`\`${planned.resultName}\`\` objects (Dify sends a JSON object body as a \`\`json\`\` message, then as a \`\`text\`\` message).`);
  lines.push(
    planned.bodyName === planned.resultName
      ? '``.body()``: the same body, parsed from the ``text`` message.'
      : `\`\`.body()\`\`: \`\`${planned.bodyName}\`\`, parsed from the \`\`text\`\` message (Dify sends a JSON array or other value only as text).`,
  );
  lines.push('A status >= 400 fails the call. Result types come from the spec; ``validate_results`` checks them.');
  return paragraphs(lines.join('\n'));
}

function wrapper(planned: PlannedTool, model: ProviderModel): string[] {
  const { tool, functionName, params } = planned;
  const allOptional = tool.parameters.every((p) => p.optional);
  const output = planned.resultName ?? planned.outputName ?? 'runtime.JsonObject';
  const variables = planned.variablesName ?? 'dict[str, Any]';
  const body = planned.bodyName ?? 'Any';
  const http = tool.http ? ` (\`\`${tool.http.method.toUpperCase()} ${tool.http.path}\`\`)` : '';
  const kind = model.kind === 'api' ? 'API tool' : model.kind === 'builtin' ? 'builtin tool' : 'workflow tool';
  const uninvocable = tool.http && !tool.http.invocable ? `Deprecated: Dify creates this tool but cannot invoke ${tool.http.method.toUpperCase()} ("Invalid http method").` : undefined;
  const results = resultDoc(planned);
  const doc = [
    ...paragraphs(...tool.summary, `Dify ${kind} \`\`${tool.difyName}\`\`${http}.`, uninvocable),
    ...(results.length > 0 ? ['', ...results] : []),
    ...(tool.parameters.length > 0 ? ['', `Parameters (keys of \`\`params\`\`, type \`\`${params.name}\`\`):`, ...tool.parameters.flatMap(parameterDoc)] : []),
  ];
  const parameters = [
    `def ${functionName}(`,
    `${INDENT}session: Session,`,
    `${INDENT}params: ${params.name}${allOptional ? ' | None = None' : ''},`,
    `${INDENT}*,`,
    `${INDENT}validate: bool | None = None,`,
    `${INDENT}validate_results: bool | None = None,`,
  ];
  const call = [
    `${INDENT}return runtime.call(`,
    ...exploded(['session', 'PROVIDER', `TOOLS[${pythonString(functionName)}]`, 'params', 'validate=validate', 'validate_results=validate_results'], INDENT.repeat(2)),
    `${INDENT})`,
  ];
  return [...signature(parameters, [output, variables, body]), ...docstring(doc, INDENT), ...fitted(call, 'body')];
}

/**
 * A wrapper's signature: its parameter lines (exploded, with a magic trailing comma), then
 * `) -> runtime.ToolCall[…]:` laid out as ruff lays it out (most long lines of a module are
 * these), or the whole signature through ruff when a parameter line is too long.
 */
function signature(parameters: readonly string[], returns: readonly string[]): readonly string[] {
  const annotation = bracketed(') -> runtime.ToolCall[', returns, ']:');
  if (annotation !== undefined && parameters.every((line) => line.length <= LINE_LENGTH)) return [...parameters, ...annotation];
  return fitted([...parameters, `) -> runtime.ToolCall[${returns.join(', ')}]:`], 'header');
}

/**
 * Items one per line with a trailing comma: ruff keeps such a "magic trailing comma" layout
 * as it is, so the printer and ruff agree without measuring lines.
 */
function exploded(items: readonly string[], indent: string): string[] {
  return items.map((item) => `${indent}${item},`);
}

/** A tuple of parameter names: `()`, `("a",)`, or exploded (ruff keeps a one-element tuple's comma inline). */
function tuple(items: readonly string[], indent: string): string[] {
  if (items.length < 2) return [`${indent}parameters=(${items.join('')}${items.length === 1 ? ',' : ''}),`];
  return [`${indent}parameters=(`, ...exploded(items, indent + INDENT), `${indent}),`];
}

/** `encodings={...}`: the rule of each parameter whose value the runtime encodes (none: nothing). */
function encodingsEntry(parameters: readonly ParameterModel[], indent: string): string[] {
  const encoded = parameters.filter((p) => p.encoding !== undefined);
  if (encoded.length === 0) return [];
  return [`${indent}encodings={`, ...exploded(encoded.map((p) => `${pythonString(p.name)}: ${pythonString(p.encoding!)}`), indent + INDENT), `${indent}},`];
}

function toolEntry(planned: PlannedTool): readonly string[] {
  const names = planned.tool.parameters.map((p) => pythonString(p.name));
  return fitted([
    `${INDENT}${pythonString(planned.functionName)}: runtime.Tool(`,
    `${INDENT}${INDENT}tool_name=${pythonString(planned.tool.difyName)},`,
    ...tuple(names, INDENT + INDENT),
    `${INDENT}${INDENT}params_type=${planned.params.name},`,
    ...encodingsEntry(planned.tool.parameters, INDENT + INDENT),
    // What `.json()` yields is checked with validate_results: the API result, or the declared output.
    ...(planned.resultName ?? planned.outputName ? [`${INDENT}${INDENT}json_type=${planned.resultName ?? planned.outputName},`] : []),
    ...(planned.bodyName ? [`${INDENT}${INDENT}body_type=${planned.bodyName},`] : []),
    `${INDENT}),`,
  ], 'entry');
}

/**
 * The source of one provider module, in ruff's form: its blocks (top-level statements with
 * their docstrings) as text, the names the imports need found block by block as each is
 * added, and the module joined once (no copy of its body is made to look for names).
 */
export function pythonProviderModule(plan: PythonModulePlan, header: string): string {
  const { model } = plan;
  const shadowed = new Set([...plan.classes.values()].map((c) => c.name).concat(plan.aliases.map((a) => a.name)));
  // Each block: a top-level statement with its docstring, as text; blocks are two blank lines apart.
  const blocks: string[] = [];
  const names = importedNames();
  const add = (block: string) => {
    blocks.push(narrowed(block));
    names.add(block);
  };
  const late: string[] = [];
  const addClass = (cls: PlannedClass) => {
    const { eager, late: rest } = classDeclaration(cls, plan, shadowed);
    add(eager.join('\n'));
    if (rest.length > 0) late.push(rest.join('\n'));
  };
  const toolClasses = new Set(plan.tools.map((t) => t.params));
  const kindName = model.kind === 'api' ? 'API' : model.kind;
  add(
    [
      // A declared type, not `Final`: pyright infers a Final's type by the module's code flow,
      // which it gives up on in very large modules (the wrappers then see `Unknown | Provider`).
      ...fitted(['PROVIDER: runtime.Provider = runtime.Provider(', ...exploded([`type=${pythonString(model.kind)}`, `id=${pythonString(model.id)}`], INDENT), ')'], 'module'),
      ...docstring(paragraphs(`The Dify ${kindName} provider these wrappers call (from ${model.sourceDisplay}).`), ''),
    ].join('\n'),
  );
  for (const alias of [...plan.aliases].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    add([...fitted([`type ${alias.name} = ${pythonType(alias.type, plan)}`], 'module'), ...docstring(paragraphs(alias.doc), '')].join('\n'));
  }
  for (const cls of [...plan.classes.values()].filter((c) => !toolClasses.has(c)).sort((a, b) => (a.name < b.name ? -1 : 1))) addClass(cls);
  for (const planned of plan.tools) {
    addClass(planned.params);
    add(wrapper(planned, model).join('\n'));
  }
  late.forEach(add);
  add(
    [
      ...(plan.tools.length > 0 ? ['TOOLS: Final[dict[str, runtime.Tool]] = {', ...plan.tools.flatMap(toolEntry), '}'] : ['TOOLS: Final[dict[str, runtime.Tool]] = {}']),
      ...docstring(paragraphs("Every wrapper of this module: its Dify tool name and Dify's parameter names."), ''),
    ].join('\n'),
  );
  const moduleDoc = docstring(paragraphs(`Typed wrappers of the Dify ${kindName} provider ${model.module} (from ${model.sourceDisplay}).`), '');
  // One blank line between the imports and `PROVIDER` (an assignment), as isort (ruff's I001) lays it out.
  const lines = [header, ...moduleDoc, '', ...imports(names.used), ''];
  blocks.forEach((block, i) => {
    if (i > 0) lines.push('', '');
    lines.push(block);
  });
  lines.push('');
  return lines.join('\n');
}

/** Code without its string literals and docstrings: where a name can be used. */
function codeOnly(source: string): string {
  return source.replace(/"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '');
}

/** The names an import may bring in: typing's (in the order they are imported), then the SDK's `Session` and pydantic's `Field`. */
const TYPING_NAMES = ['Annotated', 'Any', 'Final', 'Literal', 'Never', 'NotRequired', 'TypedDict'];
const IMPORTABLE_NAMES = [...TYPING_NAMES, 'Session', 'Field'];
const NAME_PATTERNS = new Map(IMPORTABLE_NAMES.map((name) => [name, new RegExp(`\\b${name}\\b`)]));

/** Any of the importable names not in `used`, as a word (global: every occurrence); undefined when all are used. */
function unusedNames(used: ReadonlySet<string>): RegExp | undefined {
  const names = IMPORTABLE_NAMES.filter((name) => !used.has(name));
  return names.length > 0 ? new RegExp(`\\b(?:${names.join('|')})\\b`, 'g') : undefined;
}

/**
 * The importable names a module's code uses (not in its strings or docstrings), found block
 * by block as `add` is given each; blocks are whole statements, so no string spans two of
 * them. Each block is scanned once, for every name not yet found at once.
 */
function importedNames(): { used: ReadonlySet<string>; add: (block: string) => void } {
  const used = new Set<string>();
  let unused = unusedNames(used);
  const add = (block: string) => {
    if (unused === undefined) return;
    // Most blocks name none of the names not yet used, even in their text: the strings are
    // stripped (one pass over the whole block) only when one is named somewhere.
    let named: Set<string> | undefined;
    unused.lastIndex = 0;
    for (let match = unused.exec(block); match !== null; match = unused.exec(block)) (named ??= new Set()).add(match[0]);
    if (named === undefined) return;
    const code = codeOnly(block);
    const found = used.size;
    for (const name of named) if (NAME_PATTERNS.get(name)!.test(code)) used.add(name);
    if (used.size > found) unused = unusedNames(used);
  };
  return { used, add };
}

/** The imports a module uses (`used`: from `namesUsed`): strict type checkers reject unused ones. */
function imports(used: ReadonlySet<string>): string[] {
  const typing = TYPING_NAMES.filter((name) => used.has(name));
  // isort's sections (future, standard library, third party, local), one blank line apart.
  const sections = [
    ['from __future__ import annotations'],
    typing.length > 0 ? [`from typing import ${typing.join(', ')}`] : [],
    [...(used.has('Session') ? ['from dify_plugin.core.runtime import Session'] : []), ...(used.has('Field') ? ['from pydantic import Field'] : [])],
    ['from . import runtime'],
  ].filter((section) => section.length > 0);
  return sections.flatMap((section, i) => (i === 0 ? section : ['', ...section]));
}
