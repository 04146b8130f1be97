/**
 * The corpus compile test's cutting of large modules (test/corpus/module-parts.ts): parts
 * keep every statement in order, keep an interface with its validator, and import exactly
 * the names of other parts they mention.
 */
import { describe, expect, it } from 'vitest';
import { moduleParts } from '../corpus/module-parts.js';

const HEADER = '// generated\n\nimport * as runtime from "./runtime.js";\nimport * as v from "./validators.js";\n';

const MODULE = [
  HEADER,
  '\nexport const provider = { type: "api" } as const;\n',
  '\n/** A */\nexport interface A {\n  b?: B;\n}\n',
  '\nexport const A: v.Validator = v.object({ b: v.lazy(() => B) });\n',
  '\nexport interface B {\n  /** not a statement: */\n  a?: A;\n}\n',
  '\nexport const B: v.Validator = v.object({ a: A });\n',
  '\n/**\n * Calls it.\n */\nexport function callB(session: runtime.DifySession): runtime.ToolCall<B> {\n  return runtime.invokeTool(session, provider, "b", B);\n}\n',
].join('');

interface Case {
  bytes: number;
  module?: string;
  want: Array<{ name: string; content: string }> | undefined;
}

describe('moduleParts', () => {
  it.each<[string, Case]>([
    ['a module no larger than a part is not cut', { bytes: MODULE.length, want: undefined }],
    [
      'every statement its own part, but an interface stays with its validator',
      {
        bytes: 1,
        want: [
          { name: 'm.part0.ts', content: `${HEADER}\nexport const provider = { type: "api" } as const;\n` },
          {
            name: 'm.part1.ts',
            content:
              `${HEADER}import { B } from "./m.part2.js";\n` +
              '\n/** A */\nexport interface A {\n  b?: B;\n}\n\nexport const A: v.Validator = v.object({ b: v.lazy(() => B) });\n',
          },
          {
            name: 'm.part2.ts',
            content:
              `${HEADER}import { A } from "./m.part1.js";\n` +
              '\nexport interface B {\n  /** not a statement: */\n  a?: A;\n}\n\nexport const B: v.Validator = v.object({ a: A });\n',
          },
          {
            name: 'm.part3.ts',
            content:
              `${HEADER}import { provider } from "./m.part0.js";\nimport { B } from "./m.part2.js";\n` +
              '\n/**\n * Calls it.\n */\nexport function callB(session: runtime.DifySession): runtime.ToolCall<B> {\n  return runtime.invokeTool(session, provider, "b", B);\n}\n',
          },
        ],
      },
    ],
    [
      'parts of about 120 bytes',
      {
        bytes: 120,
        want: [
          {
            name: 'm.part0.ts',
            content:
              `${HEADER}import { B } from "./m.part1.js";\n` +
              '\nexport const provider = { type: "api" } as const;\n\n/** A */\nexport interface A {\n  b?: B;\n}\n\nexport const A: v.Validator = v.object({ b: v.lazy(() => B) });\n',
          },
          {
            name: 'm.part1.ts',
            content:
              `${HEADER}import { A, provider } from "./m.part0.js";\n` +
              '\nexport interface B {\n  /** not a statement: */\n  a?: A;\n}\n\nexport const B: v.Validator = v.object({ a: A });\n\n/**\n * Calls it.\n */\nexport function callB(session: runtime.DifySession): runtime.ToolCall<B> {\n  return runtime.invokeTool(session, provider, "b", B);\n}\n',
          },
        ],
      },
    ],
    [
      'the module\'s validator registry after the imports: every part declares its own (a name in a text is imported too: harmless)',
      {
        bytes: 1,
        module: `${HEADER}\nconst $validators: v.Registry = v.registry();\n\nexport const A: v.Validator = $validators.define("A", '"string"');\n\nexport const B: v.Validator = $validators.define("B", '"#A"');\n`,
        want: [
          { name: 'm.part0.ts', content: `${HEADER}\nconst $validators: v.Registry = v.registry();\n\nexport const A: v.Validator = $validators.define("A", '"string"');\n` },
          { name: 'm.part1.ts', content: `${HEADER}\nconst $validators: v.Registry = v.registry();\nimport { A } from "./m.part0.js";\n\nexport const B: v.Validator = $validators.define("B", '"#A"');\n` },
        ],
      },
    ],
    ['a name declared in two places apart: not cut', { bytes: 1, module: `${MODULE}\nexport type A = string;\n`, want: undefined }],
    ['no imports: not the printer\'s layout, not cut', { bytes: 1, module: MODULE.slice(HEADER.length), want: undefined }],
  ])('%s', (_name, { bytes, module = MODULE, want }) => {
    expect(moduleParts('m', module, bytes)).toEqual(want);
  });

  it('the parts hold the module\'s statements, in order', () => {
    const parts = moduleParts('m', MODULE, 1)!;
    const bodies = parts.map((p) => p.content.slice(HEADER.length).replace(/^(import .*\n)*/, ''));
    expect(HEADER + bodies.join('')).toBe(MODULE);
  });
});
