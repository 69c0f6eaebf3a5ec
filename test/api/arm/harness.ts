// Test harness for the ARM API: a real FastRoute server (in memory, ports 0) and the official
// @azure/arm-network / @azure/arm-resources clients over HTTPS, trusting FastRoute's CA per client
// (tlsOptions.ca), with a token from FastRoute's own token endpoint and fast LRO polling.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { startTestServer, type TestServer } from '../server.ts';

export interface ArmTestServer extends TestServer {
  armUrl: string;
  caPem: string;
  /** Raw HTTPS request to ARM (undici fetch with the CA), for protocol-level assertions. */
  arm(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ArmResponse>;
  clients(subscriptionId?: string, credential?: TokenCredential): { network: NetworkManagementClient; resources: ResourceManagementClient };
}

export interface ArmResponse { status: number; body: unknown; text: string; headers: Record<string, string | string[] | undefined> }

/** One HTTPS request trusting FastRoute's CA; a bearer token unless the caller sets authorization. */
export function armRequest(base: string, ca: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ArmResponse> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const h: Record<string, string> = { authorization: 'Bearer test', ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
  for (const [k, v] of Object.entries(h)) if (v === '') Reflect.deleteProperty(h, k);
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: h, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, text, headers: res.headers });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Poll every 10 ms: the instant clock has settled by the first poll anyway. */
export const FAST_POLL = { updateIntervalInMs: 10 } as const;

export function staticCredential(token = 'any-token'): TokenCredential {
  return { getToken: (): Promise<AccessToken> => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) };
}

export async function startArmServer(flags: Record<string, unknown> = {}, configFile?: Record<string, unknown>): Promise<ArmTestServer> {
  const s = await startTestServer(flags, configFile);
  const armUrl = s.endpoints.arm;
  const caPem = readFileSync(s.endpoints.armCa, 'utf8');
  return {
    ...s,
    armUrl,
    caPem,
    arm: (method, path, body, headers = {}) => armRequest(armUrl, caPem, method, path, body, headers),
    clients(subscriptionId = DEFAULT_SUBSCRIPTION_ID, credential = staticCredential()) {
      const options = { endpoint: armUrl, tlsOptions: { ca: caPem }, retryOptions: { maxRetries: 0 } };
      return {
        network: new NetworkManagementClient(credential, subscriptionId, options),
        resources: new ResourceManagementClient(credential, subscriptionId, options),
      };
    },
  };
}

/** What the SDK's RestError carries for an ARM error body: assert.rejects(p, armError(400, 'Code')). */
export const armError = (statusCode: number, code: string) => ({ statusCode, code });
