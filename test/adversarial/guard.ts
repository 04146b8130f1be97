/**
 * Instruments the process before dify-toolgen is loaded: records every file read and
 * refuses (and records) every network connection. ESM named imports of built-in modules
 * follow the patched objects through `syncBuiltinESMExports`.
 */
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

export const reads: string[] = [];
export const connections: string[] = [];

function recordPath(arg: unknown): void {
  if (typeof arg === 'string') reads.push(arg);
  else if (arg instanceof URL) reads.push(arg.pathname);
  else if (Buffer.isBuffer(arg)) reads.push(arg.toString());
}

type Fn = (...args: unknown[]) => unknown;
for (const name of ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream', 'readdirSync', 'opendirSync'] as const) {
  const original = (fs as unknown as Record<string, Fn>)[name]!;
  (fs as unknown as Record<string, Fn>)[name] = function (this: unknown, ...args: unknown[]) {
    recordPath(args[0]);
    return original.apply(this, args);
  };
}
const originalPromiseRead = fs.promises.readFile;
fs.promises.readFile = ((...args: Parameters<typeof originalPromiseRead>) => {
  recordPath(args[0]);
  return originalPromiseRead(...args);
}) as typeof originalPromiseRead;

function refuse(what: string): never {
  connections.push(what);
  throw new Error(`network access refused by the test guard: ${what}`);
}
net.Socket.prototype.connect = function (...args: unknown[]) {
  return refuse(`socket ${JSON.stringify(args[0])}`);
} as typeof net.Socket.prototype.connect;
net.connect = ((...args: unknown[]) => refuse(`net.connect ${JSON.stringify(args[0])}`)) as typeof net.connect;
net.createConnection = net.connect;
dns.lookup = ((host: string) => refuse(`dns ${host}`)) as unknown as typeof dns.lookup;
for (const mod of [http, https]) {
  mod.request = ((...args: unknown[]) => refuse(`http ${String(args[0])}`)) as typeof http.request;
  mod.get = mod.request as typeof http.get;
}
globalThis.fetch = ((input: unknown) => refuse(`fetch ${String(input)}`)) as typeof fetch;
syncBuiltinESMExports();
