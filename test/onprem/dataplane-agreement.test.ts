// labs/onprem.yaml as a real data plane without BGP on the wire (root): the site's namespace holds its
// prefixes and static routes as the engine computes them, and every expectation of the lab, the
// on-premises flows included (Azure ⇄ site delivered, OCI ⇄ site dropped), is probed with real packets
// and agrees with the engine.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeWithTool } from '../helpers/needs-tool.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { checkLabDataplane, describeDisagreement } from '../../src/check/check-dataplane.ts';
import { dataplaneMissing, namespacesOfRun } from '../dataplane/machine.ts';

const FILE = path.join(import.meta.dirname, '../../labs/onprem.yaml');

describeWithTool('labs/onprem.yaml in the data plane: the site\'s flows are probed and agree', dataplaneMissing(), () => {
  void it('probes every flow, the on-premises ones included, and the kernel agrees with the engine', { timeout: 60_000 }, async () => {
    const r = await checkLabDataplane(parseLab(readFileSync(FILE, 'utf8'), 'onprem.yaml'));
    const d = r.dataplane;
    assert.ok(d, 'the lab came up as a data plane');
    assert.deepEqual(namespacesOfRun(d.runId ?? ''), [], 'the data plane was taken down');
    assert.deepEqual(d.flows.filter((f) => !f.kernel).map((f) => `${f.name}: ${f.notProbed ?? ''}`), [], 'every flow is probed');
    for (const f of d.flows) assert.ok(f.agrees, `${f.name}: ${describeDisagreement(f)}`);
    const verdicts = Object.fromEntries(d.flows.map((f) => [f.name, f.kernel?.verdict]));
    assert.equal(verdicts['azure-to-onprem-ping'], 'delivered');
    assert.equal(verdicts['onprem-to-azure-ssh'], 'delivered');
    assert.equal(verdicts['azure-to-onprem-host'], 'delivered', 'a listener on 10.50.3.7, inside the site\'s prefix, is reached');
    assert.equal(verdicts['oci-to-onprem-ping'], 'dropped');
    assert.equal(verdicts['onprem-to-oci-ssh'], 'dropped');
    assert.equal(r.ok, true);
  });
});
