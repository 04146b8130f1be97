/**
 * Every call of the golden requests (test/requests/golden, a copy of
 * ../shared/dify-golden/requests) that a plugin can make, through `createLocalSession`,
 * against a real HTTP server on 127.0.0.1: the request (method, path, query, body bytes, the
 * headers the tool controls) and the messages or the error text must be what the real Dify
 * produced. Cases with `file_objects` are left out: a plugin cannot pass file objects.
 * The modules are generated from test/requests/dify-tools.yaml and committed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as modules from './generated/index.js';
import { apiRequests, createLocalSession, DifyToolError, type ApiCredentials, type ProviderModule } from './generated/runtime.js';
import { startServer, type CannedResponse, type RecordedRequest, type RecordingServer } from './server.js';

const HERE = new URL('.', import.meta.url).pathname;
const lines = (file: string) => readFileSync(join(HERE, 'golden', file), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

interface Case {
  id: string;
  spec: string;
  tool: string;
  parameters: Record<string, unknown>;
  credentials: Record<string, unknown>;
  response: CannedResponse | CannedResponse[];
  file_objects?: boolean;
  invocations?: number;
  keep_server?: boolean;
  closed_port?: boolean;
}
interface GoldenRequest {
  method: string;
  url_path: string;
  query: string;
  headers: Record<string, string | string[]>;
  body?: string;
  body_base64?: string;
}
interface Golden {
  id: string;
  request: GoldenRequest | null;
  requests?: GoldenRequest[];
  messages?: unknown[];
  error?: string;
}

const cases: Case[] = lines('cases.jsonl');
const golden = new Map<string, Golden>(lines('golden.jsonl').map((g: Golden) => [g.id, g]));
const pluginCases = cases.filter((c) => !c.file_objects);

/**
 * Headers that only identify Dify's HTTP client (the issue: they need not be copied), and
 * `host` (normalised in the golden data). Everything else is compared, in order.
 */
const CLIENT_HEADERS = new Set(['host', 'accept-encoding', 'user-agent', 'connection', 'traceparent']);
/** What `fetch` (undici) adds on its own, left out when the session sends through `fetch`. */
const FETCH_HEADERS = new Set([...CLIENT_HEADERS, 'accept', 'accept-language', 'sec-fetch-mode', 'content-length']);

function moduleOf(spec: string): ProviderModule {
  const name = spec.replace(/^specs\//, '').replace(/\.(yaml|json)$/, '').replace(/-/g, '_');
  return (modules as unknown as Record<string, ProviderModule>)[name]!;
}

function specServer(spec: string): string {
  return apiRequests(moduleOf(spec))!.server;
}

/** The parts of a request compared: method, path, query, body, and the tool's headers in order. */
function wantRequest(r: GoldenRequest, skip: ReadonlySet<string>) {
  const headers = Object.entries(r.headers).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value]]));
  const body = r.body_base64 !== undefined ? Buffer.from(r.body_base64, 'base64') : Buffer.from(r.body ?? '', 'utf8');
  return { method: r.method, url_path: r.url_path, query: r.query, headers: headers.filter(([n]) => !skip.has(n!)), body: body.toString('base64') };
}

function gotRequest(r: RecordedRequest, skip: ReadonlySet<string>) {
  const headers = r.headers.filter(([n]) => !skip.has(n));
  return { method: r.method, url_path: r.url_path, query: r.query, headers, body: r.body.toString('base64') };
}

/** An address where nothing listens: a port that was free a moment ago. */
async function closedPort(): Promise<string> {
  const probe = await startServer();
  await probe.close();
  return probe.url;
}

async function run(server: RecordingServer, c: Case, transport?: typeof fetch): Promise<{ messages?: unknown[]; error?: string; requests: ReturnType<typeof gotRequest>[] }> {
  server.respond(c.response);
  const base = c.keep_server ? specServer(c.spec) : c.closed_port ? await closedPort() : server.url;
  const module = moduleOf(c.spec);
  const session = createLocalSession({ providers: [{ module, credentials: c.credentials as ApiCredentials, serverUrl: base }], ...(transport ? { fetch: transport } : {}) });
  let messages: unknown[] | undefined;
  let error: string | undefined;
  for (let i = 0; i < (c.invocations ?? 1); i++) {
    try {
      messages = JSON.parse(JSON.stringify(await session.tool.invokeApiTool(module.provider.id, c.tool, c.parameters)));
    } catch (e) {
      if (!(e instanceof DifyToolError)) throw e;
      error = e.message.split(base).join(specServer(c.spec).replace(/\/$/, ''));
    }
  }
  return { ...(messages ? { messages } : {}), ...(error !== undefined ? { error } : {}), requests: server.requests.map((r) => gotRequest(r, transport ? FETCH_HEADERS : CLIENT_HEADERS)) };
}

function want(g: Golden, skip: ReadonlySet<string> = CLIENT_HEADERS) {
  const requests = g.requests ?? (g.request ? [g.request] : []);
  return { ...(g.messages ? { messages: JSON.parse(JSON.stringify(g.messages)) } : {}), ...(g.error !== undefined ? { error: g.error } : {}), requests: requests.map((r) => wantRequest(r, skip)) };
}

describe('the golden requests through the local session', () => {
  let server: RecordingServer;
  const agree: string[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
    console.log(`golden requests: ${agree.length} of ${pluginCases.length} plugin cases agree (${cases.length - pluginCases.length} file-object cases left out)`);
  });

  it.each(pluginCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const got = await run(server, c);
    // A redirect's later requests (golden: on the server's origin) are compared too.
    expect(got).toEqual(want(golden.get(c.id)!));
    agree.push(c.id);
  });
});

describe('the golden requests through the local session with `fetch` as the transport', () => {
  it('agree except where fetch cannot send what httpx sends', async () => {
    const server = await startServer();
    const differ: string[] = [];
    try {
      for (const c of pluginCases) {
        const got = await run(server, c, fetch).catch((e: unknown) => ({ error: String(e), requests: [] }));
        if (JSON.stringify(got) !== JSON.stringify(want(golden.get(c.id)!, FETCH_HEADERS))) differ.push(c.id);
      }
    } finally {
      await server.close();
    }
    // fetch joins two headers of one name into one and refuses a body on GET (it also
    // resolves a %2E%2E path segment, which no golden case has).
    expect(differ).toEqual(['header-content-type-param', 'json-get-with-body', 'auth-header-vs-lowercase-param']);
  });
});
