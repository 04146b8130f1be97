/**
 * `$ref`s to files. Off by default: typed unknown with a warning, and no file but the spec is
 * read. With the opt-in (`fileRefs: true`, `--allow-file-refs`): types come from files in
 * the spec's folder, and every way out of that folder is refused (one row per rule), with
 * no read outside it and no network connection.
 */
import dns from 'node:dns';
import fs, { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildOutput, type GeneratedOutput, type GenerateOptions } from '../../src/generate.js';
import { quoted } from '../../src/diagnostics/printable.js';
import { UserError, type Diagnostic, type Limits } from '../../src/index.js';
import { cli, REPO } from '../cli/run.js';
import { typeCheck } from '../generated/compile.js';
import { resolvePointer } from '../../src/load/external-refs.js';
import { readJson } from '../../src/load/json.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'external-refs');
const CANARY = 'CANARY-3e81d0-FILE-OUTSIDE-SPEC-FOLDER-WAS-READ';
const ID = '00000000-0000-4000-8000-000000000000';

// Under the repository's node_modules, so that the generated modules find zod when type-checked.
const cache = join(REPO, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, 'external-refs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh copy of the fixture project (specs/ and outside/), with a manifest for `spec`. */
function project(spec = 'main.yaml', providerExtra = ''): string {
  const dir = realpathSync(mkdtempSync(join(work, 'p-')));
  cpSync(FIXTURES, dir, { recursive: true });
  writeFileSync(join(dir, 'dify-tools.yaml'), `providers:\n  pets:\n    type: api\n    id: ${ID}\n    spec: specs/${spec}\n${providerExtra}`);
  return dir;
}

interface Watched {
  output?: GeneratedOutput;
  error?: UserError;
  /** Every path opened or read (readFileSync opens through openSync: both are recorded). */
  reads: string[];
  /** The paths given to readFileSync, once per read. */
  fileReads: string[];
  /** Every attempt at a network connection. */
  connections: string[];
}

/** Runs buildOutput with every file read recorded and every network connection refused. */
function generateIn(dir: string, options: Partial<GenerateOptions> = {}): Watched {
  const connections: string[] = [];
  const refuse = (what: string) => () => {
    connections.push(what);
    throw new Error(`network access in a test: ${what}`);
  };
  const readFileSync = vi.spyOn(fs, 'readFileSync');
  const readSpies = [readFileSync, vi.spyOn(fs, 'openSync'), vi.spyOn(fs, 'readFile'), vi.spyOn(fs, 'open'), vi.spyOn(fs, 'createReadStream')];
  vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(refuse('socket'));
  vi.spyOn(net, 'connect').mockImplementation(refuse('net.connect'));
  vi.spyOn(dns, 'lookup').mockImplementation(refuse('dns'));
  vi.spyOn(globalThis, 'fetch').mockImplementation(refuse('fetch'));
  syncBuiltinESMExports();
  try {
    const output = buildOutput({ cwd: dir, ...options });
    return { output, reads: pathsOf(readSpies), fileReads: pathsOf([readFileSync]), connections };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { error: e, reads: pathsOf(readSpies), fileReads: pathsOf([readFileSync]), connections };
  } finally {
    vi.restoreAllMocks();
    syncBuiltinESMExports();
  }
}

function pathsOf(spies: ReadonlyArray<{ mock: { calls: unknown[][] } }>): string[] {
  return spies.flatMap((s) => s.mock.calls.map((args) => String(args[0])));
}

afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

function moduleOf(w: Watched): string {
  expect(w.error?.diagnostics, 'buildOutput failed').toBeUndefined();
  return w.output!.files.find((f) => f.name === 'pets.ts')!.content;
}

function warningsOf(w: Watched, code?: string): Diagnostic[] {
  return (w.output?.diagnostics ?? w.error!.diagnostics).filter((d) => code === undefined || d.code === code);
}

/** Nothing of the canary reached the output or the messages, and no file outside the spec's folder was read. */
function expectConfined(dir: string, w: Watched): void {
  const everything = JSON.stringify([w.output?.files, w.output?.diagnostics, w.error?.diagnostics]);
  expect(everything).not.toContain(CANARY);
  const specs = join(dir, 'specs');
  const outside = w.reads.map((p) => resolve(dir, p)).filter((p) => p.startsWith(dir + '/') && !p.startsWith(specs + '/') && p !== join(dir, 'dify-tools.yaml'));
  expect(outside).toEqual([]);
  expect(w.connections).toEqual([]);
}

/** A one-operation JSON spec whose only parameter's schema is `{...extra, $ref: ref}`. */
function caseSpec(ref: string, extra: Record<string, unknown> = {}): string {
  const parameters = [{ name: 'value', in: 'query', schema: { ...extra, $ref: ref } }];
  return JSON.stringify(
    { openapi: '3.0.3', info: { title: 't', version: '1' }, servers: [{ url: 'https://api.example.com' }], paths: { '/c': { get: { operationId: 'getCase', parameters } } } },
    null,
    2,
  );
}

describe('file refs are off by default', () => {
  it('types them unknown, warns with the opt-in in the hint, and reads no file but the spec', () => {
    const dir = project();
    const w = generateIn(dir);
    const code = moduleOf(w);
    expect(code).not.toContain('interface Pet');
    expect(code).toContain('pet: unknown;');
    const warnings = warningsOf(w, 'external-ref');
    expect(warnings.map((d) => d.message).sort()).toEqual([
      'the $ref "./defs/pet.yaml#/Pet" points outside this document; it is typed as unknown',
      'the $ref "./defs/common.json#/Tag" points outside this document; it is typed as unknown',
      'the $ref "./cycle/a.yaml#/Chain" points outside this document; it is typed as unknown',
      'the $ref "./cycle/a.yaml#/A" points outside this document; it is typed as unknown',
      'the $ref "../outside/canary.yaml#/Secret" points outside this document; it is typed as unknown',
      'the $ref "./defs/pet.yaml#/Pet" points outside this document; it is typed as unknown',
    ].sort());
    for (const d of warnings) {
      expect(d.hint).toContain('`fileRefs: true`');
      expect(d.hint).toContain('--allow-file-refs');
      expect(d.location).toMatchObject({ file: 'specs/main.yaml', line: expect.any(Number), column: expect.any(Number) });
    }
    // The spy sees reads: the spec was read through it, and nothing else of the project.
    expect(w.reads.map((p) => resolve(dir, p))).toContain(join(dir, 'specs', 'main.yaml'));
    expect(w.reads.filter((p) => p.includes('/defs/') || p.includes('/cycle/') || p.includes('/outside/'))).toEqual([]);
    expectConfined(dir, w);
  });

  it('hints the opt-in only for relative file paths', () => {
    const dir = project('case.json');
    for (const [ref, mentionsOptIn] of [
      ['./defs/pet.yaml#/Pet', true],
      ['http://127.0.0.1/pet.yaml#/Pet', false],
      ['/etc/passwd', false],
    ] as const) {
      writeFileSync(join(dir, 'specs', 'case.json'), caseSpec(ref));
      const [d] = warningsOf(generateIn(dir), 'external-ref');
      expect(d?.hint?.includes('fileRefs'), ref).toBe(mentionsOptIn);
    }
  });
});

describe('with fileRefs: true', () => {
  it('types schemas from files in the spec folder, refs resolving from the file that holds them', () => {
    const dir = project('main.yaml', '    fileRefs: true\n');
    const w = generateIn(dir);
    const code = moduleOf(w);
    const want: Array<[string, string]> = [
      ['Pet from defs/pet.yaml, with its description', '/** A pet, defined beside the spec. */\nexport interface Pet {'],
      ['pet.yaml refers to ./common.json (in defs/)', '  tag?: Tag2;'],
      ['pet.yaml refers back to the spec: the same named type', '  owner?: Owner;'],
      ['the spec keeps Tag (its key sorts first), the file gets Tag2', 'export type Tag = "red" | "green";'],
      ['Tag from defs/common.json', 'export interface Tag2 {\n  id: number;\n  label?: string;\n}'],
      ['Owner (in the spec) refers to a file', '  pets?: Pet[];'],
      ['recursion across two files through properties', 'export interface Chain {\n  next?: Link;\n}'],
      ['… and back', 'export interface Link {\n  chain?: Chain;\n}'],
      ['a pure alias cycle across files is unknown', 'export type A = unknown;'],
      ['a body parameter typed from a file', '  pet: Pet;'],
      ['a refused ref stays unknown', '  secret?: unknown;'],
    ];
    for (const [what, text] of want) expect(code, what).toContain(text);
    // The two $ref body properties (pet, secret) are also sent by Dify without conversion.
    expect(warningsOf(w).map((d) => d.code).sort()).toEqual(['external-ref-refused', 'ref-cycle', 'ref-property-as-text', 'ref-property-as-text']);
    expectConfined(dir, w);
  });

  it('names a cross-file alias cycle in one warning, at the first schema of the cycle', () => {
    const w = generateIn(project('main.yaml', '    fileRefs: true\n'));
    expect(warningsOf(w, 'ref-cycle')).toEqual([
      expect.objectContaining({
        message: 'the $ref cycle "cycle/a.yaml#/A → cycle/b.yaml#/B → cycle/a.yaml#/A" never reaches a schema; it is typed as unknown',
        location: { file: 'specs/cycle/a.yaml', line: 2, column: 4, pointer: '#/A' },
      }),
    ]);
  });

  it('ends a long alias cycle across files without recursion', () => {
    const dir = project('case.json', '    fileRefs: true\n');
    const steps = 500;
    const a = Array.from({ length: steps }, (_, i) => `A${i}: {$ref: "./b.yaml#/B${i}"}`).join('\n');
    const b = Array.from({ length: steps }, (_, i) => `B${i}: {$ref: "./a.yaml#/A${(i + 1) % steps}"}`).join('\n');
    writeFileSync(join(dir, 'specs', 'a.yaml'), a);
    writeFileSync(join(dir, 'specs', 'b.yaml'), b);
    writeFileSync(join(dir, 'specs', 'case.json'), caseSpec('./a.yaml#/A0'));
    const w = generateIn(dir);
    expect(moduleOf(w)).toContain('export type A0 = unknown;');
    expect(moduleOf(w)).toContain('value?: unknown;');
    const [cycle, ...more] = warningsOf(w, 'ref-cycle');
    expect(more).toEqual([]);
    expect(cycle?.message).toMatch(/^the \$ref cycle "a\.yaml#\/A0 → b\.yaml#\/B0 → a\.yaml#\/A1 → .*"/);
  });

  it('gives the same output in any folder, and the same Dify tools as without it', () => {
    const on = [generateIn(project('main.yaml', '    fileRefs: true\n')), generateIn(project('main.yaml', '    fileRefs: true\n'))];
    expect(moduleOf(on[0]!)).toBe(moduleOf(on[1]!));
    const off = generateIn(project());
    const difyTools = (w: Watched) => w.output!.plans.map((p) => (p.kind !== 'api' ? [] : p.provider.tools.map((t) => [t.name, t.parameters.map((x) => [x.name, x.type, x.required, x.default])])));
    expect(difyTools(on[0]!)).toEqual(difyTools(off));
    const metadata = (code: string) => code.slice(code.indexOf('export const tools'));
    expect(metadata(moduleOf(on[0]!))).toBe(metadata(moduleOf(off)));
  });

  it('generates modules that type-check', () => {
    const dir = project('main.yaml', '    fileRefs: true\n');
    const w = generateIn(dir);
    mkdirSync(join(dir, 'generated'));
    for (const f of w.output!.files) writeFileSync(join(dir, 'generated', f.name), f.content);
    expect(typeCheck(w.output!.files.map((f) => join(dir, 'generated', f.name)))).toEqual([]);
  });

  it('is turned on for every api provider by --allow-file-refs, for generate and check', async () => {
    const dir = project();
    expect((await cli(dir, 'generate', '--allow-file-refs')).code).toBe(0);
    expect(readFileSync(join(dir, 'generated', 'pets.ts'), 'utf8')).toContain('export interface Pet {');
    expect((await cli(dir, 'check', '--allow-file-refs')).code).toBe(0);
    const without = await cli(dir, 'check');
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('[external-ref]');
  });

  it('confines refs inside another file too, and warns at their place in that file', () => {
    const dir = project('case.json', '    fileRefs: true\n');
    writeFileSync(join(dir, 'specs', 'defs', 'evil.yaml'), 'Evil:\n  type: object\n  properties:\n    secret: {$ref: "../../outside/canary.yaml#/Secret"}\n');
    writeFileSync(join(dir, 'specs', 'case.json'), caseSpec('./defs/evil.yaml#/Evil'));
    const w = generateIn(dir);
    expect(moduleOf(w)).toContain('export interface Evil {\n  secret?: unknown;\n}');
    expect(warningsOf(w)).toEqual([
      expect.objectContaining({
        code: 'external-ref-refused',
        message: `the $ref "../../outside/canary.yaml#/Secret" is not followed: it leaves the spec's folder; it is typed as unknown`,
        location: { file: 'specs/defs/evil.yaml', line: 4, column: 20, pointer: '#/Evil/properties/secret/$ref' },
      }),
    ]);
    expectConfined(dir, w);
  });

  it('reads each file once, and all of them together within limits.maxBytes', () => {
    const dir = project('case.json', '    fileRefs: true\n');
    writeFileSync(join(dir, 'specs', 'one.yaml'), `One: {type: string}\n#${'x'.repeat(3000)}\n`);
    writeFileSync(join(dir, 'specs', 'two.yaml'), `Two: {type: string}\n#${'x'.repeat(3000)}\n`);
    const spec = JSON.parse(caseSpec('./one.yaml#/One')) as { paths: Record<string, { get: { parameters: unknown[] } }> };
    spec.paths['/c']!.get.parameters.push({ name: 'again', in: 'query', schema: { $ref: 'one.yaml#/One' } }, { name: 'other', in: 'query', schema: { $ref: './two.yaml#/Two' } });
    writeFileSync(join(dir, 'specs', 'case.json'), JSON.stringify(spec, null, 2));
    const w = generateIn(dir, { limits: { maxBytes: 5000 } });
    expect(moduleOf(w)).toContain('again?: One;');
    expect(w.fileReads.filter((p) => p.endsWith('one.yaml'))).toHaveLength(1);
    expect(w.reads.filter((p) => p.endsWith('two.yaml'))).toEqual([]);
    expect(warningsOf(w, 'external-ref-refused').map((d) => d.message)).toEqual([
      'the $ref "./two.yaml#/Two" is not followed: the files referenced by this spec would be more than 5000 bytes together (limits.maxBytes); it is typed as unknown',
    ]);
  });
});

interface RefCase {
  /** The `$ref` (given the project folder, for absolute paths). */
  ref: string | ((dir: string) => string);
  /** Other keys of the schema holding the ref. */
  extra?: Record<string, unknown>;
  setup?: (dir: string) => void;
  limits?: Partial<Limits>;
  want: { type: string } | { code: string; reason: string | RegExp };
}

const canaryPath = (dir: string) => join(dir, 'outside', 'canary.yaml');

const CASES: Array<[string, RefCase]> = [
  ['a relative path', { ref: './defs/pet.yaml#/Pet', want: { type: 'Pet' } }],
  ['a path without ./', { ref: 'defs/pet.yaml#/Pet', want: { type: 'Pet' } }],
  ['.. that stays inside the folder', { ref: './cycle/../defs/pet.yaml#/Pet', want: { type: 'Pet' } }],
  ['percent-encoding', { ref: './defs/p%65t.yaml#/Pet', want: { type: 'Pet' } }],
  ['a whole file: named after it', { ref: './defs/common.json', want: { type: 'Common' } }],
  ['$id never rebases a ref', { ref: './defs/pet.yaml#/Pet', extra: { $id: 'https://127.0.0.1/elsewhere/' }, want: { type: 'Pet' } }],
  ['$id cannot move a ref out of the folder', { ref: 'passwd', extra: { $id: 'file:///etc/' }, want: { code: 'external-ref-unreadable', reason: 'the file does not exist' } }],
  ['../ traversal', { ref: '../outside/canary.yaml#/Secret', want: { code: 'external-ref-refused', reason: "it leaves the spec's folder" } }],
  ['traversal through a subfolder', { ref: './defs/../../outside/canary.yaml#/Secret', want: { code: 'external-ref-refused', reason: "it leaves the spec's folder" } }],
  ['percent-encoded traversal', { ref: '%2e%2e/outside/canary.yaml#/Secret', want: { code: 'external-ref-refused', reason: "it leaves the spec's folder" } }],
  ['an absolute path to the canary', { ref: (dir) => `${canaryPath(dir)}#/Secret`, want: { code: 'external-ref-refused', reason: 'it is an absolute path; only paths relative to the spec are read' } }],
  ['/etc/passwd', { ref: '/etc/passwd', want: { code: 'external-ref-refused', reason: 'it is an absolute path; only paths relative to the spec are read' } }],
  ['an encoded absolute path', { ref: '%2Fetc%2Fpasswd', want: { code: 'external-ref-refused', reason: 'once percent-decoded, it is an absolute path; only paths relative to the spec are read' } }],
  ['a file: URL', { ref: (dir) => `file://${canaryPath(dir)}#/Secret`, want: { code: 'external-ref-refused', reason: 'it is a file: URL; only paths relative to the spec are read' } }],
  ['http to loopback', { ref: 'http://127.0.0.1/pet.yaml#/Pet', want: { code: 'external-ref-refused', reason: 'it is a URL; dify-toolgen never reads from the network' } }],
  ['an upper-case scheme', { ref: 'HTTP://127.0.0.1:18080/pet.yaml', want: { code: 'external-ref-refused', reason: 'it is a URL; dify-toolgen never reads from the network' } }],
  ['a file: URL with a host', { ref: 'file://127.0.0.1/c$/share.yaml', want: { code: 'external-ref-refused', reason: 'it is a file: URL; only paths relative to the spec are read' } }],
  ['https', { ref: 'https://example.com/pet.yaml#/Pet', want: { code: 'external-ref-refused', reason: 'it is a URL; dify-toolgen never reads from the network' } }],
  ['ftp', { ref: 'ftp://127.0.0.1/pet.yaml', want: { code: 'external-ref-refused', reason: 'it is a URL; dify-toolgen never reads from the network' } }],
  ['data', { ref: 'data:application/json,{"type":"string"}', want: { code: 'external-ref-refused', reason: 'it is a URL; dify-toolgen never reads from the network' } }],
  ['a scheme-relative URL', { ref: '//127.0.0.1/pet.yaml', want: { code: 'external-ref-refused', reason: 'it is a network (UNC) path; dify-toolgen never reads from the network' } }],
  ['a UNC path', { ref: '\\\\server\\share\\pet.yaml', want: { code: 'external-ref-refused', reason: 'it is a network (UNC) path; dify-toolgen never reads from the network' } }],
  ['a drive path', { ref: 'C:/specs/pet.yaml', want: { code: 'external-ref-refused', reason: 'it is a Windows drive path; only paths relative to the spec are read' } }],
  ['a backslash', { ref: 'defs\\pet.yaml#/Pet', want: { code: 'external-ref-refused', reason: 'it contains a backslash; separate folders with /' } }],
  ['a NUL byte', { ref: 'defs/pet.yaml\u0000.txt#/Pet', want: { code: 'external-ref-refused', reason: 'it contains a NUL byte' } }],
  ['an encoded NUL byte', { ref: 'defs/pet.yaml%00#/Pet', want: { code: 'external-ref-refused', reason: 'once percent-decoded, it contains a NUL byte' } }],
  ['a query', { ref: 'defs/pet.yaml?raw=1#/Pet', want: { code: 'external-ref-refused', reason: 'it has a query (?…), which a file has not' } }],
  ['malformed percent-encoding', { ref: 'defs/%E0%A4%A.yaml#/Pet', want: { code: 'external-ref-refused', reason: 'its percent-encoding is malformed' } }],
  [
    'a symlink to a file outside',
    { ref: './link.yaml#/Secret', setup: (dir) => symlinkSync('../outside/canary.yaml', join(dir, 'specs', 'link.yaml')), want: { code: 'external-ref-refused', reason: "it is a symbolic link to a place outside the spec's folder" } },
  ],
  [
    'a symlinked folder leading outside',
    { ref: './out/canary.yaml#/Secret', setup: (dir) => symlinkSync('../outside', join(dir, 'specs', 'out')), want: { code: 'external-ref-refused', reason: "it is a symbolic link to a place outside the spec's folder" } },
  ],
  ['a symlink inside the folder', { ref: './alias.yaml#/Pet', setup: (dir) => symlinkSync('defs/pet.yaml', join(dir, 'specs', 'alias.yaml')), want: { type: 'Pet' } }],
  ['a folder', { ref: './defs#/Pet', want: { code: 'external-ref-refused', reason: 'it is not a regular file' } }],
  [
    'a FIFO (never opened: it would block)',
    { ref: './pipe.yaml#/Pet', setup: (dir) => execFileSync('mkfifo', [join(dir, 'specs', 'pipe.yaml')]), want: { code: 'external-ref-refused', reason: 'it is not a regular file' } },
  ],
  [
    'a file over 8 MiB',
    {
      ref: './big.yaml#/Big',
      setup: (dir) => writeFileSync(join(dir, 'specs', 'big.yaml'), `Big: {type: string}\n#${'x'.repeat(8 * 1024 * 1024)}\n`),
      want: { code: 'external-ref-refused', reason: `the file is ${8 * 1024 * 1024 + 22} bytes, more than the 8388608 bytes a referenced file may have` },
    },
  ],
  [
    'a file over a lower limits.maxBytes',
    {
      ref: './medium.yaml#/Medium',
      limits: { maxBytes: 4096 },
      setup: (dir) => writeFileSync(join(dir, 'specs', 'medium.yaml'), `Medium: {type: string}\n#${'x'.repeat(5000)}\n`),
      want: { code: 'external-ref-refused', reason: 'the file is 5025 bytes, more than the 4096 bytes a referenced file may have' },
    },
  ],
  ['a missing file', { ref: './nope.yaml#/Pet', want: { code: 'external-ref-unreadable', reason: 'the file does not exist' } }],
  [
    'a file that is not JSON or YAML',
    {
      ref: './broken.yaml#/Pet',
      setup: (dir) => writeFileSync(join(dir, 'specs', 'broken.yaml'), 'Pet:\n  type: [string\n'),
      want: { code: 'external-ref-unreadable', reason: /^the spec cannot be read: invalid YAML: .* \(specs\/broken\.yaml:\d+:\d+\)$/ },
    },
  ],
];

describe.each(CASES)('a $ref: %s', (_name, c) => {
  it(`${'type' in c.want ? `is typed ${c.want.type}` : `is ${c.want.code}`}, reading nothing outside the spec folder`, () => {
    const dir = project('case.json', '    fileRefs: true\n');
    c.setup?.(dir);
    const ref = typeof c.ref === 'function' ? c.ref(dir) : c.ref;
    writeFileSync(join(dir, 'specs', 'case.json'), caseSpec(ref, c.extra));
    const w = generateIn(dir, c.limits ? { limits: c.limits } : {});
    const code = moduleOf(w);
    if ('type' in c.want) {
      expect(code).toContain(`value?: ${c.want.type};`);
      expect(warningsOf(w)).toEqual([]);
    } else {
      expect(code).toContain('value?: unknown;');
      const warnings = warningsOf(w);
      expect(warnings.map((d) => d.code)).toEqual([c.want.code]);
      const [d] = warnings;
      const lead = c.want.code === 'external-ref-refused' ? `the $ref ${quoted(ref)} is not followed: ` : `cannot read the file of the $ref ${quoted(ref)}: `;
      expect(d!.message.startsWith(lead), d!.message).toBe(true);
      expect(d!.message.endsWith('; it is typed as unknown')).toBe(true);
      const reason = d!.message.slice(lead.length, -'; it is typed as unknown'.length);
      if (typeof c.want.reason === 'string') expect(reason).toBe(c.want.reason);
      else expect(reason).toMatch(c.want.reason);
      expect(d!.hint).toBeTruthy();
      // At the $ref inside the parameter's schema (after `$id` when the case has one).
      const line = caseSpec(ref, c.extra).split('\n').findIndex((l) => l.includes('"$ref"')) + 1;
      expect(d!.location).toEqual({ file: 'specs/case.json', line, column: 23, pointer: '#/paths/~1c/get/parameters/0/schema/$ref' });
    }
    expectConfined(dir, w);
    expect(w.reads.map((p) => resolve(dir, p))).not.toContain(canaryPath(dir));
  });
});

it('the fixture canary exists, so the cases above would see it if it were read', () => {
  expect(existsSync(join(FIXTURES, 'outside', 'canary.yaml'))).toBe(true);
  expect(readFileSync(join(FIXTURES, 'outside', 'canary.yaml'), 'utf8')).toContain(CANARY);
});

describe('resolvePointer (RFC 6901 in a URI fragment)', () => {
  const root = readJson('{"a/b": {"m~n": 1}, "c%d": 2, "list": [10, 20], "7": 3, "ü": 4, "": {"": 5}}', { maxDepth: 10 }).value;
  it.each([
    ['the whole document', { pointer: '', want: root }],
    ['a plain key', { pointer: '/list/1', want: 20 }],
    ['~1 is a slash, ~0 a tilde', { pointer: '/a~1b/m~0n', want: 1 }],
    ['percent-decoding first', { pointer: '/c%25d', want: 2 }],
    ['a percent-encoded slash is a slash, not a separator', { pointer: '/a%2Fb/m~0n', want: 1 }],
    ['a percent-encoded non-ASCII key', { pointer: '/%C3%BC', want: 4 }],
    ['a numeric key of a mapping', { pointer: '/7', want: 3 }],
    ['empty keys', { pointer: '//', want: 5 }],
    ['a malformed escape resolves nothing', { pointer: '/c%d', want: undefined }],
    ['a missing key', { pointer: '/nope', want: undefined }],
    ['an index past the end', { pointer: '/list/2', want: undefined }],
    ['a pointer without a leading slash', { pointer: 'list', want: undefined }],
  ])('%s', (_name, { pointer, want }) => {
    expect(resolvePointer(root, pointer)).toEqual(want);
  });
});
