/**
 * Property-based check of `emit/typescript/print.ts`: generate random statements from a
 * seed, print them, and check that prettier leaves the text unchanged. Prints every failing
 * case's AST as JSON (ready to paste into `test/unit/print.test.ts`).
 *
 *   npx tsx scripts/print-fuzz.ts [cases=5000] [seed=1]
 *
 * The generator is exported for the unit test, which runs a few hundred cases.
 */
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { commentLines } from '../src/emit/escape.js';
import type {
  DocLines,
  Expression,
  ObjectProperty,
  Parameter,
  PropertySignature,
  Statement,
  TypeNode,
} from '../src/emit/typescript/ast.js';
import { printStatements } from '../src/emit/typescript/print.js';

/** A small seeded PRNG (mulberry32): the same seed gives the same cases on every machine. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await async of type as from declare ' +
    'any unknown never string number boolean symbol object undefined bigint keyof readonly infer is asserts satisfies ' +
    'require define it test describe beforeEach beforeAll afterEach afterAll fit xit skip inject fakeAsync waitForAsync'
  ).split(' '),
);


/** Callees that prettier treats specially; generated now and then on purpose. */
const SPECIAL_CALLEES = ['require', 'require.resolve', 'it', 'test.only', 'describe', 'beforeEach', 'async', 'inject'];

const STRING_PIECES = [
  'a', 'b', 'hello', 'world', ' ', '"', "'", '\\', '\\n', '`', '${x}', 'é', '中文', '😀', 'e\u0301', '\n', '\t',
  '\u0000', '\u2028', '\u200b', '/*', '*/', 'x'.repeat(30), '-', '.', '?', '\ud800',
];

/** The random choices of one generator run. */
export class CaseGenerator {
  constructor(private readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  identifier(): string {
    const length = this.chance(0.5) ? this.int(1, 8) : this.chance(0.7) ? this.int(9, 30) : this.int(31, 70);
    const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';
    const rest = `${first}0123456789`;
    let name = this.pick([...first]);
    while (name.length < length) name += this.pick([...rest]);
    return RESERVED.has(name) ? `${name}_` : name;
  }

  path(): string {
    const segments = this.chance(0.5) ? 1 : this.int(2, 4);
    return Array.from({ length: segments }, () => this.identifier()).join('.');
  }

  string(): string {
    const roll = this.random();
    if (roll < 0.1) return '';
    if (roll < 0.5) return this.identifier();
    const pieces = roll < 0.85 ? this.int(1, 6) : this.int(10, 40);
    return Array.from({ length: pieces }, () => this.pick(STRING_PIECES)).join('');
  }

  number(): number {
    return this.pick([
      () => this.int(0, 1000),
      () => -this.int(1, 1000),
      () => this.int(0, 1e9) / 1000,
      () => this.pick([1e21, 1.5e-7, -0, 0.1 + 0.2, 123456789012345680000, 5e-324, 2 ** 53, -1e100, 0.5]),
    ])();
  }

  key(): string {
    const roll = this.random();
    if (roll < 0.6) return this.identifier();
    if (roll < 0.7) return '__proto__';
    if (roll < 0.8) return String(this.int(0, 100));
    return this.string();
  }

  doc(): DocLines | undefined {
    if (!this.chance(0.2)) return undefined;
    const lines = commentLines(Array.from({ length: this.int(1, 3) }, () => this.string()).join(this.pick(['\n', '\n\n'])));
    return lines.length === 0 ? undefined : lines;
  }

  type(depth: number): TypeNode {
    const leaf = depth <= 0 || this.chance(0.3);
    const kinds = leaf ? ['keyword', 'literal', 'reference'] : ['reference', 'array', 'union', 'union', 'intersection', 'object'];
    switch (this.pick(kinds)) {
      case 'keyword':
        return {
          kind: 'keyword',
          name: this.pick(['string', 'number', 'boolean', 'unknown', 'never', 'null', 'undefined', 'object'] as const),
        };
      case 'literal':
        return { kind: 'literal', value: this.pick([() => this.string(), () => this.number(), () => this.chance(0.5)])() };
      case 'reference': {
        const name = this.path();
        if (leaf || this.chance(0.3)) return { kind: 'reference', name };
        return { kind: 'reference', name, args: this.list(1, 3, () => this.type(depth - 1)) };
      }
      case 'array':
        return { kind: 'array', element: this.type(depth - 1) };
      case 'union':
        return { kind: 'union', members: this.unionMembers(depth) };
      case 'intersection':
        return { kind: 'intersection', members: this.list(2, 4, () => this.type(depth - 1)) };
      default:
        return { kind: 'object', members: this.list(0, 4, () => this.propertySignature(depth - 1)) };
    }
  }

  unionMembers(depth: number): TypeNode[] {
    if (this.chance(0.25)) {
      // Shapes prettier "hugs": one object or reference type plus nulls.
      const main = this.chance(0.5) ? this.type(0) : this.type(depth - 1);
      return [main, { kind: 'keyword', name: 'null' }];
    }
    return this.list(2, this.chance(0.8) ? 5 : 12, () => this.type(depth - 1));
  }

  propertySignature(depth: number): PropertySignature {
    const signature: PropertySignature = { key: this.key(), optional: this.chance(0.5), type: this.type(depth) };
    if (this.chance(0.1)) signature.readonly = true;
    const doc = this.doc();
    if (doc) signature.doc = doc;
    return signature;
  }

  expression(depth: number): Expression {
    const leaf = depth <= 0 || this.chance(0.25);
    const kinds = leaf
      ? ['identifier', 'string', 'number', 'boolean', 'null']
      : ['call', 'call', 'call', 'object', 'object', 'array', 'arrow', 'asConst'];
    switch (this.pick(kinds)) {
      case 'identifier':
        return { kind: 'identifier', name: this.path() };
      case 'string':
        return { kind: 'string', value: this.string() };
      case 'number':
        return { kind: 'number', value: this.number() };
      case 'boolean':
        return { kind: 'boolean', value: this.chance(0.5) };
      case 'null':
        return { kind: 'null' };
      case 'call': {
        const callee = this.chance(0.05) ? this.pick(SPECIAL_CALLEES) : this.path();
        return { kind: 'call', callee, args: this.list(0, 4, () => this.expression(depth - 1)) };
      }
      case 'object':
        return { kind: 'object', properties: this.list(0, 4, () => this.property(depth - 1)) };
      case 'array':
        if (this.chance(0.2)) return { kind: 'array', elements: this.list(1, 30, () => ({ kind: 'number', value: this.number() })) };
        return { kind: 'array', elements: this.list(0, 5, () => this.expression(depth - 1)) };
      case 'arrow':
        return { kind: 'arrow', body: this.expression(depth - 1) };
      default:
        return { kind: 'asConst', expression: this.expression(depth - 1) };
    }
  }

  property(depth: number): ObjectProperty {
    const property: ObjectProperty = { key: this.key(), value: this.expression(depth) };
    const doc = this.doc();
    if (doc) property.doc = doc;
    return property;
  }

  parameter(): Parameter {
    return { name: this.identifier(), optional: this.chance(0.3), type: this.type(this.int(0, 3)) };
  }

  statement(): Statement {
    const depth = this.int(1, 5);
    const exported = this.chance(0.8);
    const withDoc = (s: Extract<Statement, { exported: boolean }>): Statement => {
      const doc = this.doc();
      if (doc) s.doc = doc;
      return s;
    };
    switch (this.pick(['import', 'importNamespace', 'exportAll', 'interface', 'typeAlias', 'const', 'const', 'function', 'lineComment', 'blank'])) {
      case 'import': {
        const names = this.list(1, 8, () => ({ name: this.identifier(), typeOnly: this.chance(0.2) }));
        return { kind: 'import', names, from: this.string(), typeOnly: this.chance(0.2) };
      }
      case 'importNamespace':
        return { kind: 'importNamespace', name: this.identifier(), from: this.string() };
      case 'exportAll':
        return this.chance(0.5)
          ? { kind: 'exportAll', from: this.string() }
          : { kind: 'exportAll', from: this.string(), as: this.identifier() };
      case 'interface':
        return withDoc({ kind: 'interface', name: this.identifier(), exported, members: this.list(0, 5, () => this.propertySignature(depth - 1)) });
      case 'typeAlias':
        return withDoc({ kind: 'typeAlias', name: this.identifier(), exported, type: this.type(depth) });
      case 'const': {
        const statement: Statement = { kind: 'const', name: this.identifier(), exported, init: this.expression(depth) };
        if (this.chance(0.5)) statement.type = this.type(this.int(0, 3));
        return withDoc(statement);
      }
      case 'function':
        return withDoc({
          kind: 'function',
          name: this.identifier(),
          exported,
          params: this.list(0, 4, () => this.parameter()),
          returnType: this.type(this.int(0, 3)),
          returns: this.expression(depth),
        });
      case 'lineComment':
        return { kind: 'lineComment', text: this.string().replace(/[\r\n\u2028\u2029]/g, ' ') };
      default:
        return { kind: 'blank' };
    }
  }

  statements(): Statement[] {
    return this.list(1, 4, () => (this.chance(0.5) ? this.statement() : this.generatedStatement()));
  }

  /** Shapes the emitters produce (zod schemas, wrappers, tool tables), with random name and text lengths. */
  generatedStatement(): Statement {
    const name = this.identifier();
    switch (this.pick(['schema', 'schema', 'wrapper', 'interface', 'alias', 'tools', 'import'])) {
      case 'schema': {
        const statement: Statement = { kind: 'const', name, exported: true, init: this.zod(this.int(1, 4)) };
        if (this.chance(0.5)) statement.type = this.pick([
          { kind: 'reference', name: 'z.ZodType', args: [{ kind: 'keyword', name: 'unknown' }] },
          { kind: 'reference', name: 'z.ZodType', args: [{ kind: 'reference', name: this.identifier() }] },
          { kind: 'reference', name: 'z.ZodType', args: [{ kind: 'reference', name: this.identifier() }, { kind: 'reference', name: 'z.ZodTypeDef', args: [{ kind: 'keyword', name: 'string' }] }] },
        ] as const satisfies TypeNode[]);
        return statement;
      }
      case 'wrapper': {
        const all: Parameter[] = [
          { name: 'session', optional: false, type: { kind: 'reference', name: 'runtime.DifySession' } },
          { name: 'params', optional: false, type: { kind: 'reference', name: this.identifier() } },
          { name: 'options', optional: true, type: { kind: 'reference', name: 'runtime.InvokeOptions' } },
        ];
        const params = all.slice(0, this.int(1, 3));
        const args: Expression[] = ['session', 'provider'].map((n) => ({ kind: 'identifier', name: n }));
        args.push({ kind: 'string', value: this.string() }, { kind: 'identifier', name: this.identifier() });
        args.push(...params.slice(1).map((p): Expression => ({ kind: 'identifier', name: p.name })));
        return {
          kind: 'function', name, exported: true, params, doc: this.doc(),
          returnType: { kind: 'reference', name: 'runtime.ToolCall', args: this.chance(0.3) ? [this.type(1)] : undefined },
          returns: { kind: 'call', callee: 'runtime.invokeTool', args },
        } as Statement;
      }
      case 'interface':
        return {
          kind: 'interface', name, exported: true, doc: this.doc(),
          members: this.list(0, 6, () => ({ key: this.key(), optional: this.chance(0.6), type: this.generatedType(2), doc: this.doc() })),
        };
      case 'alias':
        return { kind: 'typeAlias', name, exported: true, type: this.generatedType(2) };
      case 'tools': {
        const tool = (): ObjectProperty => ({
          key: this.identifier(),
          value: {
            kind: 'object',
            properties: [
              { key: 'toolName', value: { kind: 'string', value: this.string() } },
              { key: 'parameters', value: { kind: 'array', elements: this.list(0, 5, () => ({ kind: 'string', value: this.identifier() })) } },
            ],
          },
        });
        const table: Expression = { kind: 'object', properties: this.list(0, 4, tool) };
        return { kind: 'const', name, exported: true, init: { kind: 'asConst', expression: table } };
      }
      default:
        return {
          kind: 'import',
          names: this.list(1, 6, () => ({ name: this.identifier(), typeOnly: this.chance(0.3) })),
          from: this.pick(['zod', './runtime.js', `./${this.identifier()}.js`]),
        };
    }
  }

  /** A zod schema expression as the schema emitter writes it. */
  zod(depth: number): Expression {
    const call = (callee: string, ...args: Expression[]): Expression => ({ kind: 'call', callee: `z.${callee}`, args });
    const literal = (): Expression => this.pick<() => Expression>([
      () => ({ kind: 'string', value: this.string() }),
      () => ({ kind: 'number', value: this.number() }),
      () => ({ kind: 'boolean', value: this.chance(0.5) }),
    ])();
    if (depth <= 0 || this.chance(0.3)) {
      return this.pick<() => Expression>([
        () => call(this.pick(['string', 'number', 'boolean', 'unknown', 'null', 'int'])),
        () => call('literal', literal()),
        () => call('lazy', { kind: 'arrow', body: { kind: 'identifier', name: this.identifier() } }),
        () => ({ kind: 'identifier', name: this.identifier() }),
      ])();
    }
    return this.pick<() => Expression>([
      () => call('object', { kind: 'object', properties: this.list(0, 5, () => ({ key: this.key(), value: this.zod(depth - 1), doc: this.doc() })) }),
      () => call('optional', this.zod(depth - 1)),
      () => call('nullable', this.zod(depth - 1)),
      () => call('array', this.zod(depth - 1)),
      () => call('union', { kind: 'array', elements: this.list(2, 5, () => this.zod(depth - 1)) }),
      () => call('enum', { kind: 'array', elements: this.list(1, 6, () => ({ kind: 'string', value: this.string() })) }),
      () => call('record', call('string'), this.zod(depth - 1)),
      () => call('intersection', this.zod(depth - 1), this.zod(depth - 1)),
      () => call('literal', literal()),
    ])();
  }

  /** A TypeScript type as the type emitter writes it. */
  generatedType(depth: number): TypeNode {
    if (depth <= 0 || this.chance(0.3)) {
      return this.pick<() => TypeNode>([
        () => ({ kind: 'keyword', name: this.pick(['string', 'number', 'boolean', 'unknown', 'null'] as const) }),
        () => ({ kind: 'reference', name: this.identifier() }),
        () => ({ kind: 'reference', name: 'runtime.DifyFile' }),
        () => ({ kind: 'literal', value: this.string() }),
      ])();
    }
    return this.pick<() => TypeNode>([
      () => ({ kind: 'union', members: [this.generatedType(depth - 1), { kind: 'keyword', name: 'null' }] }),
      () => ({ kind: 'union', members: this.list(2, 8, () => ({ kind: 'literal', value: this.string() })) }),
      () => ({ kind: 'reference', name: 'Array', args: [this.generatedType(depth - 1)] }),
      () => ({ kind: 'reference', name: 'Record', args: [{ kind: 'keyword', name: 'string' }, this.generatedType(depth - 1)] }),
      () => ({ kind: 'array', element: this.generatedType(depth - 1) }),
      () => ({ kind: 'object', members: this.list(0, 4, () => ({ key: this.key(), optional: this.chance(0.5), type: this.generatedType(depth - 1) })) }),
      () => ({ kind: 'intersection', members: this.list(2, 3, () => this.generatedType(depth - 1)) }),
    ])();
  }

  list<T>(min: number, max: number, make: () => T): T[] {
    return Array.from({ length: this.int(min, max) }, make);
  }
}

/** The outcome of one case: the printed text and, when prettier disagrees, its text. */
export interface FuzzResult {
  statements: Statement[];
  printed: string;
  formatted: string;
}

/** Generates `count` cases from `seed` and returns those prettier would print differently. */
export async function runFuzz(count: number, seed: number): Promise<{ failures: FuzzResult[]; checked: number }> {
  const generator = new CaseGenerator(createRandom(seed));
  const failures: FuzzResult[] = [];
  for (let i = 0; i < count; i++) {
    const statements = generator.statements();
    const printed = printStatements(statements);
    let formatted: string;
    try {
      formatted = await prettier.format(printed, { parser: 'typescript' });
    } catch (error) {
      formatted = `prettier failed: ${(error as Error).message}`;
    }
    if (formatted !== printed) failures.push({ statements, printed, formatted });
  }
  return { failures, checked: count };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 5000);
  const seed = Number(process.argv[3] ?? 1);
  const { failures, checked } = await runFuzz(count, seed);
  for (const failure of failures) {
    process.stdout.write(`--- failing case (seed ${seed})\n${JSON.stringify(failure.statements)}\n`);
    process.stdout.write(`--- printed\n${failure.printed}--- prettier\n${failure.formatted}\n`);
  }
  process.stdout.write(`${checked - failures.length}/${checked} cases match prettier (seed ${seed})\n`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
