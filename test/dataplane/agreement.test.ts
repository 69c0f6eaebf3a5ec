// The agreement check (issue 15) as root: every expectation of the tutorial, hub-and-spoke, the
// broken labs (and the transit lab fixed, which exercises gateway transit, and the asymmetric firewall
// with TCP and UDP flows) traced by the engine and probed with real packets must give the same verdict,
// with no exception.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { checkLabDataplane, describeDisagreement, type DataplaneCheckReport } from '../../src/check/check-dataplane.ts';
import { boundedParallel } from '../../src/dataplane/flow-probe.ts';
import { dataplaneMissing, namespacesOfRun } from './machine.ts';
import { asymmetricProtocols } from '../helpers/asymmetric-firewall.ts';

const LABS = path.join(import.meta.dirname, '../../labs');
const FILES = ['tutorial.yaml', 'hub-and-spoke.yaml', 'vcn-gateways.yaml', ...readdirSync(path.join(LABS, 'broken')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `broken/${f}`)];

const transitFixed = (text: string): string => text
  .replace('{ name: azure-to-spoke, remoteVnet: vnet-spoke }', '{ name: azure-to-spoke, remoteVnet: vnet-spoke, allowGatewayTransit: true }')
  .replace('{ name: spoke-to-azure, remoteVnet: vnet-azure }', '{ name: spoke-to-azure, remoteVnet: vnet-azure, useRemoteGateways: true }')
  .replace('name: broken-transit\n', 'name: transit-fixed\n');

function assertAgreement(r: DataplaneCheckReport): void {
  const d = r.dataplane;
  assert.ok(d, `${r.lab} came up as a data plane`);
  assert.deepEqual(namespacesOfRun(d.runId ?? ''), [], `${r.lab}: the data plane was taken down`);
  for (const f of d.flows) if (f.kernel) assert.ok(f.agrees, `${r.lab} ${f.name}: ${describeDisagreement(f)}`);
}

describeWithTool('the agreement check: the engine and real packets give the same verdict', dataplaneMissing(), () => {
  void it('on the tutorial, hub-and-spoke, vcn-gateways (local peering), every broken lab, the transit lab fixed and the asymmetric firewall with TCP and UDP', { timeout: 85_000 }, async () => {
    const labs = FILES.map((f) => parseLab(readFileSync(path.join(LABS, f), 'utf8'), f));
    labs.push(parseLab(transitFixed(readFileSync(path.join(LABS, 'broken/transit.yaml'), 'utf8')), 'transit-fixed.yaml'));
    labs.push(parseLab(asymmetricProtocols(readFileSync(path.join(LABS, 'broken/asymmetric-firewall.yaml'), 'utf8')), 'asymmetric-firewall-protocols.yaml'));
    const t0 = performance.now();
    const reports = await boundedParallel(labs.map((lab) => ({ key: lab.name, run: () => checkLabDataplane(lab) })), 3);
    const seconds = (performance.now() - t0) / 1000;
    let probed = 0;
    let agreed = 0;
    for (const r of reports) {
      assertAgreement(r);
      probed += (r.dataplane?.agreed ?? 0) + (r.dataplane?.disagreed ?? 0);
      agreed += r.dataplane?.agreed ?? 0;
    }
    // Gateway transit for real: with the fix, the spoke and OCI reach each other both ways.
    const fixed = reports.find((r) => r.lab === 'transit-fixed')?.dataplane?.flows ?? [];
    for (const name of ['spoke-to-oci-ping', 'oci-to-spoke-ping']) assert.equal(fixed.find((f) => f.name === name)?.kernel?.verdict, 'delivered', name);
    // A stateful firewall that sees one side of a flow, per protocol and side, for real (and so in the engine).
    const asym = new Map((reports.find((r) => r.lab === 'asymmetric-firewall-protocols')?.dataplane?.flows ?? []).map((f) => [f.name, f]));
    const sides: [string, 'delivered' | 'dropped'][] = [
      ['oci-app-to-azure-app-ping', 'delivered'], ['oci-app-to-azure-app-udp', 'delivered'], ['oci-app-to-azure-app-https', 'dropped'], // fw-oci sees the request only
      ['azure-app-to-oci-app-ping', 'dropped'], ['azure-app-to-oci-app-sqlnet', 'dropped'], ['azure-app-to-oci-app-udp', 'delivered'], // fw-oci sees the reply only
    ];
    for (const [name, verdict] of sides) assert.equal(asym.get(name)?.kernel?.verdict, verdict, name);
    assert.match(asym.get('oci-app-to-azure-app-https')?.kernel?.detail ?? '', /the client connected, but the listener .* never got the connection/, 'the handshake died at the firewall, not before it');
    for (const r of reports) process.stdout.write(`# ${r.lab}: ${r.dataplane?.agreed ?? 0}/${(r.dataplane?.agreed ?? 0) + (r.dataplane?.disagreed ?? 0)} agree, ${r.dataplane?.notProbed ?? 0} not probed\n`);
    process.stdout.write(`# agreement: ${agreed}/${probed} flows in ${reports.length} labs in ${seconds.toFixed(1)} s\n`);
  });
});
