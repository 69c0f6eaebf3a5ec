// What the az deployment tests share: a FastRoute ARM server with an az config dir for it, az calls
// that must succeed and answer JSON, and the service-principal login against it.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { DEFAULT_TENANT_ID } from '../../src/lifecycle/defaults.ts';
import { startArmServer, type ArmTestServer } from '../api/arm/harness.ts';
import { prepareAzConfigDir, primeAzCommandIndex, runAz, type AzEnv } from './az.ts';

export type Obj = Record<string, unknown>;

export function obj(v: unknown): Obj {
  assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `an object, got ${JSON.stringify(v)}`);
  return v as Obj;
}

export interface AzSession { s: ArmTestServer; env: AzEnv }

export async function startAzSession(): Promise<AzSession> {
  const [s, primed] = await Promise.all([startArmServer(), primeAzCommandIndex()]);
  return { s, env: { configDir: prepareAzConfigDir(undefined, { commandIndexFrom: primed }), caBundle: s.endpoints.armCa } };
}

/** Runs az, which must exit 0; answers its JSON output. */
export async function azJson(t: TestContext, env: AzEnv, args: string[]): Promise<unknown> {
  const r = await runAz(args, { json: true, ...env });
  t.diagnostic(`az ${args.slice(0, 3).join(' ')}: ${r.ms} ms`);
  assert.equal(r.code, 0, `az ${args.join(' ')} exited ${r.code}:\n${r.stderr}`);
  return r.json;
}

/** Registers FastRoute as az's cloud and logs in as a service principal. */
export async function loginToFastRoute(t: TestContext, session: AzSession): Promise<void> {
  await azJson(t, session.env, ['cloud', 'register', '-n', 'FastRoute', '--endpoint-resource-manager', session.s.armUrl]);
  await azJson(t, session.env, ['cloud', 'set', '-n', 'FastRoute']);
  await azJson(t, session.env, ['login', '--service-principal', '-u', 'fastroute-app', '-p', 'any-secret', '--tenant', DEFAULT_TENANT_ID]);
}
