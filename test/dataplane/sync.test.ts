// The data plane in step with the engine (root): with the tutorial up as namespaces, a drill, an
// instance launched and terminated through the official oci-core client, and a lab teardown each
// reach the kernel as a diff (no `up` again): routes replaced in the routers that changed, a
// namespace created or deleted for the resource that came or went, everything gone at teardown.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { TUTORIAL } from '../api/server.ts';
import { startOciServer, ASHBURN_IMAGE_ID, type OciTestServer } from '../api/oci/harness.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { dataplaneMissing, inNamespace, namespacesOfRun } from './machine.ts';

/** Polls `check` every 20 ms for at most 3 s; true once it held. */
async function eventually(check: () => Promise<boolean> | boolean): Promise<boolean> {
  const t0 = performance.now();
  for (let i = 0; i < 150 && performance.now() - t0 < 3000; i++) {
    if (await check()) return true;
    await sleep(20);
  }
  return false;
}

const routeIn = async (ns: string, prefix: string): Promise<string> => (await runTool('ip', ['-n', ns, 'route', 'show', prefix])).stdout;

describeWithTool('the data plane kept in step with the engine', dataplaneMissing(), () => {
  void it('a drill, a launched and a terminated instance, and a teardown reach the kernel as diffs', async () => {
    const server: OciTestServer = await startOciServer({ lab: TUTORIAL });
    let runId = '';
    try {
      const up = await server.api('POST', '/dataplane', {});
      assert.equal(up.status, 201, up.text);
      const { status: atUp } = up.body as DataplaneUpReport;
      runId = atUp.runId ?? '';
      const find = (s: DataplaneStatus, role: string, name?: string) => s.namespaces.find((n) => n.role === role && (name === undefined || n.resourceName === name))?.name;
      const oedge = find(atUp, 'oracle-edge') ?? assert.fail('the Oracle edge');
      const vmOci = find(atUp, 'vm', 'vm-oci') ?? assert.fail('vm-oci');
      assert.match(await routeIn(oedge, '10.20.0.0/16'), /nexthop via .* dev pri[\s\S]*nexthop via .* dev sec/, 'both links carry the VNet');

      // A link-down drill on the primary: the Oracle edge routes over the secondary only; traffic continues.
      const drill = await server.api('POST', '/drills', { kind: 'link-down', path: 'primary' });
      assert.ok(drill.status < 300, drill.text);
      assert.ok(await eventually(async () => /dev sec/.test(await routeIn(oedge, '10.20.0.0/16')) && !/dev pri/.test(await routeIn(oedge, '10.20.0.0/16'))), await routeIn(oedge, '10.20.0.0/16'));
      assert.equal((await inNamespace(vmOci, ['ping', '-c', '1', '-W', '1', '10.20.10.10'])).code, 0, 'ping goes over the secondary');
      await server.api('DELETE', '/drills');
      assert.ok(await eventually(async () => /dev pri/.test(await routeIn(oedge, '10.20.0.0/16'))), 'stopped, the primary carries again');

      // An instance launched through the OCI API becomes a namespace that reaches Azure; terminated, it goes.
      const existing = server.engine.world.list('oci.Instance').find((i) => i.displayName === 'vm-oci') ?? assert.fail('vm-oci');
      const subnet = server.engine.world.list('oci.Subnet').find((x) => x.displayName === 'subnet-oci') ?? assert.fail('subnet-oci');
      const launched = await server.compute.launchInstance({ launchInstanceDetails: {
        compartmentId: existing.compartmentId, availabilityDomain: existing.availabilityDomain, shape: 'VM.Standard.E4.Flex', displayName: 'vm-late',
        sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID }, createVnicDetails: { subnetId: subnet.id, privateIp: '10.10.10.20' },
      } });
      const status = (): DataplaneStatus => server.dataplane.status();
      const lateNs = (): string | undefined => find(status(), 'vm', 'vm-late');
      assert.ok(await eventually(() => lateNs() !== undefined && namespacesOfRun(runId).includes(lateNs() ?? '')), 'a namespace for the launched instance');
      assert.ok(await eventually(async () => (await inNamespace(lateNs() ?? '', ['ping', '-c', '1', '-W', '0.3', '10.20.10.10'])).code === 0), 'the new VM reaches Azure');
      assert.equal((await inNamespace(vmOci, ['ping', '-c', '1', '-W', '1', '10.20.10.10'])).code, 0, 'vm-oci still does');
      const late = lateNs() ?? '';
      await server.compute.terminateInstance({ instanceId: launched.instance.id });
      assert.ok(await eventually(() => !namespacesOfRun(runId).includes(late)), 'terminated, its namespace is deleted');
      assert.equal(status().runId, runId, 'the same run throughout');

      // A teardown of the lab removes every namespace, by sync.
      const down = await server.api('DELETE', '/labs/tutorial');
      assert.ok(down.status < 300, down.text);
      assert.ok(await eventually(() => namespacesOfRun(runId).length === 0), `left: ${namespacesOfRun(runId).join(', ')}`);
      assert.equal(status().sync?.lastError, undefined);
    } finally {
      await server.close();
    }
    assert.deepEqual(namespacesOfRun(runId), []);
  });
});
