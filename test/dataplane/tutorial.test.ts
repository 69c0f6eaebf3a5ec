// The seed tutorial as a real data plane (root): packets cross from the OCI VM to the Azure VM and
// back through the VCN router, the DRG, Oracle's edge, the two interconnect links, Microsoft's edge,
// the ExpressRoute gateway and the VNet router; `down` leaves no namespace, veth or process behind.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startTestServer, TUTORIAL, type TestServer } from '../api/server.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { processesIn } from '../../src/dataplane/processes.ts';
import { dataplaneMissing, inNamespace, namespacesOfRun, rootLinks, tcpDelivers } from './machine.ts';

const vmNs = (s: DataplaneStatus, name: string): string => {
  const ns = s.namespaces.find((n) => n.role === 'vm' && n.resourceName === name)?.name;
  assert.ok(ns, `a namespace for ${name}`);
  return ns;
};

describeWithTool('the tutorial as a real data plane', dataplaneMissing(), () => {
  let server: TestServer | undefined;

  void it('carries ping and TCP both ways, and down removes everything', async () => {
    server = await startTestServer({ lab: TUTORIAL });
    try {
      const up = await server.api('POST', '/dataplane', {});
      assert.equal(up.status, 201, up.text);
      const { status } = up.body as DataplaneUpReport;
      assert.equal(status.state, 'up');
      const runId = status.runId ?? '';
      assert.equal(namespacesOfRun(runId).length, status.namespaces.length, 'every recorded namespace exists');
      // A root-namespace veth whose peer sits in one of ours would show `link-netns fr<run>-…`: there is none.
      assert.doesNotMatch(await rootLinks(), new RegExp(`fr${runId}-`), 'every veth pair lives inside the namespaces');
      const oci = vmNs(status, 'vm-oci');
      const azure = vmNs(status, 'vm-azure');

      const there = await inNamespace(oci, ['ping', '-c', '3', '-W', '1', '-i', '0.2', '10.20.10.10']);
      assert.equal(there.code, 0, there.stdout + there.stderr);
      assert.match(there.stdout, /3 received/);
      const back = await inNamespace(azure, ['ping', '-c', '3', '-W', '1', '-i', '0.2', '10.10.10.10']);
      assert.equal(back.code, 0, back.stdout + back.stderr);
      assert.match(back.stdout, /3 received/);
      assert.equal(await tcpDelivers(oci, azure, '10.20.10.10', 5022), 'hello-5022', 'TCP from OCI to Azure');
      // sl-oci admits TCP from the VNet on 22 and 1521 only (security.test.ts shows the rest is dropped).
      assert.equal(await tcpDelivers(azure, oci, '10.10.10.10', 1521), 'hello-1521', 'TCP from Azure to OCI (SQL*Net)');
      // An address the engine routes nowhere is not reachable either (the data plane adds no path of its own).
      const nowhere = await inNamespace(oci, ['ping', '-c', '1', '-W', '1', '10.30.0.1']);
      assert.notEqual(nowhere.code, 0);

      // A process left running inside a VM (a user's `fastroute exec`) is stopped by down, by pid.
      const sleeper = spawn('ip', ['netns', 'exec', oci, 'timeout', '60', 'sleep', '60'], { stdio: 'ignore' });
      for (let i = 0; i < 50 && processesIn([oci]).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(processesIn([oci]).length > 0);
      const down = await server.api('DELETE', '/dataplane');
      assert.equal(down.status, 200, down.text);
      assert.ok((down.body as { processesKilled: number }).processesKilled >= 1);
      await new Promise<void>((resolve) => { if (sleeper.exitCode !== null || sleeper.signalCode !== null) resolve(); else sleeper.on('close', () => { resolve(); }); });
      assert.deepEqual(namespacesOfRun(runId), [], 'no namespace of the run is left');
      assert.doesNotMatch(await rootLinks(), new RegExp(`fr${runId}-`), 'no FastRoute veth in the root namespace');
      const after = await server.api('GET', '/dataplane');
      assert.equal((after.body as DataplaneStatus).state, 'down');
    } finally {
      await server.close();
    }
  });

  void it('a second up rebuilds from the current world under a new run id, and closing the server takes it down', async () => {
    server = await startTestServer({ lab: TUTORIAL });
    let runIds: string[] = [];
    try {
      const first = (await server.api('POST', '/dataplane', {})).body as DataplaneUpReport;
      const second = (await server.api('POST', '/dataplane', {})).body as DataplaneUpReport;
      runIds = [first.status.runId ?? '', second.status.runId ?? ''];
      assert.notEqual(runIds[0], runIds[1]);
      assert.equal(second.reaped?.runId, runIds[0]);
      assert.deepEqual(namespacesOfRun(runIds[0] ?? ''), []);
      assert.equal(namespacesOfRun(runIds[1] ?? '').length, second.status.namespaces.length);
    } finally {
      await server.close();
    }
    for (const id of runIds) assert.deepEqual(namespacesOfRun(id), [], `run ${id} is gone after close`);
  });

  void it('up for one lab builds that lab\'s networks; a lab that is not up is a 404 and creates nothing', async () => {
    server = await startTestServer({ lab: TUTORIAL });
    try {
      const res = await server.api('POST', '/dataplane', { lab: 'no-such-lab' });
      assert.equal(res.status, 404, res.text);
      assert.equal(((await server.api('GET', '/dataplane')).body as DataplaneStatus).state, 'down');
      const bad = await server.api('POST', '/dataplane', { lab: 7 });
      assert.equal(bad.status, 400, bad.text);
      const lab = await server.api('POST', '/dataplane', { lab: 'tutorial' });
      assert.equal(lab.status, 201, lab.text);
      const { status } = lab.body as DataplaneUpReport;
      assert.equal(status.lab, 'tutorial');
      assert.deepEqual(status.namespaces.filter((n) => n.role === 'vm').map((n) => n.resourceName).sort(), ['vm-azure', 'vm-oci']);
      assert.equal((await server.api('DELETE', '/dataplane')).status, 200);
      assert.deepEqual(namespacesOfRun(status.runId ?? ''), []);
    } finally {
      await server.close();
    }
  });
});
