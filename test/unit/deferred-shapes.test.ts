/**
 * An API provider's type shapes are computed on first read (model/provider-model.ts,
 * DeferredShapes): a TypeScript-only run, which reads the schemas themselves, never
 * computes them; a run with the Python target computes them once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildOutput, providerModel } from '../../src/generate.js';
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

  it('shares one accessor per property name, and copies like a data property', () => {
    const { plans } = buildOutput({ cwd: petstore('output: ts\n') });
    const model = providerModel(plans[0]!);
    const typed = model.tools.flatMap((t) => t.parameters).filter((p) => p.schema !== undefined);
    const results = model.tools.flatMap((t) => (t.results ? [t.results] : []));
    expect(typed.length).toBeGreaterThan(1);
    expect(results.length).toBeGreaterThan(1);
    // One getter for every parameter (a getter per object gave each its own hidden class).
    expect(new Set(typed.map((p) => Object.getOwnPropertyDescriptor(p, 'type')?.get)).size).toBe(1);
    expect(new Set(results.map((r) => Object.getOwnPropertyDescriptor(r, 'body')?.get)).size).toBe(1);
    expect(vi.mocked(schemaShape)).not.toHaveBeenCalled();
    // A spread reads the shape (computing every shape once) and copies no hidden slot.
    const copy = { ...typed[0]! };
    expect(copy.type).toBe(typed[0]!.type);
    expect(copy.type.kind).not.toBe(undefined);
    expect(Object.getOwnPropertySymbols(copy)).toEqual([]);
    expect(Object.keys(typed[0]!)).toContain('type');
  });
});
