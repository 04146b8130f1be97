/**
 * The second step of `npm run build` (after `tsc`, which writes dist/ and its .d.ts): bundles
 * the package's entry (tsc's dist/index.js, whose exports include `runCli`) into one ES module,
 * dist/dify-toolgen.js, the file the bin and the package's `exports` load. Node then resolves,
 * reads and compiles one file instead of ~90 of ours and ~170 of zod's, yaml's and prettier's
 * (docs/performance.md, "Eighth pass": the import costs ~100 ms less CPU).
 *
 *   node scripts/bundle.mjs [<out folder>]
 *
 * (`<out folder>`, dist/ unless given: another folder only to compare builds, as
 * test/package/bundle.test.ts does; the bundle runs from dist/ alone.)
 *
 * - Inlined: our modules, zod, yaml and prettier/doc, the code every run executes. They stay
 *   declared in `dependencies` (their versions, licences and advisories stay visible to npm),
 *   and their licences are written to dist/third-party-licenses.txt, which the bundle's first
 *   line names.
 * - Left to Node, from node_modules as before: swagger-parser (`list --validate`) and chokidar
 *   (`generate --watch`), external dynamic imports loaded only when a run needs them; ruff's
 *   WebAssembly and handlebars, loaded by `createRequire(import.meta.url)(...)` calls, which
 *   esbuild leaves alone: handlebars' one-file runtime at start (inlined, the import cost the
 *   same: 138 against 139 ms; left out, a broken install still fails at start with one line),
 *   its compiler only for template overrides, ruff only for long Python statements.
 * - The bundle sits directly in dist/, one folder below the package root, like tsc's
 *   dist/paths.js: `PACKAGE_ROOT` (src/paths.ts) finds templates/ and package.json from it.
 * - Reproducible: the same inputs give the same bytes (paths in it are relative to the
 *   package root). A source map (dist/dify-toolgen.js.map, through tsc's maps into src/) is
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

// yaml's Node build is CommonJS and calls `require` (of Node's modules): an ES module has
// none, so the bundle makes one, resolving from its own location.
const REQUIRE = "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);";

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
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  banner: { js: `// dify-toolgen, bundled by scripts/bundle.mjs; the licences of the packages inlined here: third-party-licenses.txt\n${REQUIRE}` },
});
const inlined = [...new Set(Object.keys(result.metafile.inputs).map(packageOf).filter((name) => name !== undefined))].sort();
writeFileSync(join(OUT, LICENSES), licensesText(inlined));
