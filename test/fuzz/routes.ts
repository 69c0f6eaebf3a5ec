// The endpoints to fuzz, read from the servers themselves so a new endpoint is fuzzed (and counted
// for coverage) without touching the suite. The admin and OCI APIs are Fastify routes: their route
// trees are printed and flattened. The ARM API is one catch-all Fastify route dispatching on its
// own operation table (src/api/arm/app.ts), so that table is its list of endpoints.
import type { FastifyInstance } from 'fastify';
import { createAdminApp } from '../../src/api/admin/app.ts';
import { ARM_OPERATIONS } from '../../src/api/arm/resources/index.ts';
import { createOciApp } from '../../src/api/oci/app.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { Endpoints } from '../../src/api/admin/contract.ts';

export type ServerName = 'oci' | 'arm' | 'admin';

export interface Endpoint {
  server: ServerName;
  method: string;
  /** The path template with `{name}` parameters (OCI, ARM) or Fastify's `:name` / `*` (admin). */
  path: string;
  /** ARM: the identity endpoints take no bearer token. */
  unauthenticated?: boolean;
}

/** Flattens Fastify's printRoutes({commonPrefix: false}) tree into method + full path pairs. */
export function flattenRouteTree(tree: string): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (m === null) continue;
    const depth = (m[1] ?? '').length / 4;
    const label = m[2] ?? '';
    const parent = stack[depth - 1] ?? '';
    // A parameter or wildcard node is printed without the slash that separates it from its parent.
    const joint = (label.startsWith(':') || label.startsWith('*')) && !parent.endsWith('/') ? '/' : '';
    const full = `${parent}${joint}${label}`;
    stack.length = depth;
    stack.push(full);
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      // HEAD is Fastify's automatic twin of each GET: fuzzing the GET covers it.
      if (method !== '' && method !== 'HEAD') out.push({ method, path: full === '' ? '/' : full });
    }
  }
  return out;
}

async function fastifyRoutes(app: FastifyInstance): Promise<{ method: string; path: string }[]> {
  await app.ready();
  const routes = flattenRouteTree(app.printRoutes({ commonPrefix: false }));
  await app.close();
  return routes;
}

/** Every endpoint of the three servers, built the way the server builds them (not listening). */
export async function allEndpoints(engine: Engine, endpoints: Endpoints): Promise<Endpoint[]> {
  const admin = await fastifyRoutes(createAdminApp({ engine, version: 'fuzz', dataLocation: ':memory:', endpoints: () => endpoints }, { logLevel: 'silent' }));
  const oci = await fastifyRoutes(createOciApp({ engine, defaultRegion: 'us-ashburn-1', strictAuth: true, rateLimitPerSecond: 0 }, { logLevel: 'silent' }));
  return [
    ...oci.map((r) => ({ server: 'oci' as const, method: r.method, path: r.path.replace(/:(\w+)/g, '{$1}') })),
    ...ARM_OPERATIONS.map((op) => ({ server: 'arm' as const, method: op.method, path: op.path, ...(op.auth === 'none' ? { unauthenticated: true } : {}) })),
    ...admin.map((r) => ({ server: 'admin' as const, method: r.method, path: r.path })),
  ];
}
