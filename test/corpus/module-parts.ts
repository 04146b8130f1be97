/**
 * Cuts a large generated TypeScript module into parts that import each other's names, so
 * that tsc checks it in time linear in its size.
 *
 * Why: tsc resolves each reference to a top-level `const` of the same file by walking the
 * file's control flow back over every earlier top-level declaration
 * (`getTypeAtFlowNode` → `getTypeAtFlowAssignment` → `isMatchingReference`, 79% of the check
 * of a 3,000-tool slice of Microsoft Graph beta in tsgo's profile). Every use of a validator
 * const (or of the module's `$validators` registry) is such a reference, so one file's check grows with declarations ×
 * references: Graph beta's module (80 MB, 40k validator consts, 24k `v.lazy`) takes 478 s of
 * check in one file. In parts, a walk stops at the part's first statement, and a name from
 * another part is an import (an alias, which is not walked).
 *
 * The parts hold the module's statements unchanged and in order; only the imports are added.
 * What tsc no longer sees is a use before declaration across two parts; the modules under
 * the size limit (all but a few of the corpus) are checked whole, and they come from the
 * same emitter as the large ones.
 */

/** One file of a cut module: its name (`<module>.partN.ts`) and its text. */
export interface ModulePart {
  name: string;
  content: string;
}

/** A top-level statement of the generated module: its text (with its doc comment) and the name it declares. */
interface Statement {
  text: string;
  name: string | undefined;
}

/** Where a top-level statement starts: the blank line before its doc comment or `export` at column 0 (the printer's layout). */
const STATEMENT_START = /(?<=\n)\n(?=\/\*\*|export )/g;
const DECLARED_NAME = /^export (?:interface|type|const|function) ([A-Za-z_$][\w$]*)/m;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
const REGISTRY = /^\nconst \$validators: v\.Registry = v\.registry\(\);\n/;

/**
 * The parts of `content` (the module `<module>.ts`), each at most about `partBytes` long, or
 * undefined when the module is not larger than one part or does not have the printer's
 * layout (its header of imports, then `export` statements each declaring one name, the
 * declarations of one name adjacent).
 */
export function moduleParts(module: string, content: string, partBytes: number): ModulePart[] | undefined {
  if (content.length <= partBytes) return undefined;
  const lastImport = content.lastIndexOf('\nimport ');
  if (lastImport < 0) return undefined;
  let bodyStart = content.indexOf('\n', lastImport + 1) + 1;
  // The module's validator registry (`const $validators = v.registry();`, not exported) follows
  // the imports: every part declares its own, since parts are only type-checked.
  const registry = REGISTRY.exec(content.slice(bodyStart));
  if (registry) bodyStart += registry[0].length;
  const header = content.slice(0, bodyStart);
  const statements = splitStatements(content.slice(bodyStart));
  const groups = groupStatements(statements, partBytes);
  if (groups === undefined) return undefined;
  const partOf = new Map<string, number>();
  groups.forEach((group, index) => {
    for (const s of group) if (s.name !== undefined) partOf.set(s.name, index);
  });
  return groups.map((group, index) => {
    const body = group.map((s) => s.text).join('');
    const imports = importsOf(body, index, partOf, module);
    return { name: `${module}.part${index}.ts`, content: `${header}${imports}${body}` };
  });
}

function splitStatements(body: string): Statement[] {
  const starts = [...body.matchAll(STATEMENT_START)].map((m) => m.index);
  if (starts[0] !== 0) starts.unshift(0);
  return starts.map((start, i) => {
    const text = body.slice(start, starts[i + 1] ?? body.length);
    return { text, name: DECLARED_NAME.exec(text)?.[1] };
  });
}

/**
 * Consecutive statements grouped into parts of about `partBytes`, never separating the
 * declarations of one name (an interface and its validator const); undefined when a name is
 * declared in two places apart.
 */
function groupStatements(statements: Statement[], partBytes: number): Statement[][] | undefined {
  const groups: Statement[][] = [[]];
  const seen = new Set<string>();
  let bytes = 0;
  let previous: string | undefined;
  for (const s of statements) {
    const sameName = s.name !== undefined && s.name === previous;
    if (!sameName && s.name !== undefined && seen.has(s.name)) return undefined;
    if (bytes >= partBytes && !sameName && s.name !== undefined) {
      groups.push([]);
      bytes = 0;
    }
    groups[groups.length - 1]!.push(s);
    bytes += s.text.length;
    if (s.name !== undefined) {
      seen.add(s.name);
      previous = s.name;
    }
  }
  return groups;
}

/** `import { … } from "./<module>.partN.js";` lines for the names of other parts that `body` mentions. */
function importsOf(body: string, index: number, partOf: Map<string, number>, module: string): string {
  const wanted = new Map<number, Set<string>>();
  for (const [word] of body.matchAll(IDENTIFIER)) {
    const part = partOf.get(word);
    if (part === undefined || part === index) continue;
    let names = wanted.get(part);
    if (names === undefined) wanted.set(part, (names = new Set()));
    names.add(word);
  }
  return [...wanted]
    .sort(([a], [b]) => a - b)
    .map(([part, names]) => `import { ${[...names].join(', ')} } from "./${module}.part${part}.js";\n`)
    .join('');
}
