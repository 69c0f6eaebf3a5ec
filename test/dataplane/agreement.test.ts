// The agreement check (issue 15) as root: every expectation of the tutorial, hub-and-spoke, the
// broken labs (and the transit lab fixed, which exercises gateway transit) traced by the engine and
// probed with real packets must give the same verdict. The one known exception is a flow where the
// engine's rule differs from what a real stateful firewall does (see ENGINE_DIFFERS): named here and
// asserted as disagreeing, so the list fails the day the engine changes.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { checkLabDataplane, describeDisagreement, type DataplaneCheckReport } from '../../src/check/check-dataplane.ts';
import { boundedParallel } from '../../src/dataplane/flow-probe.ts';
import { dataplaneMissing, namespacesOfRun } from './machine.ts';

const LABS = path.join(import.meta.dirname, '../../labs');
const FILES = ['tutorial.yaml', 'hub-and-spoke.yaml', 'vcn-gateways.yaml', ...readdirSync(path.join(LABS, 'broken')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `broken/${f}`)];

/**
 * Where the engine drops what a real stateful firewall forwards: lab → expectation → the engine's reason.
 * fw-oci sees only the echo request of this ping (the reply comes back from the DRG straight to vcn-app):
 * the firewall's conntrack admits a request as new, and the reply never meets it, so the ping succeeds;
 * the engine drops every flow whose two directions do not both cross the appliance (trace/trace.ts).
 * The data plane does what the firewall does (the other three ASYMMETRIC_RETURN flows, whose firewall
 * sees only the reply, are dropped for real); the engine's rule is the lead's to decide.
 */
const ENGINE_DIFFERS: Record<string, Record<string, string>> = {
  'broken-asymmetric-firewall': { 'oci-app-to-azure-app-ping': 'ASYMMETRIC_RETURN' },
  'asymmetric-firewall-https': { 'oci-app-to-azure-app-ping': 'ASYMMETRIC_RETURN' },
};

const transitFixed = (text: string): string => text
  .replace('{ name: azure-to-spoke, remoteVnet: vnet-spoke }', '{ name: azure-to-spoke, remoteVnet: vnet-spoke, allowGatewayTransit: true }')
  .replace('{ name: spoke-to-azure, remoteVnet: vnet-azure }', '{ name: spoke-to-azure, remoteVnet: vnet-azure, useRemoteGateways: true }')
  .replace('name: broken-transit\n', 'name: transit-fixed\n');

/**
 * The asymmetric firewall with a TCP flow fw-oci sees only the request side of (HTTPS, which nsg-app
 * admits): the client's connect() returns (the SYN-ACK bypasses the firewall), but the firewall drops
 * the client's ACK and data as invalid, so the listener never gets the connection: dropped, as the engine says.
 */
const asymmetricHttps = (text: string): string => text.replace('name: broken-asymmetric-firewall\n', 'name: asymmetric-firewall-https\n')
  + '  - { name: oci-app-to-azure-app-https, from: vm-app, to: vm-azure-app, protocol: tcp, port: 443, expect: dropped, reason: ASYMMETRIC_RETURN }\n';

function assertAgreement(r: DataplaneCheckReport): void {
  const d = r.dataplane;
  assert.ok(d, `${r.lab} came up as a data plane`);
  assert.deepEqual(namespacesOfRun(d.runId ?? ''), [], `${r.lab}: the data plane was taken down`);
  const known = ENGINE_DIFFERS[r.lab] ?? {};
  for (const f of d.flows) {
    if (!f.kernel) continue;
    const reason = known[f.name];
    if (reason === undefined) {
      assert.ok(f.agrees, `${r.lab} ${f.name}: ${describeDisagreement(f)}`);
    } else {
      assert.ok(!f.agrees && f.engine.verdict === 'dropped' && f.engine.reason === reason && f.kernel.verdict === 'delivered',
        `${r.lab} ${f.name} is a known engine difference that no longer disagrees as listed (engine ${f.engine.verdict} ${f.engine.reason}, kernel ${f.kernel.verdict}): remove it from ENGINE_DIFFERS`);
    }
  }
  for (const name of Object.keys(known)) assert.ok(d.flows.some((f) => f.name === name && f.kernel), `${r.lab}: the known difference ${name} was probed`);
}

describeWithTool('the agreement check: the engine and real packets give the same verdict', dataplaneMissing(), () => {
  void it('on the tutorial, hub-and-spoke, vcn-gateways (local peering), every broken lab, the transit lab fixed and the asymmetric firewall with HTTPS', { timeout: 85_000 }, async () => {
    const labs = FILES.map((f) => parseLab(readFileSync(path.join(LABS, f), 'utf8'), f));
    labs.push(parseLab(transitFixed(readFileSync(path.join(LABS, 'broken/transit.yaml'), 'utf8')), 'transit-fixed.yaml'));
    labs.push(parseLab(asymmetricHttps(readFileSync(path.join(LABS, 'broken/asymmetric-firewall.yaml'), 'utf8')), 'asymmetric-firewall-https.yaml'));
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
    const https = reports.find((r) => r.lab === 'asymmetric-firewall-https')?.dataplane?.flows.find((f) => f.name === 'oci-app-to-azure-app-https');
    assert.match(https?.kernel?.detail ?? '', /the client connected, but the listener .* never got the connection/, 'the handshake died at the firewall, not before it');
    const known = Object.values(ENGINE_DIFFERS).reduce((n, m) => n + Object.keys(m).length, 0);
    process.stdout.write(`# agreement: ${agreed}/${probed} flows in ${reports.length} labs (${known} known engine differences) in ${seconds.toFixed(1)} s\n`);
  });
});
