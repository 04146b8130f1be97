/**
 * Runs every hostile spec of the adversarial corpus through `dify-toolgen generate`, twice,
 * in a child process started with a 512 MB heap, and prints one JSON result per case.
 * Usage: node --max-old-space-size=512 --import tsx run-cases.ts <work folder>
 */
import './guard.js';
import { connections, reads } from './guard.js';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures', 'adversarial');
const work = resolve(process.argv[2]!);
process.env.DIFY_TOOLGEN_CANARY_ENV = 'ENV-CANARY-7f3a9c';

const { runCli } = await import('../../src/cli.js');
const { TEMPLATES_DIR } = await import('../../src/emit/templates.js');

function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

function project(dir: string, spec: string, emit: 'source' | 'declarations' = 'source'): void {
  mkdirSync(join(dir, 'specs'), { recursive: true });
  mkdirSync(join(dir, 'canary'), { recursive: true });
  copyFileSync(join(FIXTURES, 'specs', spec), join(dir, 'specs', spec));
  copyFileSync(join(FIXTURES, 'canary', 'CANARY_SECRET.yaml'), join(dir, 'canary', 'CANARY_SECRET.yaml'));
  // A plugin project: its package.json is where generate looks for zod, and it stops the search there.
  writeFileSync(join(dir, 'package.json'), '{"type": "module", "dependencies": {"zod": "^4.0.0"}}\n');
  const shape = emit === 'declarations' ? 'typescript: {emit: declarations}\n' : '';
  writeFileSync(join(dir, 'dify-tools.yaml'), `${shape}providers:\n  target:\n    type: api\n    id: 00000000-0000-4000-8000-000000000000\n    spec: specs/${spec}\n`);
}

async function generate(dir: string) {
  let stdout = '';
  let stderr = '';
  const before = tree(dir);
  reads.length = 0;
  const started = performance.now();
  const code = await runCli(['generate'], { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  const seconds = (performance.now() - started) / 1000;
  const runReads = [...reads];
  const after = tree(dir);
  const changed = [...after.keys()].filter((f) => before.get(f) !== after.get(f));
  const root = realpathSync(dir);
  const allowed = [root, dir, realpathSync(TEMPLATES_DIR)];
  const badReads = [...new Set(runReads)].filter((p) => {
    const abs = resolve(dir, p);
    return abs.includes(`${join(dir, 'canary')}`) || !allowed.some((a) => abs === a || abs.startsWith(a + '/'));
  });
  const files = Object.fromEntries([...after].filter(([f]) => f.startsWith('generated/')));
  return { code, stdout, stderr, seconds, changed, badReads, files };
}

const expect = JSON.parse(readFileSync(join(FIXTURES, 'expect.json'), 'utf8')) as Record<string, string>;
const results = [];
for (const [spec, verdict] of Object.entries(expect)) {
  const a = join(work, spec.replace(/\W/g, '_'), 'a');
  const b = join(work, spec.replace(/\W/g, '_'), 'b');
  project(a, spec);
  project(b, spec);
  connections.length = 0;
  // The declarations shape (a .d.ts and a .js per module) of the same spec, in a third project.
  const c = join(work, spec.replace(/\W/g, '_'), 'c');
  project(c, spec, 'declarations');
  const first = await generate(a);
  const second = await generate(b);
  const declarations = await generate(c);
  let pwned: unknown;
  let importError: string | undefined;
  if (first.code === 0) {
    try {
      await import(pathToFileURL(join(a, 'generated', 'target.ts')).href);
      await import(pathToFileURL(join(a, 'generated', 'index.ts')).href);
      if (declarations.code === 0) await import(pathToFileURL(join(c, 'generated', 'index.js')).href);
    } catch (e) {
      importError = String(e);
    }
    pwned = (globalThis as Record<string, unknown>).__CORPUS_PWNED__;
  }
  results.push({
    spec,
    verdict,
    folder: a,
    code: first.code,
    stdout: first.stdout,
    stderr: first.stderr,
    seconds: first.seconds,
    changed: first.changed,
    badReads: first.badReads,
    connections: [...connections],
    identical: JSON.stringify(first.files) === JSON.stringify(second.files) && first.code === second.code && first.stderr === second.stderr.split(b).join(a),
    pwned: pwned ?? null,
    importError: importError ?? null,
    polluted: ({} as Record<string, unknown>).polluted ?? null,
    prototypeKeys: Object.getOwnPropertyNames(Object.prototype).length,
    files: Object.keys(first.files),
    declarations: { folder: c, code: declarations.code, files: Object.keys(declarations.files) },
  });
}
process.stdout.write(JSON.stringify({ results, heapMb: process.memoryUsage().heapUsed / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
