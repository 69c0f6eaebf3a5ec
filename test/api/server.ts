// Test helper: a real FastRoute server on a free port with an in-memory store, and a tiny HTTP
// client for the admin API. No mocks: requests go through Fastify, the engine and the store.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { startServer, type ServerHandle } from '../../src/server/start.ts';

export interface TestServer extends ServerHandle {
  api(method: string, route: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown; text: string; contentType: string }>;
}

/** Flags as `fastroute start` would receive them (defaults: in memory, ports 0, no lab, silent), and an optional config file. */
export async function startTestServer(flags: Record<string, unknown> = {}, configFile?: Record<string, unknown>): Promise<TestServer> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'fastroute-api-'));
  // Settings that only a config file carries (API keys, ARM principals) go through a real one.
  if (configFile !== undefined) writeFileSync(path.join(cwd, 'fastroute.config.json'), JSON.stringify(configFile));
  const config = loadConfig({
    cwd,
    env: {},
    flags: { inMemory: true, adminPort: '0', ociPort: '0', armPort: '0', lab: false, logLevel: 'silent', ...flags },
  });
  const handle = await startServer(config);
  return {
    ...handle,
    async api(method, route, body, headers = {}) {
      // The admin token, when one is in force (strict auth), as the CLI sends it; a test's own header wins.
      const auth: Record<string, string> = handle.adminToken === undefined ? {} : { authorization: `Bearer ${handle.adminToken.token}` };
      const init: RequestInit = { method, headers: { ...auth, ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        init.headers = { 'content-type': 'application/json', ...auth, ...headers };
      }
      const res = await fetch(`${handle.adminUrl}/fastroute/v1${route}`, init);
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // NDJSON or plain text stays as text.
      }
      return { status: res.status, body: parsed, text, contentType: res.headers.get('content-type') ?? '' };
    },
  };
}

export const TUTORIAL = path.join(import.meta.dirname, '../../labs/tutorial.yaml');
