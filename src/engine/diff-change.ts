// A change file's operations applied to an engine: each one a request to the OCI Core API or to ARM,
// as a client would send it ({api, method, path, body}), answered by FastRoute's own API apps bound to
// the engine (in process, no socket), so a change is validated and refused exactly as the clouds'
// APIs refuse it. The first refusal stops the change with the cloud's error.
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Engine } from './engine.ts';
import { type CloudError, fastroute } from '../model/errors.ts';

export const ApiOperationSchema = z.strictObject({
  api: z.enum(['oci', 'arm']),
  method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']),
  /** As the API is called: OCI "/20160918/routeTables/ocid1…", ARM "/subscriptions/…?api-version=2023-09-01". */
  path: z.string().min(1).startsWith('/'),
  body: z.unknown().optional(),
  /** Optional words for the report. */
  description: z.string().optional(),
});
export type ApiOperation = z.infer<typeof ApiOperationSchema>;

export const ChangeOperationsSchema = z.array(ApiOperationSchema).max(1000);

/** 400 ChangeRejected naming the operation and the cloud's own status, code and message. */
function rejected(i: number, op: ApiOperation, status: number, body: string): CloudError {
  let code = 'Unknown';
  let message = body;
  try {
    const parsed = JSON.parse(body) as { code?: string; message?: string; error?: { code?: string; message?: string } };
    code = parsed.error?.code ?? parsed.code ?? code;
    message = parsed.error?.message ?? parsed.message ?? message;
  } catch { /* not JSON: the body as it is */ }
  return fastroute.invalid('ChangeRejected', `change operation ${i + 1} (${op.method} ${op.path}) was refused by the ${op.api === 'oci' ? 'OCI' : 'ARM'} API: ${status} ${code}: ${message}`);
}

async function armApp(engine: Engine): Promise<FastifyInstance> {
  const [{ createArmApp }, { ensureTls }, { randomBytes }] = await Promise.all([import('../api/arm/app.ts'), import('../server/tls.ts'), import('node:crypto')]);
  const tls = await ensureTls(undefined, '127.0.0.1');
  if (tls.temporaryDir !== undefined) rmSync(tls.temporaryDir, { recursive: true, force: true });
  return createArmApp(
    { engine, strictAuth: false, principals: [], tokenSecret: randomBytes(32), baseUrl: () => 'https://127.0.0.1' },
    { logLevel: 'silent', https: { key: tls.keyPem, cert: tls.certPem } },
  );
}

/** Applies `ops` in order to `engine` through its API apps; throws 400 ChangeRejected on the first refusal. */
export async function applyOperations(engine: Engine, ops: readonly ApiOperation[], ociRegion: string): Promise<void> {
  const apps: Partial<Record<ApiOperation['api'], FastifyInstance>> = {};
  try {
    for (const [i, op] of ops.entries()) {
      let app = apps[op.api];
      if (!app) {
        app = op.api === 'oci'
          ? (await import('../api/oci/app.ts')).createOciApp({ engine, defaultRegion: ociRegion, strictAuth: false, rateLimitPerSecond: 0 }, { logLevel: 'silent' })
          : await armApp(engine);
        apps[op.api] = app;
      }
      const res = await app.inject({
        method: op.method, url: op.path, remoteAddress: '127.0.0.1',
        // ARM (lenient) takes any bearer token; OCI (lenient) takes an unsigned request.
        headers: { 'content-type': 'application/json', host: '127.0.0.1', ...(op.api === 'arm' ? { authorization: 'Bearer fastroute-diff' } : {}) },
        ...(op.body === undefined ? {} : { payload: JSON.stringify(op.body) }),
      });
      if (res.statusCode >= 400) throw rejected(i, op, res.statusCode, res.body);
    }
    await engine.settle();
  } finally {
    for (const app of Object.values(apps)) await app.close();
  }
}

