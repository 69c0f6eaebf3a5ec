// Start-up with a lab and a persistent store (SQLite in the data directory, or PostgreSQL): the lab
// is applied once, persists, and a restart finds the same interconnect state without applying it again.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { startTestServer, TUTORIAL } from './server.ts';
import { STORE_DIALECTS, withStorePlace } from '../helpers/store-dialects.ts';

type Ic = { virtualCircuit: { lifecycleState: string; providerState: string; bgpSessionState: string }; circuit?: { serviceProviderProvisioningState: string } };

void describe('start-up lab and restart', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fastroute-restart-'));
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const d of STORE_DIALECTS) {
    void it(`${d.name}: applies the configured lab on first start, keeps it across a restart`, { skip: d.skip }, () => withStorePlace(d.name, async (place) => {
      const flags = { ...place.flags, lab: TUTORIAL };
      const first = await startTestServer(flags);
      try {
        assert.equal(first.lab?.applied, true);
        assert.equal(first.dataLocation, place.url ?? path.join(place.dataDir, 'fastroute.db'));
      } finally {
        await first.close();
      }

      const second = await startTestServer(flags);
      try {
        assert.deepEqual(second.lab, { applied: false, name: 'tutorial' }, 'not applied twice');
        const status = (await second.api('GET', '/status')).body as { labs: string[]; interconnects: Ic[] };
        assert.deepEqual(status.labs, ['tutorial']);
        const ic = status.interconnects[0];
        assert.equal(ic?.virtualCircuit.lifecycleState, 'PROVISIONED');
        assert.equal(ic.virtualCircuit.providerState, 'ACTIVE');
        assert.equal(ic.virtualCircuit.bgpSessionState, 'UP');
        assert.equal(ic.circuit?.serviceProviderProvisioningState, 'Provisioned');
      } finally {
        await second.close();
      }
    }));
  }

  void it('a broken lab file stops start-up before anything is opened', async () => {
    const missing = path.join(dataDir, 'missing.yaml');
    await assert.rejects(startTestServer({ lab: missing }), /cannot read lab file .*missing\.yaml: does not exist/);
  });
});
