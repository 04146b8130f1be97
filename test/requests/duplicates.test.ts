/**
 * A parameter name declared twice in one operation (a path parameter and a body property):
 * Dify casts the one value by each declaration in list order, so the last declaration's type
 * is what reaches every place the name goes (golden rule `dupe.last_declaration_casts`: case
 * `dupe-path-cast-by-body-type`, where "abc" fails `int()`). The wrapper types the key by
 * that last declaration, so the call Dify would fail does not type-check or validate.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as dupes from './generated/dupes.js';
import { createMockSession, ToolParameterError } from './generated/runtime.js';

describe('a duplicated parameter name', () => {
  it('is typed by its last declaration (the one Dify casts by), required if any copy is', () => {
    expectTypeOf<dupes.MixedParams>().toEqualTypeOf<{ id: number; flag?: boolean }>();
  });

  it.each([
    ['the text Dify cannot cast to int', { id: 'abc' }, false],
    ['a number, as the body property declares', { id: 5 }, true],
  ] as const)('%s', (_name, params, valid) => {
    const mock = createMockSession().on(dupes.mixed).reply({ text: 'ok' });
    const call = () => dupes.mixed(mock, params as unknown as dupes.MixedParams);
    if (valid) {
      call();
      expect(mock.calls(dupes.mixed).map((c) => c.toolParameters)).toEqual([params]);
    } else expect(call).toThrow(ToolParameterError);
  });
});
