/** The mock session under node:test (run by mock.test.ts): nothing in it depends on vitest. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as petstore from '../../generated/petstore.js';
import { createMockSession } from '../../generated/runtime.js';

test('a mocked addPet', async () => {
  const mock = createMockSession();
  mock.on(petstore.addPet).reply({ json: { id: 1, name: 'Rex', species: 'cat' } });
  assert.deepEqual(await petstore.addPet(mock, { name: 'Rex', species: 'cat' }).json(), [{ id: 1, name: 'Rex', species: 'cat' }]);
  assert.deepEqual(mock.calls(petstore.addPet)[0]?.params, { name: 'Rex', species: 'cat' });
});
