/**
 * An in-process server on a real socket (port 0) with a temporary keys file and a log capture, for
 * the HTTP tests. Requests go through fetch (undici), exactly as a portal's would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadServeConfig, type ServeConfigInput } from '../../../src/apps/http/config.js';
import { addKey, type AddKeyOptions } from '../../../src/apps/http/keys.js';
import { buildServer, type FinplanServer } from '../../../src/apps/http/server.js';

export interface TestServer {
  server: FinplanServer;
  url: string;
  keysFile: string;
  logs: string[];
  /** Add a key to the server's keys file; returns the bearer key (and signing secret). */
  addKey: (name: string, options: AddKeyOptions) => { key: string; signingSecret?: string };
  /** The server's clock, in ms; tests move it forward. */
  now: { ms: number };
  close: () => Promise<void>;
}

export async function startTestServer(
  config: Partial<ServeConfigInput> = {},
  options: { warmUp?: boolean } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'finplan-http-'));
  const keysFile = join(dir, 'keys.json');
  const logs: string[] = [];
  let partial = '';
  const logStream = new Writable({
    write(chunk, _enc, done) {
      const lines = (partial + String(chunk)).split('\n');
      partial = lines.pop() ?? '';
      logs.push(...lines.filter(Boolean));
      done();
    },
  });
  const now = { ms: Date.now() };
  const server = await buildServer({
    config: loadServeConfig({ flags: { port: 0, workers: 1, maxQueue: 4, keysFile, ...config } }),
    logStream,
    clock: () => now.ms,
    warmUp: options.warmUp ?? false,
  });
  const url = await server.listen();
  return {
    server,
    url,
    keysFile,
    logs,
    now,
    addKey: (name, o) => {
      const { key, signingSecret } = addKey(keysFile, name, o);
      // The store re-reads the file at most once a second of its clock.
      now.ms += 1500;
      return { key, ...(signingSecret ? { signingSecret } : {}) };
    },
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function bearer(key: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${key}`, ...extra };
}

export const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** A JSON answer, loosely typed: the tests check its shape themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;
export const json = (r: Response): Promise<Json> => r.json() as Promise<Json>;
