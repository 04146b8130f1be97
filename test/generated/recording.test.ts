/**
 * The generated wrappers, called with a recording session: the exact (provider, toolName,
 * parameters) each sends, and parameters rejected before any call.
 */
import { describe, expect, it } from 'vitest';
import * as petstore from '../../generated/petstore.js';
import * as weather from '../../generated/weather.js';
import * as google from '../../generated/google.js';
import * as tavily from '../../generated/tavily.js';
import * as summarize from '../../generated/summarize.js';
import { configure, EncodingError, ToolParameterError, ToolResultError, type DifySession, type ToolInvokeMessage } from '../../generated/runtime.js';

type Call = [kind: 'api' | 'builtin' | 'workflow', provider: string, toolName: string, parameters: Record<string, unknown>];

function recordingSession(reply: ToolInvokeMessage[] = [{ type: 'text', message: { text: 'ok' } }]): { session: DifySession; calls: Call[] } {
  const calls: Call[] = [];
  const record = (kind: Call[0]) => (provider: string, toolName: string, parameters: Record<string, unknown>) => {
    calls.push([kind, provider, toolName, parameters]);
    return reply;
  };
  return { session: { tool: { invokeApiTool: record('api'), invokeBuiltinTool: record('builtin'), invokeWorkflowTool: record('workflow') } }, calls };
}

const PETSTORE = '6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10';
const WEATHER = '0d3b7c52-8e4f-4a61-b2c9-5f7e1a9d3c48';

describe('generated wrappers send exactly what Dify expects', () => {
  it.each<[string, (s: DifySession) => unknown, Call]>([
    ['a GET with path and header parameters', (s) => petstore.getPetById(s, { petId: 7, 'X-Request-Id': '8d5e957f-2f3a-4c1e-9b0d-6a7c2e1f0a11' }), ['api', PETSTORE, 'getPetById', { petId: 7, 'X-Request-Id': '8d5e957f-2f3a-4c1e-9b0d-6a7c2e1f0a11' }]],
    ['no parameters at all', (s) => petstore.listPets(s), ['api', PETSTORE, 'listPets', {}]],
    ['optional parameters left out are not sent', (s) => petstore.listPets(s, { limit: 5, status: undefined }), ['api', PETSTORE, 'listPets', { limit: 5 }]],
    [
      'a JSON body with an enum, a nested $ref object and a YAML-1.1 default',
      (s) => petstore.addPet(s, { name: 'Rex', species: 'guinea pig', owner: { name: 'Ann', referredBy: { name: 'Bo' } } }),
      // owner is a $ref property, which Dify sends unconverted: JSON text, not a Python repr.
      ['api', PETSTORE, 'addPet', { name: 'Rex', species: 'guinea pig', owner: '{"name":"Ann","referredBy":{"name":"Bo"}}' }],
    ],
    [
      'a path value percent-encoded as one segment, under the fallback tool name',
      (s) => petstore.petspetIdphotoPost(s, { petId: 'a/b', caption: null } as never, { validate: false }),
      ['api', PETSTORE, 'petspetIdphoto_post', { petId: 'a%2Fb', caption: null }],
    ],
    ['a second provider, fallback name without operationId', (s) => weather.v1currentGet(s, { city: 'Oslo' }), ['api', WEATHER, 'v1current_get', { city: 'Oslo' }]],
    ['an array of $ref enums', (s) => weather.forecast(s, { days: 3, city: 'Oslo', include: ['wind', 'humidity'] }), ['api', WEATHER, 'forecast', { days: 3, city: 'Oslo', include: ['wind', 'humidity'] }]],
    ['a builtin tool read from a plugin folder', (s) => google.googleSearch(s, { query: 'dify', as_agent_tool: true }), ['builtin', 'langgenius/google/google', 'google_search', { query: 'dify', as_agent_tool: true }]],
    ['a builtin tool read from a .difypkg', (s) => tavily.tavilySearch(s, { query: 'dify' }), ['builtin', 'langgenius/tavily/tavily', 'tavily_search', { query: 'dify' }]],
    [
      'a workflow tool read from a DSL',
      (s) => summarize.summarizeDocument(s, { document: 'Long text', audience: 'executives', appendices: [{ upload_file_id: 'f-1' }] }),
      ['workflow', '0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f', 'summarize_document', { document: 'Long text', audience: 'executives', appendices: [{ upload_file_id: 'f-1' }] }],
    ],
  ])('%s', async (_name, invoke, want) => {
    const { session, calls } = recordingSession();
    invoke(session);
    expect(calls).toEqual([want]);
  });

  it.each<[string, (s: DifySession) => unknown, string]>([
    ['a misspelt parameter', (s) => petstore.getPetById(s, { petID: 7 } as never), 'invalid parameters for Dify tool "getPetById": petId: expected number, received undefined; (parameters): unknown parameter "petID"'],
    ['a wrong type', (s) => petstore.getPetById(s, { petId: '7' } as never), 'invalid parameters for Dify tool "getPetById": petId: expected number, received string'],
    ['a missing required parameter', (s) => petstore.addPet(s, { species: 'cat' } as never), 'invalid parameters for Dify tool "addPet": name: expected string, received undefined'],
    ['a value outside the enum', (s) => petstore.addPet(s, { name: 'x', species: 'fish' } as never), 'invalid parameters for Dify tool "addPet": species: expected one of "dog", "cat", "bird", "guinea pig"'],
    ['a nested object of the wrong shape', (s) => petstore.addPet(s, { name: 'x', species: 'cat', owner: { email: 'a@b' } } as never), 'invalid parameters for Dify tool "addPet": owner.name: expected string, received undefined'],
    ['not a file', (s) => petstore.petspetIdphotoPost(s, { petId: 1, photo: 'p.png' } as never), 'invalid parameters for Dify tool "petspetIdphoto_post": photo: expected a Dify file (an object with a url or a file id), received string'],
    // Every check names its bound (issue #9, #14); none says "Invalid input".
    ['a number above its maximum', (s) => petstore.listPets(s, { limit: 120 }), 'invalid parameters for Dify tool "listPets": limit: expected at most 100, received 120'],
    ['a number below its minimum', (s) => weather.forecast(s, { days: 0, city: 'Oslo' }), 'invalid parameters for Dify tool "forecast": days: expected at least 1, received 0'],
    ['a fraction for an integer', (s) => petstore.getPetById(s, { petId: 1.5 }), 'invalid parameters for Dify tool "getPetById": petId: expected an integer, received 1.5'],
    ['a date that does not exist', (s) => petstore.addPet(s, { name: 'x', species: 'cat', birthday: '2023-02-29' }), 'invalid parameters for Dify tool "addPet": birthday: expected a date (RFC 3339 full-date), received "2023-02-29"'],
    ['a nested malformed email', (s) => petstore.addPet(s, { name: 'x', species: 'cat', owner: { name: 'o', email: 'a@b' } }), 'invalid parameters for Dify tool "addPet": owner.email: expected an email address, received "a@b"'],
    ['a header that is not a UUID', (s) => petstore.getPetById(s, { petId: 7, 'X-Request-Id': 'r-1' }), 'invalid parameters for Dify tool "getPetById": X-Request-Id: expected a UUID, received "r-1"'],
  ])('rejects %s before calling Dify', (_name, invoke, message) => {
    const { session, calls } = recordingSession();
    expect(() => invoke(session)).toThrow(ToolParameterError);
    expect(() => invoke(session)).toThrow(message);
    expect(() => invoke(session)).not.toThrow('Invalid input');
    expect(calls).toEqual([]);
  });

  it('refuses a file for a format: binary property, which Dify cannot send from a plugin', () => {
    const { session, calls } = recordingSession();
    const call = () => petstore.petspetIdphotoPost(session, { petId: 1, photo: { url: 'https://files.example/p.png' } } as never);
    expect(call).toThrow(EncodingError);
    expect(call).toThrow('parameter "photo": Dify cannot send a value of this parameter from a plugin (see the warning of `generate`)');
    expect(calls).toEqual([]);
  });

  it('sends invalid parameters unchecked when validation is turned off, per call or globally', () => {
    const { session, calls } = recordingSession();
    petstore.getPetById(session, { petId: '7' } as never, { validate: false });
    configure({ validate: false });
    try {
      petstore.getPetById(session, { petId: 'x' } as never);
    } finally {
      configure({ validate: true });
    }
    expect(calls).toEqual([
      ['api', PETSTORE, 'getPetById', { petId: '7' }],
      ['api', PETSTORE, 'getPetById', { petId: 'x' }],
    ]);
  });
});

describe('consuming a call', () => {
  const messages: ToolInvokeMessage[] = [
    { type: 'json', message: { json_object: { id: 7 } } },
    { type: 'text', message: { text: 'found ' } },
    { type: 'text', message: { text: 'Rex' } },
    { type: 'image_link', message: { text: 'https://img.example/7.png' } },
    { type: 'variable', message: { variable_name: 'answer', variable_value: 'a', stream: true } },
    { type: 'variable', message: { variable_name: 'answer', variable_value: 'b', stream: true } },
  ];

  it('collects messages, text, JSON objects, files and variables, from sync or async streams', async () => {
    async function* asyncStream() {
      yield* messages;
    }
    for (const reply of [messages, asyncStream()]) {
      const session: DifySession = { tool: { invokeApiTool: () => reply, invokeBuiltinTool: () => [], invokeWorkflowTool: () => [] } };
      const call = petstore.getPetById(session, { petId: 7 });
      expect(await call.messages()).toEqual(messages);
    }
    const session = recordingSession(messages).session;
    expect(await petstore.getPetById(session, { petId: 7 }).text()).toBe('found Rex');
    expect(await petstore.getPetById(session, { petId: 7 }).json()).toEqual([{ id: 7 }]);
    expect(await petstore.getPetById(session, { petId: 7 }).files()).toEqual([messages[3]]);
    expect(await petstore.getPetById(session, { petId: 7 }).variables()).toEqual({ answer: 'ab' });
  });
});

describe('typed results: what Dify sends for each kind of response', () => {
  const pet = { id: 7, name: 'Rex', species: 'dog' };
  const raw = JSON.stringify(pet);
  const EMPTY = 'Empty response from the tool, please check your parameters and try again.';
  function replying(messages: ToolInvokeMessage[] | Error): DifySession {
    // Dify fails the stream itself (an error line), so the failure surfaces while iterating.
    const reply = () =>
      messages instanceof Error
        ? (function* (): Generator<ToolInvokeMessage> {
            throw messages;
          })()
        : messages;
    return { tool: { invokeApiTool: reply, invokeBuiltinTool: reply, invokeWorkflowTool: reply } };
  }

  it('an object body: a json message, then the raw body as text', async () => {
    const session = replying([
      { type: 'json', message: { json_object: pet } },
      { type: 'text', message: { text: raw } },
    ]);
    expect(await petstore.getPetById(session, { petId: 7 }).json()).toEqual([pet]);
    expect(await petstore.getPetById(session, { petId: 7 }).body()).toEqual(pet);
    expect(await petstore.getPetById(session, { petId: 7 }).text()).toBe(raw);
  });

  it('an array body: one text message, no json message', async () => {
    const session = replying([{ type: 'text', message: { text: `[${raw}]` } }]);
    expect(await petstore.listPets(session).json()).toEqual([]);
    expect(await petstore.listPets(session).body()).toEqual([pet]);
  });

  it('a status >= 400: the stream fails, and so does every accessor', async () => {
    const session = replying(new Error('Request failed with status code 404 and not found'));
    await expect(petstore.getPetById(session, { petId: 7 }).json()).rejects.toThrow('Request failed with status code 404 and not found');
    await expect(petstore.getPetById(session, { petId: 7 }).body()).rejects.toThrow('Request failed with status code 404 and not found');
  });

  it('an attachment: its bytes as a text message (no file message at this Dify version)', async () => {
    const session = replying([{ type: 'text', message: { text: '\ufffdPNG\r\n\u001a\n' } }]);
    expect(await petstore.getPetById(session, { petId: 7 }).files()).toEqual([]);
    await expect(petstore.getPetById(session, { petId: 7 }).body()).rejects.toThrow(ToolResultError);
    await expect(petstore.getPetById(session, { petId: 7 }).body()).rejects.toThrow('result of Dify tool "getPetById": the text is not JSON: "\ufffdPNG\\r\\n\\u001a\\n"');
  });

  it('an empty body: Dify says so in a text message, which is not JSON', async () => {
    const session = replying([{ type: 'text', message: { text: EMPTY } }]);
    await expect(petstore.deletePet(session, { petId: 7 }).body()).rejects.toThrow(`result of Dify tool "deletePet": the text is not JSON: ${JSON.stringify(EMPTY.slice(0, 100))}`);
  });

  it.each<[string, ToolInvokeMessage[], (s: DifySession, o: { validateResults: boolean }) => Promise<unknown>, string]>([
    ['a json object', [{ type: 'json', message: { json_object: { ...pet, id: '7' } } }], (s, o) => petstore.getPetById(s, { petId: 7 }, o).json(), 'id: expected number, received string'],
    ['an array body', [{ type: 'text', message: { text: JSON.stringify([pet, { name: 'Tom' }]) } }], (s, o) => petstore.listPets(s, {}, o).body(), '1.species: expected one of "dog", "cat", "bird", "guinea pig"'],
    ['an object body of another type', [{ type: 'text', message: { text: '[1]' } }], (s, o) => petstore.addPet(s, { name: 'Rex', species: 'dog' }, o).body(), '(result): expected object, received array'],
  ])('validateResults reports where %s differs from the spec', async (_name, messages, consume, where) => {
    const session = replying(messages);
    await expect(consume(session, { validateResults: false })).resolves.toBeDefined();
    await expect(consume(session, { validateResults: true })).rejects.toThrow(ToolResultError);
    await expect(consume(session, { validateResults: true })).rejects.toThrow(`does not match the spec's response schema: ${where}`);
  });

  it('validateResults can be turned on for every call', async () => {
    const session = replying([{ type: 'json', message: { json_object: { id: 'x' } } }]);
    configure({ validateResults: true });
    try {
      await expect(petstore.getPetById(session, { petId: 7 }).json()).rejects.toThrow('id: expected number, received string');
    } finally {
      configure({ validateResults: false });
    }
    await expect(petstore.getPetById(session, { petId: 7 }).json()).resolves.toEqual([{ id: 'x' }]);
  });
});

describe('module metadata', () => {
  it('exports the provider and every wrapper with its Dify tool name and parameter names', () => {
    expect(petstore.provider).toEqual({ type: 'api', id: PETSTORE });
    expect(petstore.tools).toEqual({
      listPets: { toolName: 'listPets', parameters: ['limit', 'status', 'tags'] },
      addPet: { toolName: 'addPet', parameters: ['name', 'species', 'birthday', 'status', 'owner', 'vaccinated'] },
      getPetById: { toolName: 'getPetById', parameters: ['petId', 'X-Request-Id'] },
      deletePet: { toolName: 'deletePet', parameters: ['petId'] },
      petspetIdphotoPost: { toolName: 'petspetIdphoto_post', parameters: ['petId', 'photo', 'caption'] },
    });
    expect(weather.tools).toEqual({
      v1currentGet: { toolName: 'v1current_get', parameters: ['city', 'units'] },
      forecast: { toolName: 'forecast', parameters: ['days', 'city', 'include'] },
    });
  });
});
