// A lab cut off between its two commits (resources, then the ExpressRoute connection; the server
// killed while the circuit provisioned) is finished by `up` again and by a restart with the same
// start-up lab, instead of being refused as "already up" or kept half made forever.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { applyLabResources } from '../../src/lab/apply.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { startTestServer, TUTORIAL, type TestServer } from './server.ts';

type Status = { labs: string[]; interconnects: { virtualCircuit: { lifecycleState: string }; connections: { connectionStatus: string }[] }[] };

const yaml = readFileSync(TUTORIAL, 'utf8');

/** Only the first commit of `up`, as a kill before the second leaves the store. */
async function cutOff(s: TestServer): Promise<void> {
  await s.engine.mutate('lab:tutorial:up', (tx) => applyLabResources(tx, parseLab(yaml, 'tutorial.yaml')));
  const status = (await s.api('GET', '/status')).body as Status;
  assert.deepEqual(status.labs, ['tutorial']);
  assert.deepEqual(status.interconnects[0]?.connections, [], 'the lab is partial: no connection yet');
}

async function connected(s: TestServer): Promise<void> {
  const ic = ((await s.api('GET', '/status')).body as Status).interconnects;
  assert.equal(ic.length, 1);
  assert.equal(ic[0]?.virtualCircuit.lifecycleState, 'PROVISIONED');
  assert.deepEqual(ic[0].connections.map((c) => c.connectionStatus), ['Connected']);
}

void describe('a lab cut off before its connection', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fastroute-lab-resume-'));
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  void it('up again finishes it (201, resumed, nothing created twice); then it is up and refused', async () => {
    const s = await startTestServer();
    try {
      await cutOff(s);
      const counts = ((await s.api('GET', '/status')).body as { resourceCounts: Record<string, number> }).resourceCounts;
      const r = await s.api('POST', '/labs', { yaml });
      assert.equal(r.status, 201, r.text);
      assert.equal((r.body as { resumed?: boolean }).resumed, true);
      await connected(s);
      const after = ((await s.api('GET', '/status')).body as { resourceCounts: Record<string, number> }).resourceCounts;
      assert.equal(after['oci.Vcn'], counts['oci.Vcn'], 'no VCN created twice');
      assert.equal(after['azure.VirtualNetwork'], counts['azure.VirtualNetwork'], 'no VNet created twice');
      assert.equal((await s.api('POST', '/labs', { yaml })).status, 409, 'a complete lab is still not applied twice');
    } finally {
      await s.close();
    }
  });

  void it('a restart with the same start-up lab finishes it', async () => {
    const first = await startTestServer({ inMemory: false, dataDir });
    try {
      await cutOff(first);
    } finally {
      await first.close();
    }
    const second = await startTestServer({ inMemory: false, dataDir, lab: TUTORIAL });
    try {
      assert.equal(second.lab?.applied, true, 'the start-up lab was finished, not skipped as present');
      await connected(second);
    } finally {
      await second.close();
    }
  });
});
