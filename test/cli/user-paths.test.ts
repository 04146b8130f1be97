/**
 * What a helper met using the packed tool with the defaults, as a first-time user would:
 * each finding, as the exact message and location the user now gets.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/diagnostics/diagnostic.js';
import { MAX_ALIAS_USES } from '../../src/manifest/aliases.js';
import { loadManifest } from '../../src/manifest/load-manifest.js';
import { unreadable } from '../../src/sources/plugin-files.js';
import { writing } from '../../src/write/write-output.js';
import { cli, project } from './run.js';

const PETSTORE = 'providers:\n  petstore:\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: specs/petstore.yaml\n';

/** The error lines (head and fix) `generate` prints for a manifest, without the quoted source lines. */
async function manifestErrors(manifest: string): Promise<{ code: number; lines: string[] }> {
  const run = await cli(project(manifest), 'generate');
  return { code: run.code, lines: run.stderr.split('\n').filter((line) => line !== '' && !/^ +\d+ \| /.test(line)) };
}

describe('a manifest value of the wrong type is reported as such, at the value (zod 4 leaves the value out of its issues)', () => {
  it.each([
    ['tools as a text', PETSTORE + '    tools: listPets\n', 'dify-tools.yaml:6:12: error [manifest-invalid] `tools` is a text, but must be a list at providers.petstore.tools'],
    ['output as a number', 'output: 5\n' + PETSTORE, 'dify-tools.yaml:1:9: error [manifest-invalid] `output` is a number, but must be a text at output'],
    ['spec left empty', PETSTORE.replace('spec: specs/petstore.yaml', 'spec:'), 'dify-tools.yaml:5:10: error [manifest-invalid] `spec` is empty (null), but must be a text at providers.petstore.spec'],
    ['fileRefs as a text', PETSTORE + '    fileRefs: please\n', 'dify-tools.yaml:6:15: error [manifest-invalid] `fileRefs` is a text, but must be `true` or `false` at providers.petstore.fileRefs'],
    ['a provider that is a number', PETSTORE + '  weather: 1\n', 'dify-tools.yaml:6:12: error [manifest-invalid] `weather` is a number, but must be a mapping (key: value) at providers.weather'],
    ['a tool name that is a number', PETSTORE + '    tools: [listPets, 1]\n', 'dify-tools.yaml:6:23: error [manifest-invalid] item 2 of `tools` is a number, but must be a text at providers.petstore.tools.1'],
    ['python as a text', 'python: tools_generated\n' + PETSTORE, 'dify-tools.yaml:1:9: error [manifest-invalid] `python` is a text, but must be a mapping (key: value) at python'],
  ])('%s', async (_name, manifest, want) => {
    const run = await manifestErrors(manifest);
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([want, '  fix:  see the manifest reference in the README']);
  });

  it('a key left out is still reported as missing, at its object', async () => {
    const run = await manifestErrors(PETSTORE.replace('    spec: specs/petstore.yaml\n', ''));
    expect(run.lines).toEqual(['dify-tools.yaml:3:5: error [manifest-missing-key] missing "spec" at providers.petstore.spec', '  fix:  add "spec"']);
  });
});

describe('an input path that names nothing says what to write', () => {
  it.each([
    ["a Windows path (a '\\' is part of the name on Linux and macOS)", 'specs\\petstore.yaml', '  fix:  write it with "/": "specs/petstore.yaml" (paths in the manifest use "/" on every system)'],
    ['a path from elsewhere', 'petstore.yaml', '  fix:  the path is relative to the manifest folder'],
  ])('%s', async (_name, spec, hint) => {
    const run = await manifestErrors(PETSTORE.replace('specs/petstore.yaml', spec));
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([`dify-tools.yaml:5:11: error [manifest-missing-file] the spec "${spec}" does not exist`, hint]);
  });
});

describe("YAML's merge key shares settings between providers", () => {
  it('each provider gets the merged keys, its own keys win, and a merged key the schema does not know is reported at the merge', async () => {
    const shared = 'providers:\n  petstore: &api\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: specs/petstore.yaml\n';
    const dir = project(shared + '  petstore_again:\n    <<: *api\n    id: 0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f\n');
    expect(await cli(dir, 'generate')).toMatchObject({ code: 0 });
    expect(readFileSync(join(dir, 'generated', 'petstore_again.ts'), 'utf8')).toContain('id: "0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f"');
    expect(readFileSync(join(dir, 'generated', 'petstore.ts'), 'utf8')).toContain('id: "6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10"');
    const run = await manifestErrors('defaults: &api\n  type: api\n  colour: blue\n' + shared.replace('petstore: &api', 'petstore:\n    <<: *api').replace('    type: api\n', ''));
    // A merged key is located at the merge (`<<: *api`, line 6); an anchor needs a place the
    // schema knows (a provider), as a top-level key of its own is unknown.
    expect(run.lines).toEqual([
      'dify-tools.yaml:6:5: error [manifest-unknown-key] unknown key "colour" at providers.petstore',
      '  fix:  valid keys: type, id, spec, tools, toolNames, functionNames, part, partBy, fileRefs, formats',
      'dify-tools.yaml:1:1: error [manifest-unknown-key] unknown key "defaults"',
      '  fix:  valid keys: $schema, output, providers, typescript, python, limits, templates',
    ]);
  });
});

describe('a merge or alias the `yaml` package throws on is a located error, not an internal error (exit 2)', () => {
  const SHARED = 'providers:\n  petstore: &api\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: specs/petstore.yaml\n';
  const mergeHint = '  fix:  merge the anchor of a provider (`petstore: &api`), whose keys are copied into this one';
  const mergeError = (at: string) => `dify-tools.yaml:${at}: error [manifest-syntax] the merge key \`<<\` takes a mapping (\`<<: *api\`) or a list of mappings (\`<<: [*api, *auth]\`), not this value`;
  it.each([
    ['an alias of a misspelt anchor', `${SHARED}  pets:\n    <<: *apl\n`, ['dify-tools.yaml:7:9: error [manifest-syntax] the alias *apl names no anchor', '  fix:  set the anchor (&apl) on the value to reuse, before this line, or correct the name']],
    ['an alias before its anchor', `providers:\n  pets:\n    <<: *api\n${SHARED.slice('providers:\n'.length)}`, ['dify-tools.yaml:3:9: error [manifest-syntax] the alias *api names no anchor', '  fix:  set the anchor (&api) on the value to reuse, before this line, or correct the name']],
    ['a merge of a list of texts', `${SHARED}    tools: &some [listPets]\n  pets:\n    <<: *some\n`, [mergeError('8:9'), mergeHint]],
    ['a merge of a number', `${SHARED}  pets:\n    <<: 5\n`, [mergeError('7:9'), mergeHint]],
    ['a list of merges with a text in it', `${SHARED}  pets:\n    <<: [*api, specs]\n`, [mergeError('7:9'), mergeHint]],
  ])('%s', async (_name, manifest, want) => {
    const run = await manifestErrors(manifest);
    expect([run.code, ...run.lines]).toEqual([1, ...want]);
  });

  it.each([
    ['60 providers merging one anchor are within the limit', 60, 0],
    // A "billion laughs": each level's aliases name the level below ten times.
    ['aliases of aliases, nested four deep (10^4 uses), pass the limit', 0, 4],
  ])('%s', async (_name, providers, levels) => {
    let manifest = SHARED;
    for (let i = 0; i < providers; i++) manifest += `  pets${i}:\n    <<: *api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d${String(i).padStart(4, '0')}\n`;
    for (let level = 1; level <= levels; level++) manifest += `lol${level}: &lol${level} [${Array.from({ length: 10 }, () => (level === 1 ? 'lol' : `*lol${level - 1}`)).join(', ')}]\n`;
    const run = await manifestErrors(manifest);
    if (levels === 0) {
      // Generated: the example spec's own warnings only.
      expect([run.code, run.lines.filter((line) => line.includes(' error ['))]).toEqual([0, []]);
      return;
    }
    expect([run.code, ...run.lines]).toEqual([
      1,
      `dify-tools.yaml: error [manifest-syntax] the manifest uses its YAML aliases more than ${MAX_ALIAS_USES} times (each \`*name\` and \`<<: *name\` counts)`,
      '  fix:  write some of the shared keys out instead of merging them',
    ]);
  });
});

describe('a misspelt key is one error: the unknown key with the key it means, not also that key missing', () => {
  it.each([
    ['a provider key', PETSTORE.replace('spec:', 'spce:'), 'dify-tools.yaml:5:5: error [manifest-unknown-key] unknown key "spce" at providers.petstore', '  fix:  did you mean "spec"? Valid keys: type, id, spec, tools, toolNames, functionNames, part, partBy, fileRefs, formats'],
    ['a key of python', 'python:\n  ouptut: tools_generated\n' + PETSTORE, 'dify-tools.yaml:2:3: error [manifest-unknown-key] unknown key "ouptut" at python', '  fix:  did you mean "output"? Valid keys: output'],
  ])('%s', async (_name, manifest, ...want) => {
    const run = await manifestErrors(manifest);
    expect(run.code).toBe(1);
    expect(run.lines).toEqual(want);
  });

  it('a missing key no unknown key stands for is still reported', async () => {
    const run = await manifestErrors(PETSTORE.replace('spec: specs/petstore.yaml', 'colour: blue'));
    expect(run.lines).toEqual([
      'dify-tools.yaml:3:5: error [manifest-missing-key] missing "spec" at providers.petstore.spec',
      '  fix:  add "spec"',
      'dify-tools.yaml:5:5: error [manifest-unknown-key] unknown key "colour" at providers.petstore',
      '  fix:  valid keys: type, id, spec, tools, toolNames, functionNames, part, partBy, fileRefs, formats',
    ]);
  });
});

describe('a provider made from an export part is warned about its own tools only', () => {
  // 120 tools: op0..op109 tagged a (parts a-1, a-2), op110..op119 tagged b (part b); op3 (a-1)
  // and op115 (b) declare their parameter twice.
  let paths = '';
  for (let i = 0; i < 120; i++) {
    const parameters = ['{name: q, in: query, schema: {type: integer}}', ...(i === 3 || i === 115 ? ['{name: q, in: query, schema: {type: string}}'] : [])];
    paths += `  /p${i}:\n    get: {operationId: op${i}, tags: [${i < 110 ? 'a' : 'b'}], parameters: [${parameters.join(', ')}], responses: {}}\n`;
  }
  const SPEC = `openapi: 3.0.3\ninfo: {title: big, version: "1"}\nservers: [{url: https://api.example.com}]\npaths:\n${paths}`;
  const manifest = (selection: string) => `providers:\n  big:\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: big.yaml\n${selection}`;

  it.each([
    ['the whole spec', '', ['duplicated-parameter op3', 'duplicated-parameter op115', 'too-many-tools']],
    ['part b', '    part: b\n', ['duplicated-parameter op115']],
    ['part a-2', '    part: a-2\n', []],
    ['tools of the whole spec', '    tools: [op3, op4]\n', ['duplicated-parameter op3', 'too-many-tools']],
    ['part a-1 and tools in it', '    part: a-1\n    tools: [op4]\n', []],
  ])('%s', async (_name, selection, want) => {
    const dir = project(manifest(selection));
    writeFileSync(join(dir, 'big.yaml'), SPEC);
    const run = await cli(dir, 'generate', '--json');
    const diagnostics = (JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; message: string }> }).diagnostics;
    const tool = (message: string) => /tool "(op\d+)"/.exec(message)?.[1];
    expect(diagnostics.map((d) => [d.code, tool(d.message)].filter((s) => s !== undefined).join(' '))).toEqual(want);
  });
});

describe("a user's copy of a generated file, which keeps the header, is left alone", () => {
  it.each([
    ['a TypeScript copy', 'generated', 'petstore.ts', 'petstore-old.ts'],
    ['a TypeScript copy as a Finder names it', 'generated', 'petstore.ts', 'petstore copy.ts'],
    ['a declarations copy', 'generated', 'petstore.ts', 'petstore.old.d.ts'],
    ['a Python copy', 'tools_generated', 'petstore.py', 'petstore-v1.py'],
  ])('%s (%s/%s as %s): neither removed by generate nor extra to check', async (_name, folder, file, copy) => {
    const dir = project(`python:\n  output: tools_generated\n${PETSTORE}`);
    expect((await cli(dir, 'generate')).code).toBe(0);
    writeFileSync(join(dir, folder, copy), readFileSync(join(dir, folder, file)));
    const check = await cli(dir, 'check');
    expect([check.code, check.stdout]).toEqual([0, 'dify-toolgen: generated/ and tools_generated/ is up to date (7 files)\n']);
    expect((await cli(dir, 'generate')).stdout).toContain('7 files up to date');
    expect(existsSync(join(dir, folder, copy))).toBe(true);
  });

  it('a generated file of a provider that left the manifest is still removed', async () => {
    const dir = project(`python:\n  output: tools_generated\n${PETSTORE}`);
    await cli(dir, 'generate');
    writeFileSync(join(dir, 'dify-tools.yaml'), `python:\n  output: tools_generated\n${PETSTORE.replace('  petstore:', '  pets:')}`);
    const run = await cli(dir, 'generate');
    expect(run.stdout).toContain('4 files written (3 unchanged, 2 removed)');
    expect([existsSync(join(dir, 'generated', 'petstore.ts')), existsSync(join(dir, 'tools_generated', 'petstore.py'))]).toEqual([false, false]);
  });
});

describe('no manifest in the folder the command runs in', () => {
  it.each([
    ['a subfolder of a project: the manifest above is named, not used', ['specs', 'plugins'], '  fix:  a folder above holds one: pass --manifest ../../dify-tools.yaml, or run in ../..'],
    ['a folder of its own', [], "  fix:  run 'dify-toolgen init' to write one, or pass --manifest <file>"],
  ])('%s', async (_name, below, hint) => {
    const dir = project(PETSTORE);
    const cwd = below.length > 0 ? join(dir, ...below) : mkdtempSync(join(tmpdir(), 'dify-toolgen-none-'));
    const run = await cli(cwd, 'generate');
    expect(run.code).toBe(1);
    // cli() shows the folder it runs in as <root>.
    expect(run.stderr.split('\n').filter((line) => line !== '')).toEqual(['error [manifest-not-found] no dify-tools.yaml, dify-tools.yml, dify-tools.json in "<root>"', hint]);
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });
});

describe('a manifest that is a link to nothing', () => {
  it('is named as such (a moved or unmounted target), not reported as no manifest', async () => {
    const dir = project(PETSTORE);
    rmSync(join(dir, 'dify-tools.yaml'));
    symlinkSync(join('config', 'dify-tools.yaml'), join(dir, 'dify-tools.yaml'));
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((line) => line !== '')).toEqual([
      'dify-tools.yaml: error [manifest-not-found] "dify-tools.yaml" is a link to "config/dify-tools.yaml", which does not exist',
      '  fix:  point the link at the manifest, or pass --manifest <file>',
    ]);
  });
});

describe('--manifest given a folder', () => {
  it.each([
    ['the folder holding the manifest', '.', ['error [manifest-not-found] --manifest names the folder ".", not a manifest file', '  fix:  pass --manifest dify-tools.yaml']],
    ['a folder without one', 'specs', ['error [manifest-not-found] --manifest names the folder "specs", not a manifest file', '  fix:  name the manifest file (dify-tools.yaml, dify-tools.yml, dify-tools.json)']],
  ])('%s is a located mistake (exit 1), not an internal error', async (_name, folder, want) => {
    const run = await cli(project(PETSTORE), 'generate', '--manifest', folder);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((line) => line !== '')).toEqual([`${folder}: ${want[0]}`, want[1]]);
  });
});

describe('export --out naming a file', () => {
  it.each([
    ['a file', 'dify-tools.yaml'],
    ['a folder inside a file', 'dify-tools.yaml/parts'],
  ])('%s is a located mistake (exit 1), not an internal error', async (_name, out) => {
    const run = await cli(project(PETSTORE), 'export', 'specs/petstore.yaml', '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((line) => line !== '')).toEqual([
      `${out}: error [export-out-not-folder] --out "${out}" is a file, or inside one, not a folder`,
      '  fix:  name a folder for the parts (it is made when missing)',
    ]);
  });
});

describe('names that are folders or files where the manifest wants the other', () => {
  it('a folder named like a manifest is not taken for one: the search goes on to the next name', async () => {
    const dir = project(PETSTORE);
    renameSync(join(dir, 'dify-tools.yaml'), join(dir, 'dify-tools.json'));
    mkdirSync(join(dir, 'dify-tools.yml'));
    const run = await cli(dir, 'generate');
    expect([run.code, run.stdout.split(',')[0]]).toEqual([0, 'dify-toolgen: 1 provider']);
  });

  it('templates naming a file says so', async () => {
    const run = await manifestErrors(`templates: specs/petstore.yaml\n${PETSTORE}`);
    expect(run.lines).toEqual([
      'dify-tools.yaml:1:12: error [manifest-missing-file] the templates folder "specs/petstore.yaml" is a file, not a folder',
      '  fix:  create it, with provider.hbs, index.hbs or support.hbs to override',
    ]);
  });
});

describe('check on a generated file generate would refuse to overwrite says what generate says', () => {
  const refusal = (detail: string, hint: string) => ['generated/petstore.ts' + detail, `  fix:  ${hint}`];
  it.each([
    [
      'its header deleted by hand',
      (path: string) => writeFileSync(path, readFileSync(path, 'utf8').split('\n').slice(1).join('\n')),
      refusal(':1:1: error [output-not-generated] refusing to overwrite "petstore.ts": it was not generated by dify-toolgen (its first line is not the generated header)', 'move or rename the file, or rename the provider in the manifest (the provider key is the file name)'),
    ],
    [
      'a folder in its place',
      (path: string) => {
        rmSync(path);
        mkdirSync(path);
      },
      refusal(': error [output-not-generated] refusing to write "petstore.ts": it exists and is not a regular file (a link or folder)', 'move it away, or choose another output folder'),
    ],
  ])('%s', async (_name, change, want) => {
    const dir = project(PETSTORE);
    await cli(dir, 'generate');
    change(join(dir, 'generated', 'petstore.ts'));
    const errors = (run: { stderr: string }) => run.stderr.split('\n').filter((line) => /^generated\/|^ {2}fix: {2}(?!give|inline|offer|leave)/.test(line));
    const checked = await cli(dir, 'check');
    expect([checked.code, ...errors(checked)]).toEqual([1, ...want]);
    const generated = await cli(dir, 'generate');
    expect([generated.code, ...errors(generated)]).toEqual([1, ...want]);
  });
});

describe('init in a folder with nothing to start from', () => {
  it('says to add providers, not to fill in ids it did not write', async () => {
    const run = await cli(mkdtempSync(join(tmpdir(), 'dify-toolgen-empty-')), 'init');
    expect([run.code, run.stdout]).toEqual([
      0,
      "dify-toolgen: wrote dify-tools.yaml with 0 providers (0 api, 0 builtin, 0 workflow); no spec, plugin or DSL was found: add your providers (the file shows an example), then run 'dify-toolgen generate'\n",
    ]);
  });
});

describe('check on files git checked out with CRLF line endings (core.autocrlf, the Git for Windows default)', () => {
  it.each([
    ['TypeScript', 'generated', 'petstore.ts'],
    ['Python', 'tools_generated', 'petstore.py'],
  ])('%s: says the line endings differ and how to keep LF', async (_name, folder, name) => {
    const dir = project(`python:\n  output: tools_generated\n${PETSTORE}`);
    await cli(dir, 'generate');
    const path = join(dir, folder, name);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\n/g, '\r\n'));
    const run = await cli(dir, 'check');
    expect([run.code, ...run.stderr.split('\n').filter((line) => line.startsWith(`${folder}/`) || line.includes('core.autocrlf'))]).toEqual([
      1,
      `${folder}/${name}: error [output-line-endings] "${name}" has Windows line endings (CRLF) where generate writes LF`,
      `  fix:  git's core.autocrlf converted it on checkout: add \`${folder}/** text eol=lf\` to .gitattributes and check the folder out again, or run 'dify-toolgen generate'`,
    ]);
  });
});

describe('check on a file in CRLF that is also stale', () => {
  it('shows the real change, comparing lines without their CR (every line differed, the change hidden past the first twelve)', async () => {
    const dir = project(PETSTORE);
    await cli(dir, 'generate');
    const path = join(dir, 'generated', 'petstore.ts');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('The JSON body listPets returns');
    writeFileSync(path, text.replace('The JSON body listPets returns', 'The JSON body listPetz returns').replace(/\n/g, '\r\n'));
    const run = await cli(dir, 'check');
    expect([run.code, ...run.stderr.split('\n').filter((line) => line.startsWith('generated/') || /^ {4}[-+] /.test(line))]).toEqual([
      1,
      'generated/petstore.ts: error [output-stale] "petstore.ts" is not what generate would write (its CRLF line endings aside):',
      '    -  * The JSON body listPetz returns: Dify sends it only as a `text` message.',
      '    +  * The JSON body listPets returns: Dify sends it only as a `text` message.',
    ]);
  });
});

describe('temporary files of a generate killed while writing', () => {
  it('are removed by the next run when their process is gone and they are old; a running one’s are kept', async () => {
    const dir = project(`python:\n  output: tools_generated\n${PETSTORE}`);
    await cli(dir, 'generate');
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const files = {
      killed: join(dir, 'generated', `.petstore.ts.dify-toolgen-${gone}.tmp`),
      killedPython: join(dir, 'tools_generated', `.petstore.py.dify-toolgen-${gone}.tmp`),
      running: join(dir, 'generated', `.petstore.ts.dify-toolgen-${process.ppid}.tmp`),
      notOurs: join(dir, 'generated', `.notes-v1.md.dify-toolgen-${gone}.tmp`),
    };
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    for (const path of Object.values(files)) {
      writeFileSync(path, '// This file was generated by dify-toolgen');
      utimesSync(path, hourAgo, hourAgo);
    }
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(Object.fromEntries(Object.entries(files).map(([name, path]) => [name, existsSync(path)]))).toEqual({ killed: false, killedPython: false, running: true, notOurs: true });
  });

  it('a recent one of a process this run cannot see (another container over a shared folder, another machine) is kept: its run may still rename it', async () => {
    const dir = project(PETSTORE);
    await cli(dir, 'generate');
    const unseen = join(dir, 'generated', `.petstore.ts.dify-toolgen-${spawnSync(process.execPath, ['-e', '']).pid!}.tmp`);
    writeFileSync(unseen, '// This file was generated by dify-toolgen');
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(existsSync(unseen)).toBe(true);
  });
});

describe('a write the machine refuses (permissions, a read-only or full disk) is the user’s to fix, not a bug', () => {
  const failing = (code: string) => () => {
    throw Object.assign(new Error(`${code}: open 'generated/.petstore.ts.tmp'`), { code });
  };
  it.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'operation not permitted'],
    ['EROFS', 'the file system is read-only'],
    ['ENOSPC', 'no space is left on the disk'],
    ['EDQUOT', 'the disk quota is used up'],
    ['ELOOP', 'the path is a loop of links'],
  ])('%s: a located error naming the file', (code, reason) => {
    let thrown: unknown;
    try {
      writing('generated/petstore.ts', failing(code));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).diagnostics.map((d) => [d.code, d.message, d.location?.file])).toEqual([['output-unwritable', `cannot write "generated/petstore.ts": ${reason}`, 'generated/petstore.ts']]);
  });

  it('any other failure is still a bug (rethrown as it is)', () => {
    expect(() => writing('generated/petstore.ts', failing('EISDIR'))).toThrow("EISDIR: open 'generated/.petstore.ts.tmp'");
  });
});

describe('a manifest that cannot be read', () => {
  it('is a located user error with the reason (EACCES, as user nobody gets for a 600 manifest, takes this path too)', () => {
    const dir = project(PETSTORE);
    let thrown: unknown;
    try {
      loadManifest(join(dir, 'specs', 'petstore.yaml', 'dify-tools.yaml'), 'specs/petstore.yaml/dify-tools.yaml');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).diagnostics.map((d) => [d.code, d.message, d.location?.file, d.hint])).toEqual([
      ['manifest-unreadable', 'cannot read the manifest: a part of the path is a file, not a folder', 'specs/petstore.yaml/dify-tools.yaml', 'check the path'],
    ]);
  });
});

describe('a plugin file the file system will not give', () => {
  const failure = (code: string) => Object.assign(new Error(code), { code });
  it.each([
    ['ENOENT', ['plugin-missing-file', 'does not exist', 'the path is relative to the plugin folder']],
    ['ENOTDIR', ['plugin-missing-file', 'does not exist', 'the path is relative to the plugin folder']],
    ['EACCES', ['plugin-unreadable', 'cannot be read: permission denied', "check the file's owner and permissions"]],
  ])('%s', (code, want) => {
    const problem = unreadable(failure(code));
    expect([problem.code, problem.message, problem.hint]).toEqual(want);
  });
});

describe('init passes over what it cannot read', () => {
  it('a loop of links (and, the same way, a folder this user may not read) is skipped, not an internal error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-init-'));
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'petstore.yaml'), readFileSync(join(project(PETSTORE), 'specs', 'petstore.yaml')));
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    const run = await cli(dir, 'init');
    expect([run.code, run.stderr, run.stdout.split(';')[0]]).toEqual([0, '', 'dify-toolgen: wrote dify-tools.yaml with 1 provider (1 api, 0 builtin, 0 workflow)']);
  });
});

describe('an output folder that is a loop of links', () => {
  it('is a located user error, not an internal error', async () => {
    const dir = project(`output: a\n${PETSTORE}`);
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    const run = await cli(dir, 'generate');
    expect([run.code, ...run.stderr.split('\n').filter((line) => line.startsWith('a:'))]).toEqual([1, 'a: error [output-unwritable] cannot write "a": the path is a loop of links']);
  });
});

describe('a template that cannot be read', () => {
  it('a folder named like a template (and, the same way, a template this user may not read) is a located user error', async () => {
    const dir = project(`templates: my-templates\n${PETSTORE}`);
    mkdirSync(join(dir, 'my-templates', 'index.hbs'), { recursive: true });
    const run = await cli(dir, 'generate');
    expect([run.code, ...run.stderr.split('\n').filter((line) => line.startsWith('my-templates/') || line.startsWith('  fix:  check'))]).toEqual([
      1,
      'my-templates/index.hbs: error [template-unreadable] cannot read the template "index.hbs": it is a folder, not a file',
      '  fix:  check the path',
    ]);
  });
});
