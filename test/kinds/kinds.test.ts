/**
 * Builtin and workflow wrappers: the TypeScript type of every tool parameter type and every
 * start-variable type, what each kind sends to Dify, and typed results. The module is
 * generated from test/kinds/dify-tools.yaml and committed.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { cli, REPO } from '../cli/run.js';
import * as everyType from './generated/everyType.js';
import * as everyVariable from './generated/everyVariable.js';
import type { AppSelector, DifyFile, DifySession, ModelSelector, ToolCall, ToolInvokeMessage } from './generated/runtime.js';

function recordingSession(reply: ToolInvokeMessage[] = []) {
  const calls: unknown[][] = [];
  const record = (kind: string) => (provider: string, toolName: string, parameters: Record<string, unknown>) => {
    calls.push([kind, provider, toolName, parameters]);
    return reply;
  };
  const session: DifySession = { tool: { invokeApiTool: record('api'), invokeBuiltinTool: record('builtin'), invokeWorkflowTool: record('workflow') } };
  return { session, calls };
}

describe('builtin tool parameter types', () => {
  type P = everyType.EveryTypeParams;
  it('map to the types a user expects', () => {
    expectTypeOf<P['a_string']>().toEqualTypeOf<string>();
    expectTypeOf<P['a_secret']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<P['a_number']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<P['a_boolean']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<P['a_checkbox']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<P['a_select']>().toEqualTypeOf<'fast' | 'slow'>();
    expectTypeOf<P['a_file']>().toEqualTypeOf<DifyFile | undefined>();
    expectTypeOf<P['some_files']>().toEqualTypeOf<DifyFile[] | undefined>();
    expectTypeOf<P['a_model']>().toEqualTypeOf<ModelSelector | undefined>();
    expectTypeOf<P['an_app']>().toEqualTypeOf<AppSelector | undefined>();
    expectTypeOf<P['a_dynamic_select']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<P['anything']>().toEqualTypeOf<unknown>();
    expectTypeOf<P['an_array']>().toEqualTypeOf<unknown[] | undefined>();
    expectTypeOf<P['an_object']>().toEqualTypeOf<Record<string, unknown> | undefined>();
    expectTypeOf<P['a_date']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<P['a_date_range']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(everyType.everyType).returns.toEqualTypeOf<ToolCall<everyType.EveryTypeOutput>>();
    expectTypeOf<everyType.EveryTypeOutput>().toEqualTypeOf<{ results?: string[]; total?: number }>();
  });
});

describe('workflow start-variable types', () => {
  type P = everyVariable.EveryVariableParams;
  it('map as Dify maps them', () => {
    expectTypeOf<P['a_text']>().toEqualTypeOf<string>();
    expectTypeOf<P['a_paragraph']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<P['a_select']>().toEqualTypeOf<'one' | 'two' | undefined>();
    expectTypeOf<P['a_number']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<P['a_checkbox']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<P['a_file']>().toEqualTypeOf<DifyFile | undefined>();
    expectTypeOf<P['some_files']>().toEqualTypeOf<DifyFile[] | undefined>();
    expectTypeOf<P['an_object']>().toEqualTypeOf<Record<string, unknown> | undefined>();
    expectTypeOf<everyVariable.EveryVariableOutput>().toEqualTypeOf<{ answer: string; scores: number[] }>();
  });

  it('misuse does not compile', () => {
    const { session } = recordingSession();
    const never = (f: () => void) => f;
    never(() => {
      // @ts-expect-error a select value that is not an option
      everyVariable.everyVariable(session, { a_text: 'x', a_select: 'three' });
      // @ts-expect-error a required variable missing
      everyVariable.everyVariable(session, { a_number: 1 });
      // @ts-expect-error a number variable given text
      everyType.everyType(session, { a_string: 'x', a_select: 'fast', a_number: '5' });
    });
  });
});

describe('what each kind sends', () => {
  it('a builtin tool: invokeBuiltinTool(<org>/<plugin>/<provider>, identity.name, parameters)', () => {
    const { session, calls } = recordingSession();
    everyType.everyType(session, { a_string: 'x', a_select: 'slow', a_number: 3, a_model: { provider: 'openai', model: 'gpt-4o' } });
    expect(calls).toEqual([['builtin', 'acme/every-type/every_type', 'every_type', { a_string: 'x', a_select: 'slow', a_number: 3, a_model: { provider: 'openai', model: 'gpt-4o' } }]]);
  });

  it('a workflow tool: invokeWorkflowTool(<provider id>, <published name>, parameters)', () => {
    const { session, calls } = recordingSession();
    everyVariable.everyVariable(session, { a_text: 'hello', some_files: [{ upload_file_id: 'f1' }] });
    expect(calls).toEqual([['workflow', '3a9c1f0e-5b7d-4e2a-8c6f-1d0b9e8a7c65', 'every_variable', { a_text: 'hello', some_files: [{ upload_file_id: 'f1' }] }]]);
  });

  it.each<[string, () => void, string]>([
    ['a number below min', () => everyType.everyType(recordingSession().session, { a_string: 'x', a_select: 'fast', a_number: 0 }), 'a_number: expected at least 1, received 0'],
    ['a number above max', () => everyType.everyType(recordingSession().session, { a_string: 'x', a_select: 'fast', a_number: 11 }), 'a_number: expected at most 10, received 11'],
    ['text longer than max_length', () => everyVariable.everyVariable(recordingSession().session, { a_text: 'x'.repeat(41) }), 'a_text: expected at most 40 characters, received 41'],
    ['more files than max_length', () => everyVariable.everyVariable(recordingSession().session, { a_text: 'x', some_files: [{ url: 'a' }, { url: 'b' }, { url: 'c' }, { url: 'd' }] }), 'some_files: expected at most 3 items, received 4'],
    ['not an option', () => everyType.everyType(recordingSession().session, { a_string: 'x', a_select: 'medium' as 'fast' }), 'a_select: expected one of "fast", "slow"'],
  ])('rejects %s before calling Dify', (_name, call, message) => {
    expect(call).toThrow(message);
    expect(call).not.toThrow('Invalid input');
  });

  it('types the results a workflow declares', async () => {
    const reply: ToolInvokeMessage[] = [
      { type: 'variable', message: { variable_name: 'answer', variable_value: '42', stream: false } },
      { type: 'json', message: { json_object: { answer: '42', scores: [1, 2] } } },
    ];
    const call = everyVariable.everyVariable(recordingSession(reply).session, { a_text: 'q' });
    const [outputs] = await call.json();
    expectTypeOf(outputs).toEqualTypeOf<everyVariable.EveryVariableOutput | undefined>();
    expect(outputs).toEqual({ answer: '42', scores: [1, 2] });
    expect(await call.variables()).toEqual({ answer: '42' });
  });
});

describe('the committed kinds output', () => {
  it('is what generate writes (dify-toolgen check --manifest test/kinds/dify-tools.yaml)', async () => {
    const run = await cli(REPO, 'check', '--manifest', 'test/kinds/dify-tools.yaml');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
