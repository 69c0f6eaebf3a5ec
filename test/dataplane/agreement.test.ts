// The agreement check (issue 15) as root: every expectation of the tutorial, hub-and-spoke, the
// broken labs (and the transit lab fixed, which exercises gateway transit) traced by the engine and
// probed with real packets must give the same verdict. Until the data plane compiles security
// (nftables), the flows the engine drops for security reasons only are known exceptions, named
// here and asserted as disagreeing, so the list fails the day they start agreeing.
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

/** Security the data plane does not enforce yet: lab → expectation → the engine's reason. */
const SECURITY_NOT_YET: Record<string, Record<string, string>> = {
  // The appliance is a stateful firewall in the engine: replies that bypass it are dropped (conntrack state, nftables).
  'broken-asymmetric-firewall': {
    'azure-app-to-oci-app-ping': 'ASYMMETRIC_RETURN', 'oci-app-to-azure-app-ping': 'ASYMMETRIC_RETURN',
    'azure-app-to-oci-app-sqlnet': 'ASYMMETRIC_RETURN', 'azure-data-to-oci-app-sqlnet': 'ASYMMETRIC_RETURN',
  },
};

const transitFixed = (text: string): string => text
  .replace('{ name: azure-to-spoke, remoteVnet: vnet-spoke }', '{ name: azure-to-spoke, remoteVnet: vnet-spoke, allowGatewayTransit: true }')
  .replace('{ name: spoke-to-azure, remoteVnet: vnet-azure }', '{ name: spoke-to-azure, remoteVnet: vnet-azure, useRemoteGateways: true }')
  .replace('name: broken-transit\n', 'name: transit-fixed\n');

function assertAgreement(r: DataplaneCheckReport): void {
  const d = r.dataplane;
  assert.ok(d, `${r.lab} came up as a data plane`);
  assert.deepEqual(namespacesOfRun(d.runId ?? ''), [], `${r.lab}: the data plane was taken down`);
  const known = SECURITY_NOT_YET[r.lab] ?? {};
  for (const f of d.flows) {
    if (!f.kernel) continue;
    const reason = known[f.name];
    if (reason === undefined) {
      assert.ok(f.agrees, `${r.lab} ${f.name}: ${describeDisagreement(f)}`);
    } else {
      assert.ok(!f.agrees && f.engine.verdict === 'dropped' && f.engine.reason === reason && f.kernel.verdict === 'delivered',
        `${r.lab} ${f.name} is a known security exception that no longer disagrees as listed (engine ${f.engine.verdict} ${f.engine.reason}, kernel ${f.kernel.verdict}): remove it from SECURITY_NOT_YET`);
    }
  }
  for (const name of Object.keys(known)) assert.ok(d.flows.some((f) => f.name === name && f.kernel), `${r.lab}: the known exception ${name} was probed`);
}

describeWithTool('the agreement check: the engine and real packets give the same verdict', dataplaneMissing(), () => {
  void it('on the tutorial, hub-and-spoke, vcn-gateways (local peering), every broken lab and the transit lab fixed', { timeout: 85_000 }, async () => {
    const labs = FILES.map((f) => parseLab(readFileSync(path.join(LABS, f), 'utf8'), f));
    labs.push(parseLab(transitFixed(readFileSync(path.join(LABS, 'broken/transit.yaml'), 'utf8')), 'transit-fixed.yaml'));
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
    const known = Object.values(SECURITY_NOT_YET).reduce((n, m) => n + Object.keys(m).length, 0);
    process.stdout.write(`# agreement: ${agreed}/${probed} flows in ${reports.length} labs (${known} known security exceptions) in ${seconds.toFixed(1)} s\n`);
  });
});
