// Issue 12 item 11: a clock scale must keep every scheduled time a valid Date. An unbounded scale
// once let a create store timers at `null` and made /status and /clock answer 500 until a reset.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import { startTestServer, type TestServer } from './server.ts';

type Json = Record<string, unknown>;

async function createVcn(s: TestServer, cidr: string): Promise<number> {
  const res = await fetch(`${s.endpoints.oci}/20160918/vcns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ compartmentId: DEFAULT_TENANCY_ID, cidrBlocks: [cidr], displayName: 'scale' }),
  });
  await res.text();
  return res.status;
}

void describe('clock scale bounds', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s.close();
  });

  void it('refuses a scale beyond 1000 (or not finite) with 400, leaving the clock as it was', async () => {
    for (const scale of [1e12, 1000.5, 1e308]) {
      const r = await s.api('PUT', '/clock', { mode: 'realistic', scale });
      assert.equal(r.status, 400, `scale ${scale}`);
      assert.equal((r.body as Json).code, 'InvalidParameter');
    }
    const clock = (await s.api('GET', '/clock')).body as Json;
    assert.equal(clock.mode, 'instant');
    assert.equal(clock.scale, 0.01);
  });

  void it('at the largest scale a create schedules valid times and /status and /clock keep answering', async () => {
    assert.equal((await s.api('PUT', '/clock', { mode: 'realistic', scale: 1000 })).status, 200);
    assert.equal(await createVcn(s, '10.40.0.0/16'), 200);
    const clock = await s.api('GET', '/clock');
    assert.equal(clock.status, 200);
    const due = Date.parse((clock.body as Json).nextDue as string);
    assert.ok(Number.isFinite(due) && due > Date.now(), 'the pending transition is due at a real future time');
    assert.equal((await s.api('GET', '/status')).status, 200);
    const timers = await s.api('GET', '/resources?kind=fr.Timer');
    assert.equal(timers.status, 200);
    assert.doesNotMatch(timers.text, /"at":null/, 'no timer is stored without a time');
    await s.api('PUT', '/clock', { mode: 'instant', scale: 0.01 });
  });
});
