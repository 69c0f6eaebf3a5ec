// Security on the real data plane (root): the tutorial's security list and NSG, compiled to nftables
// in the router namespaces, changed through the clouds' own APIs (official oci-core and
// @azure/arm-network clients) while the data plane runs. A change reaches the kernel within 1 s
// without tearing anything down: a security-list rule removed stops ping, restored lets it flow; an
// NSG deny on TCP 22 stops SSH while ping still works.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TUTORIAL } from '../api/server.ts';
import { startArmServer, FAST_POLL, type ArmTestServer } from '../api/arm/harness.ts';
import { ociClients } from '../api/oci/harness.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { dataplaneMissing, inNamespace, namespacesOfRun } from './machine.ts';
import { trace } from '../../src/trace/trace.ts';

const RG = 'rg-fastroute';
const vmNs = (s: DataplaneStatus, name: string): string => s.namespaces.find((n) => n.role === 'vm' && n.resourceName === name)?.name ?? assert.fail(`a namespace for ${name}`);
const pings = async (from: string, to: string): Promise<boolean> => (await inNamespace(from, ['ping', '-c', '1', '-W', '1', to])).code === 0;
/** One echo with a short wait, for polling (the path's RTT is ~0.1 ms). */
const quickPing = async (from: string, to: string): Promise<boolean> => (await inNamespace(from, ['ping', '-c', '1', '-W', '0.2', to])).code === 0;
/** A TCP handshake (nc -z), bounded to 1 s. */
const connects = async (from: string, to: string, port: number): Promise<boolean> => (await inNamespace(from, ['nc', '-z', '-w', '1', to, String(port)])).code === 0;

/**
 * Polls `check` until it answers `want`, for at most 3 s. Resolves with when (ms after the call) the
 * probe that first answered `want` was sent (a failing probe itself waits for its timeout), or undefined.
 */
async function msUntil(want: boolean, check: () => Promise<boolean>): Promise<number | undefined> {
  const t0 = performance.now();
  for (let i = 0; i < 60 && performance.now() - t0 < 3000; i++) {
    const sent = performance.now();
    if ((await check()) === want) return Math.round(sent - t0);
    await sleep(20);
  }
  return undefined;
}

/** A TCP listener inside a namespace (openbsd nc, bounded by timeout, killed by pid). */
function listen(ns: string, address: string, port: number): ChildProcess {
  return spawn('ip', ['netns', 'exec', ns, 'timeout', '60', 'nc', '-k', '-l', address, String(port)], { stdio: 'ignore' });
}

const VMS = { 'vm-oci': '10.10.10.10', 'vm-azure': '10.20.10.10' } as const;
const PORTS = [22, 1521, 8080];

/**
 * Every flow between the two VMs (ICMP echo, TCP to each port, both ways), traced by the engine and
 * probed for real; returns the disagreements, and how many flows each verdict had. Needs listeners on PORTS.
 */
async function disagreements(server: ArmTestServer, ns: Record<keyof typeof VMS, string>): Promise<{ differ: string[]; delivered: number; dropped: number }> {
  const differ: string[] = [];
  let delivered = 0;
  for (const [from, to] of [['vm-oci', 'vm-azure'], ['vm-azure', 'vm-oci']] as const) {
    for (const port of [undefined, ...PORTS]) {
      const req = port === undefined ? { from, to, protocol: 'icmp' as const } : { from, to, protocol: 'tcp' as const, port };
      const engine = await server.engine.read(() => trace(server.engine.routing, req).verdict === 'delivered');
      const real = port === undefined ? await pings(ns[from], VMS[to]) : await connects(ns[from], VMS[to], port);
      if (engine) delivered += 1;
      if (engine !== real) differ.push(`${from} → ${to} ${port === undefined ? 'icmp' : `tcp/${port}`}: engine ${engine ? 'delivered' : 'dropped'}, kernel ${real ? 'delivered' : 'dropped'}`);
    }
  }
  return { differ, delivered, dropped: 2 * (1 + PORTS.length) - delivered };
}

/** `POST /dataplane`, and the namespaces of the two VMs every lab here has. */
async function dataplaneUp(server: ArmTestServer): Promise<{ runId: string; oci: string; azure: string }> {
  const up = await server.api('POST', '/dataplane', {});
  assert.equal(up.status, 201, up.text);
  const { status } = up.body as DataplaneUpReport;
  return { runId: status.runId ?? '', oci: vmNs(status, 'vm-oci'), azure: vmNs(status, 'vm-azure') };
}

function kill(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

describeWithTool('security on the real data plane, kept in step with the clouds\' APIs', dataplaneMissing(), () => {
  void it('a security-list rule removed through the OCI API stops ping within 1 s, restored it flows again; an NSG deny stops SSH only', async () => {
    const server: ArmTestServer = await startArmServer({ lab: TUTORIAL });
    let runId = '';
    const listeners: ChildProcess[] = [];
    try {
      const { runId: id, oci, azure } = await dataplaneUp(server);
      runId = id;
      const namespacesBefore = namespacesOfRun(runId).sort();

      // The compiled rules as the tutorial has them: ping and SSH both ways, other ports closed.
      assert.ok(await pings(azure, '10.10.10.10'), 'Azure → OCI ping (sl-oci admits ICMP echo from the VNet)');
      assert.ok(await pings(oci, '10.20.10.10'), 'OCI → Azure ping');
      for (const port of PORTS) listeners.push(listen(azure, '10.20.10.10', port), listen(oci, '10.10.10.10', port));
      assert.notEqual(await msUntil(true, () => connects(oci, '10.20.10.10', 22)), undefined, 'OCI → Azure SSH (nsg-workload allows 22 from the VCN)');
      const baseline = await disagreements(server, { 'vm-oci': oci, 'vm-azure': azure });
      assert.deepEqual(baseline.differ, [], 'the kernel agrees with the engine on every flow');
      assert.ok(baseline.delivered > 0 && baseline.dropped > 0, `both verdicts occur (${baseline.delivered} delivered, ${baseline.dropped} dropped)`);
      assert.equal(await connects(azure, '10.10.10.10', 8080), false, 'sl-oci admits no TCP 8080 from Azure');
      assert.equal(await connects(oci, '10.20.10.10', 8080), true, 'AllowVnetInBound admits the VCN (learned over ExpressRoute) on any port');

      // OCI: remove the ICMP echo rule from sl-oci through the official SDK.
      const { network: oc } = ociClients(server.endpoints.oci);
      const sl = server.engine.world.list('oci.SecurityList').find((x) => x.displayName === 'sl-oci') ?? assert.fail('sl-oci');
      const original = sl.ingressSecurityRules;
      const withoutEcho = original.filter((r) => !(r.protocol === '1' && r.icmpOptions?.type === 8));
      assert.equal(withoutEcho.length, original.length - 1);
      await oc.updateSecurityList({ securityListId: sl.id, updateSecurityListDetails: { ingressSecurityRules: withoutEcho as never } });
      const stopped = await msUntil(false, () => quickPing(azure, '10.10.10.10'));
      assert.ok(stopped !== undefined && stopped < 1000, `ping stops within 1 s (took ${stopped ?? 'more than 3000'} ms)`);
      assert.equal(await pings(azure, '10.10.10.10'), false, 'and stays stopped');
      assert.ok(await pings(oci, '10.20.10.10'), 'OCI → Azure ping still works: its replies pass by connection tracking');
      await oc.updateSecurityList({ securityListId: sl.id, updateSecurityListDetails: { ingressSecurityRules: original as never } });
      const flows = await msUntil(true, () => quickPing(azure, '10.10.10.10'));
      assert.ok(flows !== undefined && flows < 1000, `restored, ping flows again within 1 s (took ${flows ?? 'more than 3000'} ms)`);

      // The echo rule made stateless and the egress rules removed: the echo still enters, but its reply has no
      // rule of its own and no tracking shortcut, so Azure's ping fails, as the engine says.
      const statelessEcho = original.map((r) => (r.protocol === '1' && r.icmpOptions?.type === 8 ? { ...r, isStateless: true } : r));
      await oc.updateSecurityList({ securityListId: sl.id, updateSecurityListDetails: { ingressSecurityRules: statelessEcho as never, egressSecurityRules: [] } });
      assert.notEqual(await msUntil(false, () => quickPing(azure, '10.10.10.10')), undefined, 'a stateless echo rule without a rule for its reply: no ping');
      assert.deepEqual((await disagreements(server, { 'vm-oci': oci, 'vm-azure': azure })).differ, [], 'the kernel agrees with the engine on stateless rules');
      await oc.updateSecurityList({ securityListId: sl.id, updateSecurityListDetails: { ingressSecurityRules: original as never, egressSecurityRules: sl.egressSecurityRules as never } });
      assert.notEqual(await msUntil(true, () => quickPing(azure, '10.10.10.10')), undefined, 'restored');

      // Azure: an NSG rule denying TCP 22, above the allow rules, through @azure/arm-network.
      const { network: az } = server.clients();
      await az.securityRules.beginCreateOrUpdateAndWait(RG, 'nsg-workload', 'deny-ssh', {
        priority: 105, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', sourceAddressPrefix: '*', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '22',
      }, FAST_POLL);
      const sshStopped = await msUntil(false, () => connects(oci, '10.20.10.10', 22));
      assert.ok(sshStopped !== undefined && sshStopped < 1000, `SSH stops within 1 s (took ${sshStopped ?? 'more than 3000'} ms)`);
      assert.ok(await pings(oci, '10.20.10.10'), 'ping still works');
      assert.equal(await connects(oci, '10.20.10.10', 8080), true, 'other ports still work');
      assert.deepEqual((await disagreements(server, { 'vm-oci': oci, 'vm-azure': azure })).differ, [], 'the kernel agrees with the engine under the deny too');
      await az.securityRules.beginDeleteAndWait(RG, 'nsg-workload', 'deny-ssh', FAST_POLL);
      assert.notEqual(await msUntil(true, () => connects(oci, '10.20.10.10', 22)), undefined, 'SSH flows again once the deny is deleted');

      // In step by diff: no namespace was created or deleted on the way.
      assert.deepEqual(namespacesOfRun(runId).sort(), namespacesBefore);
      const after = (await server.api('GET', '/dataplane')).body as DataplaneStatus;
      assert.equal(after.runId, runId);
      assert.ok((after.sync?.syncs ?? 0) >= 4, `every change was a sync (${JSON.stringify(after.sync)})`);
      assert.equal(after.sync?.lastError, undefined);
    } finally {
      listeners.forEach(kill);
      await server.close();
    }
    assert.deepEqual(namespacesOfRun(runId), [], 'closing the server removed the data plane');
  });

  void it('a guest firewall that drops ICMP (labs/broken/host-firewall-blocks-icmp.yaml) drops ping into the VM only', async () => {
    const server: ArmTestServer = await startArmServer({ lab: path.join(path.dirname(TUTORIAL), 'broken/host-firewall-blocks-icmp.yaml') });
    let runId = '';
    let listener: ChildProcess | undefined;
    try {
      const { runId: id, oci, azure } = await dataplaneUp(server);
      runId = id;
      assert.equal(await pings(azure, '10.10.10.10'), false, 'the cloud admits the echo, the guest drops it');
      assert.ok(await pings(oci, '10.20.10.10'), 'the guest\'s own ping: its replies pass (the guest tracks connections)');
      listener = listen(oci, '10.10.10.10', 22);
      assert.notEqual(await msUntil(true, () => connects(azure, '10.10.10.10', 22)), undefined, 'TCP 22 passes (no port list: every port is open)');
    } finally {
      if (listener) kill(listener);
      await server.close();
    }
    assert.deepEqual(namespacesOfRun(runId), []);
  });
});
