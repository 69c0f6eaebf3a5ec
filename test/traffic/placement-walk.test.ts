// Traffic placement walks with `traceElements` (bare element hops, no explanations) because it is the
// hot path of `fastroute traffic`; what it places must be exactly what the explained trace would
// place: every element's load, every flow's delivered rate and losses, every drop point. Checked over
// random sets of flows (VMs, addresses and strangers, any protocol and port, drills) on the tutorial,
// hub-and-spoke, on-premises and broken labs, and on each lab's declared traffic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { placeTraffic } from '../../src/traffic/place.ts';
import { trace } from '../../src/trace/trace.ts';
import { cidr, intToIp, nthAddress } from '../../src/model/cidr.ts';
import { startDrill } from '../../src/engine/drill-runner.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { TrafficFlow } from '../../src/traffic/types.ts';
import { labEngine } from '../helpers/lab.ts';

const LABS = [
  'labs/tutorial.yaml', 'labs/hub-and-spoke.yaml', 'labs/onprem.yaml',
  'labs/broken/asymmetric-firewall.yaml', 'labs/broken/fastpath-bypasses-firewall.yaml', 'labs/broken/gateway-sku-too-small.yaml',
  'labs/broken/single-bgp-session.yaml', 'labs/broken/nsg-blocks-ssh.yaml', 'labs/broken/missing-route-rule.yaml', 'labs/broken/export-removed.yaml',
];
const NOON = Date.UTC(2026, 0, 15, 12);

function endpoints(engine: Engine): string[] {
  const w = engine.world;
  const out = new Set<string>(['192.0.2.1', 'no-such-vm']);
  for (const i of w.list('oci.Instance')) out.add(i.displayName);
  for (const v of w.list('azure.VirtualMachine')) out.add(v.name);
  for (const v of w.list('oci.Vnic')) out.add(v.privateIp);
  for (const s of w.list('fr.OnPremisesSite')) for (const p of s.prefixes) out.add(intToIp(nthAddress(cidr(p), 5)));
  return [...out];
}

const protocol = fc.constantFrom('icmp' as const, 'tcp' as const, 'udp' as const);
const port = fc.constantFrom(22, 53, 443, 1521, 3389, 8080);

void test('placement through the element walk equals placement through the explained trace', async () => {
  let placedElements = 0;
  let lost = 0;
  for (const file of LABS) {
    const { engine, lab } = await labEngine(file);
    const names = endpoints(engine);
    const flow = fc.record({ from: fc.constantFrom(...names), to: fc.constantFrom(...names), protocol, port, mbps: fc.integer({ min: 1, max: 3000 }), replyMbps: fc.integer({ min: 0, max: 800 }) });
    const flows = fc.array(flow, { minLength: 1, maxLength: 12 }).map((fs) => fs.map((f, i): TrafficFlow => ({ ...f, name: `f${i}`, ...(f.protocol === 'icmp' ? { port: undefined } : {}) })));
    const check = async (label: string) => engine.read(() => {
      const declared = placeTraffic(engine.routing, lab.traffic, NOON);
      assert.deepEqual(declared, placeTraffic(engine.routing, lab.traffic, NOON, trace), `${file} ${label}: declared traffic`);
      placedElements += declared.elements.length;
      fc.assert(fc.property(flows, (fs) => {
        const cheap = placeTraffic(engine.routing, fs, NOON);
        assert.deepEqual(cheap, placeTraffic(engine.routing, fs, NOON, trace), `${file} ${label}: ${JSON.stringify(fs)}`);
        placedElements += cheap.elements.length;
        lost += cheap.drops.length;
      }), { numRuns: 40, seed: 7 });
    });
    await check('as built');
    if (lab.interconnects.length > 0) {
      await startDrill(engine, { kind: 'link-down', path: 'primary' });
      await check('primary link down');
    }
    await engine.close();
  }
  // The comparison says little unless flows loaded elements and were lost somewhere.
  assert.ok(placedElements > 100 && lost > 50, `elements ${placedElements}, drop points ${lost}`);
});
