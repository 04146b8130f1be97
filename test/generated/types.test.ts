/**
 * The types users get from the generated modules. `tsc -p test/tsconfig.json` (part of
 * `npm test`) fails if any `@ts-expect-error` below stops being an error.
 */
import { describe, expectTypeOf, it } from 'vitest';
import * as petstore from '../../generated/petstore.js';
import type { DifySession, ToolCall } from '../../generated/runtime.js';

declare const session: DifySession;

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
    expectTypeOf(petstore.getPetById).returns.toEqualTypeOf<ToolCall>();
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
