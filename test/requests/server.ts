/** A recording HTTP server on 127.0.0.1 for the local-session tests: answers with canned responses and records every request. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A canned answer, in the golden cases' shape. */
export interface CannedResponse {
  status: number;
  content_type?: string | null;
  body?: string;
  body_base64?: string;
  headers?: Record<string, string>;
}

/** A request as the server received it: header names lower-cased, in arrival order. */
export interface RecordedRequest {
  method: string;
  url_path: string;
  query: string;
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** The answers, one per request, the last one repeating. */
  respond(responses: CannedResponse | CannedResponse[]): void;
  close(): Promise<void>;
}

function pairs(req: IncomingMessage): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) out.push([req.rawHeaders[i]!.toLowerCase(), req.rawHeaders[i + 1]!]);
  return out;
}

export async function startServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let responses: CannedResponse[] = [{ status: 200, content_type: 'application/json', body: '{}' }];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [path = '', ...rest] = (req.url ?? '').split('?');
      requests.push({ method: req.method ?? '', url_path: path, query: rest.join('?'), headers: pairs(req), body: Buffer.concat(chunks) });
      const answer = responses[Math.min(requests.length - 1, responses.length - 1)]!;
      const headers: Record<string, string> = { ...(answer.headers ?? {}) };
      if (answer.content_type != null) headers['Content-Type'] = answer.content_type;
      res.writeHead(answer.status, headers);
      res.end(answer.body_base64 !== undefined ? Buffer.from(answer.body_base64, 'base64') : (answer.body ?? ''));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(given) {
      requests.length = 0;
      responses = Array.isArray(given) ? given : [given];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
