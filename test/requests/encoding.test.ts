/**
 * One end-to-end test per encoding rule (src/dify/encoding.ts): a typed wrapper → the local
 * session (Dify's casts and request building) → a real HTTP server, asserting what the API
 * received; and the rules whose value can only fail, refused before the call.
 * The module is generated from test/requests/encoding.yaml (see dify-tools.yaml).
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import * as encoding from './generated/encoding.js';
import { createLocalSession, EncodingError, type DifySession } from './generated/runtime.js';
import { startServer, type RecordingServer } from './server.js';

let server: RecordingServer;
let session: DifySession;
beforeAll(async () => {
  server = await startServer();
  session = createLocalSession({ providers: [{ module: encoding, serverUrl: server.url }] });
});
afterAll(() => server.close());

/** Calls putThing and returns the one request the API received. */
async function received(params: encoding.PutThingParams) {
  server.respond({ status: 200, content_type: 'application/json', body: '{}' });
  await encoding.putThing(session, params).messages();
  const [request] = server.requests;
  const headers = Object.fromEntries(request!.headers);
  return { path: request!.url_path, query: decodeURIComponent(request!.query.replace(/\+/g, ' ')), body: JSON.parse(request!.body.toString('utf8') || 'null'), header: headers['x-trace'], cookie: headers['cookie'] };
}

describe('values arrive as the spec means them', () => {
  it.each([
    ['body.json.object: an object property arrives as a JSON object', { given: { id: 'x', meta: { a: 1 } }, want: { body: { meta: { a: 1 } } } }],
    ['an array of objects in a JSON body arrives as a list', { given: { id: 'x', tags: [{ k: 'v' }] }, want: { body: { tags: [{ k: 'v' }] } } }],
    ['body.ref: a $ref property arrives as JSON text (Dify does not convert it)', { given: { id: 'x', owner: { name: 'Ann' } }, want: { body: { owner: '{"name":"Ann"}' } } }],
    ['path.segment: slashes, ? and # stay inside one segment', { given: { id: 'a/b?c#d é' }, want: { path: '/things/a%2Fb%3Fc%23d%20%C3%A9' } }],
    ['path.segment: a .. value is not resolved away', { given: { id: '..' }, want: { path: '/things/%2E%2E' } }],
    ['query.object: an object query value arrives as JSON text', { given: { id: 'x', filter: { a: 1 } }, want: { query: 'filter={"a":1}' } }],
    ['query.object-array: each object item arrives as JSON text', { given: { id: 'x', sort: [{ by: 'name' }, { by: 'age' }] }, want: { query: 'sort={"by":"name"}&sort={"by":"age"}' } }],
    ['query.array.comma: explode: false joins the items with commas', { given: { id: 'x', ids: [1, 2, 3] }, want: { query: 'ids=1,2,3' } }],
    ['query.array.pipe: pipeDelimited joins them with |', { given: { id: 'x', labels: ['a b', 'c'] }, want: { query: 'labels=a b|c' } }],
    ['header.text: an ASCII header arrives as written', { given: { id: 'x', 'X-Trace': 't-1' }, want: { header: 't-1' } }],
  ] as const)('%s', async (_name, { given, want }) => {
    expect(await received(given as encoding.PutThingParams)).toMatchObject(want);
  });

  it('integers arrive as integers', async () => {
    expect(await received({ id: 'x', count: 7 })).toMatchObject({ body: { count: 7 } });
  });
});

describe('values that can only fail are refused before the call', () => {
  it('by the type (never), so that such a call does not compile', () => {
    expectTypeOf<encoding.PutThingParams['visits']>().toEqualTypeOf<undefined>();
    expectTypeOf<encoding.UploadParams['file']>().toEqualTypeOf<undefined>();
    // @ts-expect-error a number cookie: Dify's HTTP client refuses it
    void (() => encoding.putThing(session, { id: 'x', visits: 3 }));
  });

  it.each([
    ['header.text: a non-ASCII header (Dify: UnicodeEncodeError)', { call: () => encoding.putThing(session, { id: 'x', 'X-Trace': 'naïve' }), want: 'parameter "X-Trace": a header value must be ASCII (Dify fails on any other character)' }],
    ['cookie.not-text: a number cookie (Dify: expected string or bytes-like object)', { call: () => encoding.putThing(session, { id: 'x', visits: 3 } as never), want: 'parameter "visits": Dify cannot send a value of this parameter from a plugin (see the warning of `generate`)' }],
    ['body.binary: null for a file (Dify: NoneType has no attribute filename)', { call: () => encoding.upload(session, { file: null } as never, { validate: false }), want: 'parameter "file": Dify cannot send a value of this parameter from a plugin (see the warning of `generate`)' }],
    ['body.binary: a file from a plugin (Dify: no attribute filename)', { call: () => encoding.upload(session, { file: { url: 'https://x/a.txt' } } as never), want: 'parameter "file": Dify cannot send a value of this parameter from a plugin (see the warning of `generate`)' }],
  ] as const)('%s', (_name, { call, want }) => {
    server.respond({ status: 200, content_type: 'application/json', body: '{}' });
    expect(call).toThrow(new EncodingError('', '').constructor as typeof EncodingError);
    expect(call).toThrow(want);
    expect(server.requests).toEqual([]);
  });
});

describe('without the encodings, Dify would send other values (the golden rules they answer)', () => {
  it('an object sent raw arrives as its Python repr', async () => {
    server.respond({ status: 200, content_type: 'application/json', body: '{}' });
    await session.tool.invokeApiTool(encoding.provider.id, 'putThing', { id: 'x', meta: { a: 1 } });
    expect(JSON.parse(server.requests[0]!.body.toString('utf8'))).toEqual({ meta: "{'a': 1}" });
  });

  it('a path value sent raw loses everything from ?', async () => {
    server.respond({ status: 200, content_type: 'application/json', body: '{}' });
    await session.tool.invokeApiTool(encoding.provider.id, 'putThing', { id: 'a?b' });
    expect(server.requests[0]!.url_path).toBe('/things/a');
  });
});
