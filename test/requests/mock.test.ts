/**
 * The typed mock session: replies registered per wrapper, the calls each wrapper made with
 * their typed parameters, a clear failure for an unregistered call; runner-agnostic (the
 * same session under node:test, in mock.node-test.ts).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as petstore from '../../generated/petstore.js';
import * as summarize from '../../generated/summarize.js';
import { createMockSession, DifyToolError, MockSessionError, type MockCall, type ToolParameters } from '../../generated/runtime.js';
import { REPO } from '../cli/run.js';
import * as everyType from '../kinds/generated/everyType.js';
import { createMockSession as createKindsMock } from '../kinds/generated/runtime.js';

describe('createMockSession', () => {
  it('answers each wrapper with its registered reply and records the typed parameters', async () => {
    const mock = createMockSession();
    mock.on(petstore.addPet).reply({ json: { id: 1, name: 'Rex', species: 'dog' } });
    mock.on(petstore.listPets).reply({ text: 'no pets' });
    expect(await petstore.addPet(mock, { name: 'Rex', species: 'dog', owner: { name: 'Ann' } }).json()).toEqual([{ id: 1, name: 'Rex', species: 'dog' }]);
    expect(await petstore.listPets(mock, { limit: 5 }).text()).toBe('no pets');
    expect(await petstore.listPets(mock).text()).toBe('no pets');

    const added = mock.calls(petstore.addPet);
    expectTypeOf(added).toEqualTypeOf<Array<MockCall<petstore.AddPetParams>>>();
    expectTypeOf(added[0]!.params).toEqualTypeOf<petstore.AddPetParams>();
    expectTypeOf(added[0]!.toolParameters).toEqualTypeOf<ToolParameters>();
    expectTypeOf(mock.calls(petstore.listPets)[0]!.params).toEqualTypeOf<petstore.ListPetsParams>();
    // The typed parameters as the caller gave them; tool_parameters as Dify would receive them.
    expect(added).toEqual([{ params: { name: 'Rex', species: 'dog', owner: { name: 'Ann' } }, toolParameters: { name: 'Rex', species: 'dog', owner: '{"name":"Ann"}' } }]);
    expect(mock.calls(petstore.listPets).map((c) => c.params)).toEqual([{ limit: 5 }, {}]);
    expect(mock.calls(petstore.getPetById)).toEqual([]);
  });

  it.each([
    ['messages', { messages: [{ type: 'text' as const, message: { text: 'a' }, meta: null }, { type: 'text' as const, message: { text: 'b' }, meta: null }] }, 'ab'],
    ['text', { text: 'plain' }, 'plain'],
  ] as const)('replies with %s', async (_name, reply, want) => {
    const mock = createMockSession().on(petstore.listPets).reply(reply);
    expect(await petstore.listPets(mock).text()).toBe(want);
  });

  it('replies with a function of the typed parameters', async () => {
    const mock = createMockSession();
    mock.on(petstore.getPetById).reply((params) => {
      expectTypeOf(params).toEqualTypeOf<petstore.GetPetByIdParams>();
      return { json: { id: params.petId, name: 'Rex', species: 'dog' } };
    });
    expect(await petstore.getPetById(mock, { petId: 7 }).json()).toEqual([{ id: 7, name: 'Rex', species: 'dog' }]);
  });

  it('fails the call with an error reply when the call is consumed', async () => {
    const mock = createMockSession().on(petstore.addPet).reply({ error: 'Request failed with status code 409 and taken' });
    const call = petstore.addPet(mock, { name: 'Rex', species: 'dog' });
    await expect(call.messages()).rejects.toThrow(new DifyToolError('Request failed with status code 409 and taken', 'ToolInvokeError'));
  });

  it('refuses an unregistered call, naming it and what is registered', () => {
    const mock = createMockSession().on(petstore.addPet).reply({ json: { id: 1, name: 'Rex', species: 'dog' } }).on(summarize.summarizeDocument).reply({ json: { summary: '', word_count: 0 } });
    expect(() => petstore.listPets(mock)).toThrow(MockSessionError);
    expect(() => petstore.listPets(mock)).toThrow(
      'no reply registered for the api tool "listPets" of provider "6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10"; registered: api tool "addPet" of provider "6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10", workflow tool "summarize_document" of provider "0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f"',
    );
    expect(() => petstore.listPets(createMockSession())).toThrow('no reply registered for the api tool "listPets" of provider "6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10"; registered: none');
  });

  it('still validates parameters before the mock is called', () => {
    const mock = createMockSession().on(petstore.addPet).reply({ json: { id: 1, name: 'Rex', species: 'dog' } });
    expect(() => petstore.addPet(mock, { name: 'Rex', species: 'fish' } as never)).toThrow('species: expected one of');
    expect(mock.calls(petstore.addPet)).toEqual([]);
  });

  it('types a json reply by the output the tool declares', async () => {
    const mock = createKindsMock().on(everyType.everyType).reply({ json: { results: ['a'], total: 1 } });
    const [out] = await everyType.everyType(mock, { a_string: 'x', a_select: 'fast' }).json();
    expectTypeOf(out).toEqualTypeOf<everyType.EveryTypeOutput | undefined>();
    expect(out).toEqual({ results: ['a'], total: 1 });
    // @ts-expect-error total is a number in the tool's output_schema
    mock.on(everyType.everyType).reply({ json: { total: 'many' } });
  });

  it('misuse does not compile', () => {
    const mock = createMockSession();
    // @ts-expect-error a reply is messages, json, text or error
    mock.on(petstore.addPet).reply({ body: 'x' });
    mock.on(petstore.getPetById).reply((params) => {
      // @ts-expect-error the typed parameters have no such key
      void params.petID;
      return { text: '' };
    });
  });

  it('works under node:test', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--test', 'test/requests/mock.node-test.ts'], { cwd: REPO, encoding: 'utf8' });
    expect(out).toMatch(/# pass 1\n# fail 0/);
  });
});
