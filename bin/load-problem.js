/**
 * Why the command line cannot start, as one line for the terminal: an unsupported Node
 * version, or a dependency that is missing or broken. Plain JavaScript that parses on old
 * Node versions too, so that even there the user reads a sentence, not a stack trace.
 */

/** The oldest Node major version dify-toolgen runs on (package.json `engines.node`). */
export const MINIMUM_NODE_MAJOR = 20;

/**
 * The problem with running on Node `version` (as in `process.versions.node`, e.g.
 * "18.19.0"), or undefined when it is supported.
 */
export function nodeVersionProblem(version) {
  const major = Number(String(version).split('.')[0]);
  if (major >= MINIMUM_NODE_MAJOR) return undefined;
  return `dify-toolgen: Node ${version} is too old; it needs Node ${MINIMUM_NODE_MAJOR} or newer: install a current Node (https://nodejs.org) and run it again`;
}

/**
 * The package a module specifier names: `@scope/name` or `name` for a bare specifier (a file
 * inside a package, as in `handlebars/dist/handlebars.runtime.js`, names its package); a path
 * or URL as it is.
 */
function packageOf(specifier) {
  if (/^[./]|^[a-z]+:/i.test(specifier)) return specifier;
  return specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/**
 * The one line that explains an error thrown while loading the tool's modules (before any
 * command runs): a package that cannot be found (by `import`, ERR_MODULE_NOT_FOUND, or by
 * `require`, MODULE_NOT_FOUND) names the package and says to reinstall.
 */
export function loadProblem(error) {
  const message = String(error && error.message ? error.message : error).split('\n')[0].slice(0, 300);
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(message);
  const what = missing
    ? `cannot load its dependency '${packageOf(missing[1])}' (${error.code || 'not found'})`
    : `cannot load its modules (${message})`;
  return `dify-toolgen: ${what}; reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again; DIFY_TOOLGEN_DEBUG=1 shows the details`;
}
