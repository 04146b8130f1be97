/** The local session beyond the golden cases: encoded responses, redirects that change the method, other tool kinds, lookups. */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as methods from './generated/methods.js';
import * as quirks from './generated/quirks.js';
import * as petstore from '../../generated/petstore.js';
import * as summarize from '../../generated/summarize.js';
import { createLocalSession, DifyToolError, type DifySession } from './generated/runtime.js';
import { startServer, type RecordingServer } from './server.js';

let server: RecordingServer;
let session: DifySession;
beforeAll(async () => {
  server = await startServer();
  session = createLocalSession({ providers: [{ module: methods, serverUrl: server.url }, { module: quirks, serverUrl: server.url }] });
});
afterAll(() => server.close());

describe('createLocalSession', () => {
  it('decodes a gzip-encoded response, as httpx does', async () => {
    server.respond({ status: 200, content_type: 'application/json', body_base64: gzipSync('{"a": 1}').toString('base64'), headers: { 'Content-Encoding': 'gzip' } });
    expect(await session.tool.invokeApiTool(methods.provider.id, 'getR', {})).toEqual([
      { type: 'json', message: { json_object: { a: 1 }, suppress_output: false }, meta: null },
      { type: 'text', message: { text: '{"a": 1}' }, meta: null },
    ]);
  });

  it('follows a 302 after a POST with a GET without body, keeping the content-type (as httpx)', async () => {
    server.respond([{ status: 302, content_type: 'text/plain', body: 'moved', headers: { Location: '/final' } }, { status: 200, content_type: 'text/plain', body: 'done' }]);
    expect(await session.tool.invokeApiTool(methods.provider.id, 'postR', { x: '1' })).toEqual([{ type: 'text', message: { text: 'done' }, meta: null }]);
    const [first, second] = server.requests;
    expect([first!.method, first!.body.toString()]).toEqual(['POST', '{"x": "1"}']);
    expect([second!.method, second!.url_path, second!.body.toString(), second!.headers.find(([n]) => n === 'content-type')?.[1]]).toEqual(['GET', '/final', '', 'application/json']);
  });

  it('gives up after 20 redirects, as httpx does', async () => {
    server.respond({ status: 302, content_type: 'text/plain', body: 'again', headers: { Location: '/r' } });
    await expect(session.tool.invokeApiTool(methods.provider.id, 'getR', {})).rejects.toThrow(new DifyToolError('Exceeded maximum allowed redirects.', 'TooManyRedirects'));
    expect(server.requests).toHaveLength(21);
  });

  it.each([
    ['an API provider it was not given', () => session.tool.invokeApiTool(petstore.provider.id, 'listPets', {}), `api provider "${petstore.provider.id}" is not among the providers of this local session`],
    [
      'an API module without request data',
      () => createLocalSession({ providers: [{ module: { provider: petstore.provider } }] }).tool.invokeApiTool(petstore.provider.id, 'listPets', {}),
      `api provider "${petstore.provider.id}" has a module without request data: regenerate it with dify-toolgen`,
    ],
    ['a builtin tool without a handler', () => session.tool.invokeBuiltinTool('langgenius/google/google', 'google_search', {}), 'the builtin tool "google_search" of provider "langgenius/google/google" cannot run outside Dify: pass a `builtin` handler to createLocalSession'],
    ['a workflow tool without a handler', () => summarize.summarizeDocument(session, { document: 'x' }).messages(), `the workflow tool "summarize_document" of provider "${summarize.provider.id}" cannot run outside Dify: pass a \`workflow\` handler to createLocalSession`],
  ] as const)('fails clearly for %s', async (_name, call, message) => {
    await expect((async () => call())()).rejects.toThrow(new DifyToolError(message, 'ToolProviderNotFoundError'));
  });

  it('sends what Dify sends for absent parameters with list and null defaults, and a Content-Type header alone', async () => {
    server.respond({ status: 200, content_type: 'text/plain', body: 'ok' });
    await quirks.contentTypeOnly(session).messages();
    const [request] = server.requests;
    // do_http_request: the body starts as {} and is JSON-dumped under that content-type;
    // str(None) for the null default; a list default repeats the key.
    expect([request!.method, request!.query, request!.body.toString()]).toEqual(['GET', 'tags=a&tags=b', '{}']);
    expect(request!.headers.filter(([n]) => n.startsWith('x-') || n === 'content-type')).toEqual([
      ['content-type', 'application/json'],
      ['x-null', 'None'],
    ]);
  });

  it('passes builtin and workflow calls to their handlers', async () => {
    const local = createLocalSession({ providers: [], workflow: (provider, tool, parameters) => [{ type: 'variable', message: { variable_name: 'summary', variable_value: `${tool}:${String(parameters['document'])}`, stream: false } }] });
    expect(await summarize.summarizeDocument(local, { document: 'x' }).variables()).toEqual({ summary: 'summarize_document:x' });
  });
});
