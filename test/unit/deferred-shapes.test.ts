/**
 * An API provider's type shapes are computed on first read (model/provider-model.ts,
 * DeferredShapes): a TypeScript-only run, which reads the schemas themselves, never
 * computes them; a run with the Python target computes them once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildOutput } from '../../src/generate.js';
import { schemaShape } from '../../src/model/schema-shape.js';
import { project } from '../cli/run.js';

vi.mock('../../src/model/schema-shape.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/model/schema-shape.js')>();
  return { ...original, schemaShape: vi.fn(original.schemaShape) };
});

const PROVIDER = 'providers:\n  petstore:\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: specs/petstore.yaml\n';

function petstore(manifest: string): string {
  return project(manifest + PROVIDER);
}

describe('deferred API type shapes', () => {
  afterEach(() => vi.mocked(schemaShape).mockClear());

  it('a TypeScript-only run computes none', () => {
    const output = buildOutput({ cwd: petstore('output: ts\n') });
    expect(output.outputs.map((o) => o.target)).toEqual(['typescript']);
    expect(vi.mocked(schemaShape)).not.toHaveBeenCalled();
  });

  it('a run with the Python target computes them, once each', () => {
    buildOutput({ cwd: petstore('typescript: false\npython:\n  output: py\n') });
    const calls = vi.mocked(schemaShape).mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    const both = petstore('output: ts\npython:\n  output: py\n');
    vi.mocked(schemaShape).mockClear();
    buildOutput({ cwd: both });
    expect(vi.mocked(schemaShape).mock.calls.length).toBe(calls);
  });
});
