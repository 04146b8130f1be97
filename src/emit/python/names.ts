/**
 * The one Python sanitiser: the only way a name from a spec, a manifest, a plugin or a DSL
 * becomes a Python identifier.
 *
 * - Words are the runs of ASCII letters and digits; everything else separates words and is
 *   dropped. Identifiers are ASCII only: Python folds identifiers by NFKC, so a non-ASCII
 *   name could silently equal another (`ﬁle` is `file`).
 * - Functions and modules are snake_case (PEP 8): camel humps split words (`addPet` →
 *   `add_pet`, `HTTPServer` → `http_server`, `repos/get` → `repos_get`). Types are
 *   PascalCase; an all-capitals word is capitalised (`PET` → `Pet`).
 * - A leading digit gets `n`/`N` in front (`2fa` → `n2fa`, `N2fa`), not `_`: a leading `_`
 *   marks a private name, which strict checkers report when a module does not use it;
 *   nothing left gives `tool`/`Tool`.
 * - Keywords, soft keywords (`match`, `case`, `type`, `_`), builtins (`id`, `list`,
 *   `input`, `Exception`, …), dunder names and the names a generated module uses itself get
 *   a `_` suffix (`id` → `id_`), as PEP 8 advises.
 *
 * Collisions (`planPythonNames`): names that differ only in case count as the same name
 * (they would collide as module files on case-insensitive file systems and confuse
 * readers); the rule of `planIdentifiers` settles them, independent of input order.
 */
import { planIdentifiers, type NameRequest } from '../../plan/identifiers.js';

export const PYTHON_KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
];

export const PYTHON_SOFT_KEYWORDS = ['_', 'case', 'match', 'type'];

/** `dir(builtins)` of Python 3.12, without dunders. */
export const PYTHON_BUILTINS = (
  'ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError BufferError ' +
  'BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError ' +
  'DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup FileExistsError ' +
  'FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError ' +
  'IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError ' +
  'NameError NotADirectoryError NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning ' +
  'PermissionError ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning ' +
  'StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError ' +
  'UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ' +
  'ValueError Warning ZeroDivisionError abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr ' +
  'classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format ' +
  'frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max ' +
  'memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted ' +
  'staticmethod str sum super tuple type vars zip'
).split(' ');

/**
 * Names every generated module binds itself (imports, exports, wrapper arguments), and the
 * package's own modules: a planned name never shadows them.
 */
export const PYTHON_MODULE_NAMES = [
  'annotations', 'Annotated', 'Any', 'Field', 'Final', 'Literal', 'Never', 'NotRequired', 'Session', 'TypedDict',
  'runtime', 'PROVIDER', 'TOOLS', 'session', 'params', 'validate', 'typing', 'pydantic', 'dify_plugin',
];

const RESERVED: ReadonlySet<string> = new Set([...PYTHON_KEYWORDS, ...PYTHON_SOFT_KEYWORDS, ...PYTHON_BUILTINS, ...PYTHON_MODULE_NAMES]);

export type PythonStyle = 'snake' | 'pascal';

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * `addPet` → `add`, `pet`; `HTTPServer` → `http`, `server`; all-capitals words lower-cased.
 * Words are the runs of ASCII letters and digits, split before a capital that follows a small
 * letter or a digit (`addPet`, `v2Api`), and before the last capital of a run of capitals
 * followed by a small letter (`HTTPServer`). One scan over the name (this runs for every
 * name of a module).
 */
function words(raw: string): string[] {
  const out: string[] = [];
  let start = -1;
  // Whether the current word holds a small letter: an all-capitals word (digits alone included) is lower-cased.
  let small = false;
  const end = (i: number) => {
    if (start < 0) return;
    const w = raw.slice(start, i);
    out.push(small ? w : w.toLowerCase());
    start = -1;
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const lower = isLower(c);
    if (!lower && !isUpper(c) && !isDigit(c)) {
      end(i);
      continue;
    }
    if (start >= 0 && !lower && isUpper(c)) {
      const prev = raw.charCodeAt(i - 1);
      if (isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(raw.charCodeAt(i + 1)))) end(i);
    }
    if (start < 0) {
      start = i;
      small = false;
    }
    if (lower) small = true;
  }
  end(raw.length);
  return out;
}

/** The preferred Python identifier for a raw name, before collisions are resolved. */
export function toPythonIdentifier(raw: string, style: PythonStyle): string {
  // A bounded memo per style (keyed by the raw name itself: no key string is built per call).
  const memo = IDENTIFIERS[style];
  let id = memo.get(raw);
  if (id === undefined) {
    if (memo.size >= 100_000) memo.clear();
    memo.set(raw, (id = pythonIdentifierOf(raw, style)));
  }
  return id;
}

const IDENTIFIERS: Record<PythonStyle, Map<string, string>> = { snake: new Map(), pascal: new Map() };

function pythonIdentifierOf(raw: string, style: PythonStyle): string {
  return finished(style === 'snake' ? words(raw).map((w) => w.toLowerCase()).join('_') : pascalWords(raw), style);
}

/** The PascalCase words of `raw`, joined: `pet owner` → `PetOwner` (before `finished`'s rules). One flat string (`join`), as kept. */
function pascalWords(raw: string): string {
  return words(raw)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** Joined words made an identifier: `tool`/`Tool` for nothing, `n`/`N` before a leading digit, `_` after a reserved name. */
function finished(joined: string, style: PythonStyle): string {
  let id = joined;
  if (id === '') id = style === 'snake' ? 'tool' : 'Tool';
  const first = id.charCodeAt(0);
  if (isDigit(first)) id = `${style === 'snake' ? 'n' : 'N'}${id}`;
  return isPythonReserved(id) ? `${id}_` : id;
}

/**
 * `toPythonIdentifier(`${prefix} ${suffix}`, 'pascal')`, without scanning `prefix` again for
 * each suffix: a nested class's name is its holder's name and its key (`PetOwner` +
 * `address` → `PetOwnerAddress`), and a holder names many. The space separates words, so
 * the words of the phrase are the prefix's, then the suffix's; each part's joined words are
 * kept (bounded), and only the identifier rules run on their concatenation.
 */
export function pascalIdentifierOf(prefix: string, suffix: string): string {
  return finished(joinedPascal(prefix) + joinedPascal(suffix), 'pascal');
}

const JOINED_PASCAL = new Map<string, string>();

function joinedPascal(part: string): string {
  let joined = JOINED_PASCAL.get(part);
  if (joined === undefined) {
    if (JOINED_PASCAL.size >= 100_000) JOINED_PASCAL.clear();
    JOINED_PASCAL.set(part, (joined = pascalWords(part)));
  }
  return joined;
}

/** Keywords, soft keywords, builtins, dunders and the generated modules' own names. */
export function isPythonReserved(id: string): boolean {
  return RESERVED.has(id) || (id.charCodeAt(0) === 95 && /^__.*__$/.test(id));
}

/** Settles the names of one Python namespace: `planIdentifiers`' rule, names differing only in case colliding. */
export function planPythonNames(requests: readonly NameRequest[], taken: Iterable<string> = []): Map<string, string> {
  return planIdentifiers(requests, taken, (name) => name.toLowerCase());
}

/** Builtins a generated annotation can name (src/emit/python/types.ts renders these). */
const ANNOTATION_BUILTINS = ['bool', 'dict', 'float', 'int', 'list', 'str'];

/** Names no class-syntax field can take: keywords, and the names annotations are made of. */
const NOT_FIELDS: ReadonlySet<string> = new Set([...PYTHON_KEYWORDS, ...ANNOTATION_BUILTINS, ...PYTHON_MODULE_NAMES]);

/**
 * True when `key` can be a field of a class-syntax `TypedDict`: an ASCII identifier, no
 * keyword, no `__` prefix (class bodies mangle those), and no name an annotation of the
 * module uses: the builtins and typing names annotations are made of, `runtime`, and
 * `shadowed` (the module's types). A field named like one would shadow it in the class
 * body's annotations; any other builtin (`id`, `type`, `input`) is a field like any other.
 */
export function isClassField(key: string, shadowed: ReadonlySet<string>): boolean {
  return (
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) &&
    !key.startsWith('__') &&
    !NOT_FIELDS.has(key) &&
    !shadowed.has(key)
  );
}
