// Test helper: a lab applied through the admin API while the server may be killed, and what a
// restarted server makes of it. A lab is applied in two commits (its resources, then the
// ExpressRoute connection once the circuit is provisioned), so a kill can leave it partial; `up`
// again must then complete it; a teardown is one commit per step, so `down` again finishes it
// (docs/durability.md).
import assert from 'node:assert/strict';

export type LabOutcome = 'acknowledged' | 'cutOffAbsent' | 'cutOffComplete' | 'finishedByUpAgain';

type Status = { labs: string[]; interconnects: { name: string; virtualCircuit: { lifecycleState: string }; connections: { connectionStatus: string }[] }[] };

const post = (admin: string, yaml: string): Promise<Response> =>
  fetch(`${admin}/fastroute/v1/labs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ yaml }) });

/** Resolves true when the server answered `expected`, false when the kill cut the request off. */
async function acknowledged(request: Promise<Response>, expected: number): Promise<boolean> {
  try {
    const res = await request;
    const text = await res.text();
    if (res.status !== expected) throw new Error(`answered ${res.status}: ${text}`);
    return true;
  } catch (err) {
    if (err instanceof TypeError) return false; // fetch failed: the connection died with the server
    throw err;
  }
}

/** `up` through the admin API: true once acknowledged (201). */
export const postLab = (admin: string, yaml: string): Promise<boolean> => acknowledged(post(admin, yaml), 201);

/** `down` through the admin API: true once acknowledged (200). */
export const deleteLab = (admin: string, name: string): Promise<boolean> => acknowledged(fetch(`${admin}/fastroute/v1/labs/${name}`, { method: 'DELETE' }), 200);

async function status(admin: string): Promise<Status> {
  const res = await fetch(`${admin}/fastroute/v1/status`);
  assert.equal(res.status, 200);
  return (await res.json()) as Status;
}

function complete(s: Status, vcName: string): boolean {
  const ic = s.interconnects.find((i) => i.name === vcName);
  return ic?.virtualCircuit.lifecycleState === 'PROVISIONED' && ic.connections.length === 1 && ic.connections[0]?.connectionStatus === 'Connected';
}

/**
 * After a restart: an acknowledged lab must be up and complete; one cut off is absent (its first
 * commit never happened) or present, and then `up` again completes it (or says it is already up
 * when the kill only cut off the reply).
 */
export async function labOutcome(admin: string, name: string, vcName: string, yaml: string, acked: boolean): Promise<LabOutcome> {
  const before = await status(admin);
  if (acked) {
    assert.ok(before.labs.includes(name) && complete(before, vcName), `acknowledged lab ${name} is up and complete: ${JSON.stringify(before.interconnects)}`);
    return 'acknowledged';
  }
  if (!before.labs.includes(name)) {
    assert.equal(before.interconnects.find((i) => i.name === vcName), undefined, `lab ${name} is absent, and so is its virtual circuit`);
    return 'cutOffAbsent';
  }
  if (complete(before, vcName)) return 'cutOffComplete';
  const again = await post(admin, yaml);
  assert.equal(again.status, 201, `up again completes the cut-off lab ${name}: ${await again.text()}`);
  assert.ok(complete(await status(admin), vcName), `lab ${name} is complete after up again`);
  return 'finishedByUpAgain';
}

export type TeardownOutcome = 'acknowledged' | 'cutOffGone' | 'finishedByDownAgain';

/** After a restart: a teardown that was acknowledged is gone; one cut off is gone or `down` again finishes it. */
export async function teardownOutcome(admin: string, name: string, acked: boolean): Promise<TeardownOutcome> {
  if (!(await status(admin)).labs.includes(name)) return acked ? 'acknowledged' : 'cutOffGone';
  assert.equal(acked, false, `lab ${name} is still up after its teardown was acknowledged`);
  assert.equal(await deleteLab(admin, name), true, `down again finishes lab ${name}`);
  assert.ok(!(await status(admin)).labs.includes(name), `lab ${name} is gone after down again`);
  return 'finishedByDownAgain';
}
