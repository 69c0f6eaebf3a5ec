// Bulk questions (the reachability matrix, the doctor's flow rules) walk without building hops. That
// decide-only walk must give exactly the verdict and drop reason of the explained walk `fastroute
// trace` shows, for any flow: checked over random flows in every sample lab, working and broken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { trace, traceVerdict } from '../../src/trace/trace.ts';
import { walkSubnetPair, type MatrixSubnet } from '../../src/trace/matrix.ts';
import { cidr, intToIp, nthAddress } from '../../src/model/cidr.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { TraceRequest } from '../../src/trace/types.ts';
import { labEngine } from '../helpers/lab.ts';

const LABS = [
  ...readdirSync('labs').filter((f) => f.endsWith('.yaml')).map((f) => `labs/${f}`),
  ...readdirSync('labs/broken').filter((f) => f.endsWith('.yaml')).map((f) => `labs/broken/${f}`),
];

/** What a user may name as a flow's end: VMs by name and id, any address in or near the networks, strangers. */
function endpoints(engine: Engine): string[] {
  const w = engine.world;
  const out = new Set<string>(['192.0.2.1', 'no-such-vm']);
  for (const i of w.list('oci.Instance')) { out.add(i.displayName); out.add(i.id); }
  for (const v of w.list('azure.VirtualMachine')) { out.add(v.name); out.add(v.id.toUpperCase()); }
  for (const v of w.list('oci.Vnic')) out.add(v.privateIp);
  for (const n of w.list('azure.NetworkInterface')) for (const c of n.properties.ipConfigurations) if (c.properties.privateIPAddress) out.add(c.properties.privateIPAddress);
  const blocks = [...w.list('oci.Subnet').map((s) => s.cidrBlock), ...w.list('azure.Subnet').map((s) => s.properties.addressPrefix ?? ''), ...w.list('oci.Vcn').flatMap((v) => v.cidrBlocks)];
  for (const b of blocks.filter((x) => x !== '')) for (const n of [1, 4, 77]) out.add(intToIp(nthAddress(cidr(b), n)));
  return [...out];
}

function subnets(engine: Engine): MatrixSubnet[] {
  return [
    ...engine.world.list('oci.Subnet').map((s) => ({ cloud: 'oci' as const, subnetId: s.id })),
    ...engine.world.list('azure.Subnet').map((s) => ({ cloud: 'azure' as const, subnetId: s.id })),
  ];
}

const protocol = fc.constantFrom('icmp' as const, 'tcp' as const, 'udp' as const);
const port = fc.oneof(fc.constantFrom(22, 53, 443, 1521, 3389), fc.integer({ min: 1, max: 65535 }));

void test('decide-only walks give the explained verdict and reason, on random flows in every sample lab', async () => {
  const seen = new Set<string>();
  for (const file of LABS) {
    const { engine } = await labEngine(file);
    const names = endpoints(engine);
    const flow = fc.record({ from: fc.constantFrom(...names), to: fc.constantFrom(...names), protocol, port, sourcePort: fc.option(port, { nil: undefined }) })
      .map(({ from, to, protocol: p, port: dstPort, sourcePort }): TraceRequest => (p === 'icmp' ? { from, to, protocol: p } : { from, to, protocol: p, port: dstPort, ...(sourcePort === undefined ? {} : { sourcePort }) }));
    await engine.read(() => {
      fc.assert(fc.property(flow, (req) => {
        const explained = trace(engine.routing, req);
        seen.add(explained.reason);
        assert.deepEqual(traceVerdict(engine.routing, req), { verdict: explained.verdict, reason: explained.reason, ...(explained.asymmetry ? { asymmetry: explained.asymmetry } : {}) }, `${file}: ${JSON.stringify(req)}`);
      }), { numRuns: 150, seed: 10 });
      const all = subnets(engine);
      fc.assert(fc.property(fc.constantFrom(...all), fc.constantFrom(...all), protocol, port, (s, d, p, dstPort) => {
        const explained = walkSubnetPair(engine.routing, s, d, p, dstPort, true);
        seen.add(explained);
        assert.equal(walkSubnetPair(engine.routing, s, d, p, dstPort, false), explained, `${file}: ${s.subnetId} → ${d.subnetId} ${p}/${dstPort}`);
      }), { numRuns: 60, seed: 10 });
    });
    await engine.close();
  }
  // The labs must exercise the walk's many ways to end, or the agreement above says little.
  for (const reason of ['DELIVERED', 'NO_ROUTE', 'SECURITY_LIST_DENY', 'NSG_DENY', 'UNKNOWN_ENDPOINT', 'ASYMMETRIC_RETURN', 'NOT_EXPORTED', 'BLACKHOLE']) {
    assert.ok(seen.has(reason), `no random flow ended with ${reason}; seen: ${[...seen].sort().join(', ')}`);
  }
});
