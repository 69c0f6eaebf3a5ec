// Links kept in step with the engine (root): a bandwidth change through either cloud's API reaches
// the tbf on both ends of both interconnect links within 1 s, as a diff (no namespace, link or helper
// renewed); a virtual circuit added through the APIs while the data plane runs gets its links as
// `up` makes them (tbf at the model's rate, the delay helper when delay is a userspace link, its
// delay in status), and deleted, its helpers go with it. Official oci-core and @azure/arm-network clients.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TUTORIAL } from '../api/server.ts';
import { startArmServer, FAST_POLL, type ArmTestServer } from '../api/arm/harness.ts';
import { ociClients } from '../api/oci/harness.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';
import type { DataplaneStatus, DataplaneUpReport } from '../../src/api/admin/contract.ts';
import { runTool } from '../../src/dataplane/run.ts';
import { measureRtt } from '../../src/dataplane/ping.ts';
import { dataplaneMissing, helpersOfRun, namespacesOfRun, noHelpersWithin } from './machine.ts';

const RG = 'rg-fastroute';
const MISMATCH = path.join(path.dirname(TUTORIAL), 'broken/bandwidth-mismatch.yaml');
const CIRCUIT = { location: 'eastus', sku: { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' } } as const;
const spp = (bandwidthInMbps: number) => ({ serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: 'Washington DC', bandwidthInMbps });

/** The rate (Mbit/s) of the root tbf on a device, as the kernel reports it (`tc -j qdisc show`); undefined without one. */
async function tbfMbit(ns: string, dev: string): Promise<number | undefined> {
  const out = (await runTool('tc', ['-n', ns, '-j', 'qdisc', 'show', 'dev', dev])).stdout;
  const root = (JSON.parse(out === '' ? '[]' : out) as { kind?: string; root?: boolean; options?: { rate?: number } }[]).find((q) => q.root === true);
  return root?.kind === 'tbf' && root.options?.rate !== undefined ? Math.round((root.options.rate * 8) / 1e6) : undefined;
}

/** The four ends' tbf rates of one interconnect (Oracle's edge pri, sec; Microsoft's pri, sec). */
const ratesOf = (oracle: string, msee: string): Promise<(number | undefined)[]> => Promise.all([tbfMbit(oracle, 'pri'), tbfMbit(oracle, 'sec'), tbfMbit(msee, 'pri'), tbfMbit(msee, 'sec')]);

/** Polls every 20 ms for at most `ms`; the time (ms from the call) at which `check` first held, or undefined. */
async function msUntil(check: () => Promise<boolean> | boolean, ms = 3000): Promise<number | undefined> {
  const t0 = performance.now();
  for (let i = 0; i < 1000 && performance.now() - t0 < ms; i++) {
    if (await check()) return Math.round(performance.now() - t0);
    await sleep(20);
  }
  return undefined;
}

const edges = (s: DataplaneStatus, vc: string, circuit: string) => ({
  oracle: s.namespaces.find((n) => n.role === 'oracle-edge' && n.resourceName === vc)?.name,
  msee: s.namespaces.find((n) => n.role === 'msee' && n.resourceName === circuit)?.name,
});

/** `POST /dataplane`: the status at up. */
async function dataplaneUp(server: ArmTestServer): Promise<DataplaneStatus> {
  const up = await server.api('POST', '/dataplane', {});
  assert.equal(up.status, 201, up.text);
  return (up.body as DataplaneUpReport).status;
}

async function status(server: ArmTestServer): Promise<DataplaneStatus> {
  return (await server.api('GET', '/dataplane')).body as DataplaneStatus;
}

describeWithTool('interconnect links kept in step with the engine', dataplaneMissing(), () => {
  void it('a bandwidth change through ARM or OCI reaches the tbf on all four ends within 1 s, without renewing anything', async () => {
    // The virtual circuit is 2 Gbps over a 1000 Mbps circuit: the links run at 1000.
    const server = await startArmServer({ lab: MISMATCH });
    let runId = '';
    try {
      const atUp = await dataplaneUp(server);
      runId = atUp.runId ?? '';
      const { oracle, msee } = edges(atUp, 'vc-azure', 'er-oci-azure');
      assert.ok(oracle !== undefined && msee !== undefined, 'both edges');
      assert.deepEqual(await ratesOf(oracle, msee), [1000, 1000, 1000, 1000], 'the smaller of 2 Gbps and 1000 Mbps');
      const namespacesBefore = namespacesOfRun(runId).sort();
      const helpersBefore = helpersOfRun(runId).sort();

      // ARM: the circuit raised to 2000 Mbps; the links follow (2 Gbps virtual circuit, 2000 Mbps circuit).
      const { network: az } = server.clients();
      const t0 = performance.now();
      await az.expressRouteCircuits.beginCreateOrUpdateAndWait(RG, 'er-oci-azure', { ...CIRCUIT, serviceProviderProperties: spp(2000) }, FAST_POLL);
      const callMs = Math.round(performance.now() - t0);
      const armMs = await msUntil(async () => (await ratesOf(oracle, msee)).every((r) => r === 2000));
      assert.ok(armMs !== undefined && armMs < 1000, `the four ends at 2000 Mbit within 1 s of the ARM call returning (${armMs ?? 'not in 3000'} ms; the call took ${callMs} ms)`);

      // OCI: the virtual circuit lowered to 1 Gbps.
      const { network: oc } = ociClients(server.endpoints.oci);
      const vc = server.engine.world.list('oci.VirtualCircuit').find((x) => x.displayName === 'vc-azure') ?? assert.fail('vc-azure');
      await oc.updateVirtualCircuit({ virtualCircuitId: vc.id, updateVirtualCircuitDetails: { bandwidthShapeName: '1 Gbps' } });
      const ociMs = await msUntil(async () => (await ratesOf(oracle, msee)).every((r) => r === 1000));
      assert.ok(ociMs !== undefined && ociMs < 1000, `the four ends at 1000 Mbit within 1 s of the OCI call (${ociMs ?? 'not in 3000'} ms)`);

      // As a diff: the same namespaces and helpers, and status reads the new rate back from the kernel.
      assert.deepEqual(namespacesOfRun(runId).sort(), namespacesBefore, 'no namespace created or deleted');
      assert.deepEqual(helpersOfRun(runId).sort(), helpersBefore, 'the links were not renewed (same helpers)');
      const after = await status(server);
      assert.deepEqual(after.interconnectLinks?.map((l) => [l.path, l.configuredMbit, l.rate]), [['primary', 1000, 'real (tbf)'], ['secondary', 1000, 'real (tbf)']]);
      assert.equal(after.sync?.lastError, undefined);
      assert.ok((after.sync?.last?.qdiscs ?? 0) > 0 || (after.sync?.syncs ?? 0) >= 2, JSON.stringify(after.sync));
    } finally {
      await server.close();
    }
    assert.deepEqual(namespacesOfRun(runId), []);
  });

  void it('a virtual circuit added while the data plane runs gets shaped, delayed links; deleted, its helpers go', async () => {
    const server = await startArmServer({ lab: TUTORIAL });
    let runId = '';
    try {
      const atUp = await dataplaneUp(server);
      runId = atUp.runId ?? '';
      const mechanism = atUp.delays[0]?.mechanism;
      const helpersBefore = helpersOfRun(runId).sort();
      assert.equal(helpersBefore.length, mechanism === 'userspace-link' ? 2 : 0);

      // A second ExpressRoute circuit (ARM) and a virtual circuit on the same DRG keyed with it (OCI).
      const { network: az } = server.clients();
      const circuit = await az.expressRouteCircuits.beginCreateOrUpdateAndWait(RG, 'er-oci-azure-2', { ...CIRCUIT, serviceProviderProperties: spp(1000) }, FAST_POLL);
      const { network: oc } = ociClients(server.endpoints.oci);
      const first = server.engine.world.list('oci.VirtualCircuit')[0] ?? assert.fail('the tutorial\'s virtual circuit');
      const providers = await oc.listFastConnectProviderServices({ compartmentId: first.compartmentId });
      const azure = providers.items.find((p) => p.providerName === 'Microsoft Azure') ?? assert.fail('the Azure provider service');
      const created = await oc.createVirtualCircuit({ createVirtualCircuitDetails: {
        compartmentId: first.compartmentId, displayName: 'vc-azure-2', type: 'PRIVATE' as never, bandwidthShapeName: '1 Gbps', gatewayId: first.gatewayId ?? '',
        providerServiceId: azure.id, providerServiceKeyName: circuit.serviceKey ?? '',
        crossConnectMappings: [{ customerBgpPeeringIp: '10.99.1.2/30', oracleBgpPeeringIp: '10.99.1.1/30' }, { customerBgpPeeringIp: '10.99.1.6/30', oracleBgpPeeringIp: '10.99.1.5/30' }],
      } });

      let added = edges(await status(server), 'vc-azure-2', 'er-oci-azure-2');
      assert.notEqual(await msUntil(async () => {
        added = edges(await status(server), 'vc-azure-2', 'er-oci-azure-2');
        return added.oracle !== undefined && added.msee !== undefined && namespacesOfRun(runId).includes(added.oracle) && namespacesOfRun(runId).includes(added.msee);
      }, 5000), undefined, 'the new interconnect\'s edges appear');
      const { oracle, msee } = added;
      assert.ok(oracle !== undefined && msee !== undefined);
      assert.notEqual(await msUntil(async () => (await ratesOf(oracle, msee)).every((r) => r === 1000)), undefined, `tbf at 1000 Mbit on its four ends (${JSON.stringify(await ratesOf(oracle, msee))})`);

      const s = await status(server);
      const links = (s.interconnectLinks ?? []).filter((l) => l.resourceId.startsWith(created.virtualCircuit.id ?? '?'));
      assert.deepEqual(links.map((l) => [l.path, l.configuredMbit, l.rate]), [['primary', 1000, 'real (tbf)'], ['secondary', 1000, 'real (tbf)']], 'status lists the new links, shaped');
      const delays = s.delays.filter((d) => d.resourceId.startsWith(created.virtualCircuit.id ?? '?'));
      assert.deepEqual(delays.map((d) => [d.kind, d.oneWayUs, d.mechanism]), [['interconnect-primary', 1000, mechanism], ['interconnect-secondary', 1000, mechanism]], 'its delays are recorded as up records them');
      for (const l of links) assert.match(l.delay, new RegExp(`^1 ms each way \\(${mechanism ?? ''}\\)$`));
      if (mechanism === 'userspace-link') {
        assert.ok(delays.every((d) => d.running === true), 'a helper runs for each new link');
        assert.equal(helpersOfRun(runId).length, 4, 'two helpers more, the first two untouched');
        assert.ok(helpersBefore.every((p) => helpersOfRun(runId).includes(p)));
        // The delay is real across the new link: Oracle's edge to Microsoft's address on pri.
        const rtt = await measureRtt(oracle, '10.99.1.2', 11);
        assert.ok(rtt.medianMs >= 1.9, `median RTT across the new primary ${rtt.medianMs} ms (2 ms configured)`);
      }
      assert.equal(s.sync?.lastError, undefined);

      // Deleted through OCI: its namespaces go, and so do its helpers.
      await oc.deleteVirtualCircuit({ virtualCircuitId: created.virtualCircuit.id ?? '' });
      assert.notEqual(await msUntil(() => !namespacesOfRun(runId).includes(oracle), 5000), undefined, 'its Oracle edge is deleted');
      assert.deepEqual(helpersOfRun(runId).sort(), helpersBefore, 'its helpers are stopped; the tutorial\'s run on');
      assert.equal((await status(server)).sync?.lastError, undefined);
    } finally {
      await server.close();
    }
    assert.deepEqual(namespacesOfRun(runId), []);
    assert.deepEqual(await noHelpersWithin(runId, 2000), []);
  });
});
