/**
 * The differential test (issue #14): the generated validators agree with ajv on every value
 * of every schema, and the generated types on every value, up to what the README lists as
 * not expressible in a type. Prints the counts.
 */
import { describe, expect, it } from 'vitest';
import { formatReport, runDifferential } from './differential.js';

describe('generated types and validators against ajv', () => {
  it('agree on every sample and mutation', async () => {
    const report = await runDifferential();
    console.log(formatReport(report));
    expect(report.refused).toEqual([]);
    expect(report.compileErrors).toEqual([]);
    expect(report.validatorMisses).toEqual([]);
    expect(report.typeMisses).toEqual([]);
  }, 600_000);
});
