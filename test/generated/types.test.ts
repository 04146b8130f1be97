/**
 * The types users get from the generated modules. `tsc -p test/tsconfig.json` (part of
 * `npm test`) fails if any `@ts-expect-error` below stops being an error.
 */
import { describe, expectTypeOf, it } from 'vitest';
import * as petstore from '../../generated/petstore.js';
import type { DifySession, JsonObject, ToolCall } from '../../generated/runtime.js';

declare const session: DifySession;

describe('generated result types (from the success responses)', () => {
  it('json() yields the object bodies, body() every JSON body', () => {
    expectTypeOf<petstore.Pet>().toEqualTypeOf<petstore.NewPet & { id: number }>();
    // Checked by tsc only: the calls need a real session.
    const typeOnly = (f: () => void) => f;
    typeOnly(() => {
      expectTypeOf(petstore.getPetById(session, { petId: 1 }).json()).resolves.toEqualTypeOf<petstore.Pet[]>();
      expectTypeOf(petstore.getPetById(session, { petId: 1 }).body()).resolves.toEqualTypeOf<petstore.Pet>();
      // An array body: Dify sends it only as text; json() has nothing typed to give.
      expectTypeOf(petstore.listPets(session).body()).resolves.toEqualTypeOf<petstore.Pet[]>();
      expectTypeOf(petstore.listPets(session).json()).resolves.toEqualTypeOf<JsonObject[]>();
      // A format: binary property cannot be sent from a plugin (typed never): its result type stands all the same.
      expectTypeOf(petstore.petspetIdphotoPost(session, { petId: 1, photo: undefined as never }).json()).resolves.toEqualTypeOf<petstore.PetspetIdphotoPostResult[]>();
      // No JSON response declared: untyped, as before.
      expectTypeOf(petstore.deletePet(session, { petId: 1 }).body()).resolves.toEqualTypeOf<unknown>();
    });
  });

  it('misuse of a result does not compile', () => {
    const never = (f: () => Promise<void>) => f;
    never(async () => {
      const [pet] = await petstore.getPetById(session, { petId: 1 }).json();
      // @ts-expect-error a property the response schema does not have
      pet?.colour;
      // @ts-expect-error id is a number
      pet?.id.toUpperCase();
      const pets = await petstore.listPets(session).body();
      // @ts-expect-error body() of listPets is an array
      pets.name;
    });
  });
});

describe('generated parameter types', () => {
  it('keys are exactly Dify names, required where Dify requires them without a default', () => {
    expectTypeOf<petstore.GetPetByIdParams>().toEqualTypeOf<{ petId: number; 'X-Request-Id'?: string }>();
    expectTypeOf<petstore.ListPetsParams>().toEqualTypeOf<{ limit?: number; status?: petstore.PetStatus; tags?: string[] }>();
    expectTypeOf<petstore.PetStatus>().toEqualTypeOf<'available' | 'pending' | 'adopted'>();
    expectTypeOf<petstore.AddPetParams['species']>().toEqualTypeOf<'dog' | 'cat' | 'bird' | 'guinea pig'>();
    expectTypeOf<petstore.AddPetParams['owner']>().toEqualTypeOf<petstore.Owner | undefined>();
    expectTypeOf<petstore.Owner['referredBy']>().toEqualTypeOf<petstore.Owner | undefined>();
    // format: binary: Dify fails the call with any value a plugin can pass, so no value type-checks.
    expectTypeOf<petstore.PetspetIdphotoPostParams['photo']>().toEqualTypeOf<never>();
    expectTypeOf<petstore.PetspetIdphotoPostParams['caption']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf(petstore.getPetById).returns.toEqualTypeOf<ToolCall<petstore.GetPetByIdResult, Record<string, unknown>, petstore.GetPetByIdResult>>();
    expectTypeOf(petstore.deletePet).returns.toEqualTypeOf<ToolCall>();
    expectTypeOf(petstore.tools.getPetById.toolName).toEqualTypeOf<'getPetById'>();
  });

  it('misuse does not compile', () => {
    const never = (f: () => void) => f;
    never(() => {
      // @ts-expect-error a misspelt parameter name
      petstore.getPetById(session, { petID: 7 });
      // @ts-expect-error a wrong type
      petstore.getPetById(session, { petId: '7' });
      // @ts-expect-error a required parameter missing
      petstore.addPet(session, { species: 'cat' });
      // @ts-expect-error a value outside the enum
      petstore.addPet(session, { name: 'Rex', species: 'fish' });
      // @ts-expect-error parameters are required when any parameter is
      petstore.getPetById(session);
      // @ts-expect-error a file parameter takes a file, not a name
      petstore.petspetIdphotoPost(session, { petId: 1, photo: 'p.png' });
      petstore.listPets(session);
    });
  });
});
