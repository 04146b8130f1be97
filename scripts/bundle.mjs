/**
 * The second step of `npm run build` (after `tsc`, which writes dist/ and its .d.ts): bundles
 * the package's entry (tsc's dist/index.js, whose exports include `runCli`) into one CommonJS
 * script, dist/dify-toolgen.cjs, and writes dist/dify-toolgen.js, the ES module the package's
 * `exports` name, which re-exports it. Node then resolves, reads and compiles one file instead
 * of ~90 of ours and ~170 of zod's, yaml's and prettier's (docs/performance.md, "Eighth pass":
 * the import costs ~100 ms less CPU).
 *
 *   node scripts/bundle.mjs [<out folder>]
 *
 * (`<out folder>`, dist/ unless given: another folder only to compare builds, as
 * test/package/bundle.test.ts does; the bundle runs from dist/ alone.)
 *
 * - A script, not an ES module, so that the bin can compile it with V8's code cache
 *   (bin/compile-cache.js: Node 20 caches no ES module's code, and `vm` compiles ES modules
 *   only behind a flag). The bin loads it so; a library user's `import` loads it through the
 *   facade and Node's CommonJS loader, which finds its exports by the names esbuild lists.
 * - `import.meta.url` (src/paths.ts' `PACKAGE_ROOT`, the `createRequire` calls) is the
 *   bundle's own URL, made from `__filename`; dynamic `import()`s of packages left to Node
 *   become `require()`s, which a `vm` script can make without an experimental loader.
 * - Inlined: our modules, zod, yaml and prettier/doc, the code every run executes. They stay
 *   declared in `dependencies` (their versions, licences and advisories stay visible to npm),
 *   and their licences are written to dist/third-party-licenses.txt, which the bundle's first
 *   line names.
 * - Left to Node, from node_modules as before: swagger-parser (`list --validate`) and chokidar
 *   (`generate --watch`), required only when a run needs them; ruff's WebAssembly and
 *   handlebars, loaded by `createRequire(import.meta.url)(...)` calls, which esbuild leaves
 *   alone: handlebars' one-file runtime at start (inlined, the import cost the same: 138
 *   against 139 ms; left out, a broken install still fails at start with one line), its
 *   compiler only for template overrides, ruff only for long Python statements.
 * - The bundle sits directly in dist/, one folder below the package root, like tsc's
 *   dist/paths.js: `PACKAGE_ROOT` (src/paths.ts) finds templates/ and package.json from it.
 * - Reproducible: the same inputs give the same bytes (paths in it are relative to the
 *   package root). A source map (dist/dify-toolgen.cjs.map, through tsc's maps into src/) is
 *   written for debugging; the package does not ship maps (package.json `files`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, process.argv[2] ?? 'dist');

/** Packages imported (dynamically) by our modules that the bundle leaves to Node: each loaded on first use. */
const EXTERNAL = ['@apidevtools/swagger-parser', 'chokidar', '@astral-sh/ruff-wasm-nodejs'];

/** The file of the licences of the packages inlined in the bundle, beside it. */
const LICENSES = 'third-party-licenses.txt';

/**
 * The bundle's prologue after its first line: strict mode (the ES modules it is made of were
 * strict; esbuild's own "use strict" would come after this banner, too late to count), and the
 * bundle's own URL, which stands for `import.meta.url` in it (a script has no `import.meta`).
 */
const PROLOGUE = `"use strict";\nvar __bundleUrl = require('node:url').pathToFileURL(__filename).href;`;

/** The ES module the package's `exports` name: the bundle's exports, for `import`. */
const FACADE = "// dify-toolgen's library API as an ES module: the code is in dify-toolgen.cjs (scripts/bundle.mjs).\nexport * from './dify-toolgen.cjs';\n";

/** The name of the package a bundled input (`node_modules/<name>/...`) belongs to, or undefined for our own. */
function packageOf(input) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

/** The text of dist/third-party-licenses.txt: each inlined package's name, version, licence and licence file. */
function licensesText(packages) {
  return packages
    .map((name) => {
      const dir = join(ROOT, 'node_modules', name);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return `${name} ${pkg.version} (${pkg.license})\n\n${readFileSync(join(dir, 'LICENSE'), 'utf8').trim()}\n`;
    })
    .join('\n---\n\n');
}

const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { 'dify-toolgen': 'dist/index.js' },
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  target: 'node20',
  define: { 'import.meta.url': '__bundleUrl' },
  supported: { 'dynamic-import': false },
  external: EXTERNAL,
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  banner: { js: `// dify-toolgen, bundled by scripts/bundle.mjs; the licences of the packages inlined here: third-party-licenses.txt\n${PROLOGUE}` },
});
const inlined = [...new Set(Object.keys(result.metafile.inputs).map(packageOf).filter((name) => name !== undefined))].sort();
writeFileSync(join(OUT, LICENSES), licensesText(inlined));
writeFileSync(join(OUT, 'dify-toolgen.js'), FACADE);
