// A raw what-if as ARM answers it: 202 with Location and Retry-After, then the result at the Location.
import assert from 'node:assert/strict';
import type { ArmResponse, ArmTestServer } from './harness.ts';

export async function postWhatIf(s: ArmTestServer, path: string, body: unknown): Promise<ArmResponse> {
  const accepted = await s.arm('POST', path, body);
  if (accepted.status !== 202) return accepted;
  assert.equal(accepted.headers['retry-after'], '1');
  const location = String(accepted.headers.location);
  assert.ok(location.startsWith(s.armUrl), location);
  return s.arm('GET', location.slice(s.armUrl.length));
}
