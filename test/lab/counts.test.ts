// `up` and `down` count the same set, the lab's resources, and report apart, by kind, the parts and
// defaults the clouds made or removed with them (the same, kind by kind, but the compartment).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { downLab, upLab } from '../../src/engine/lab-runner.ts';
import { parseLab } from '../../src/lab/parse.ts';
import { memoryEngine } from '../helpers/interconnect.ts';

for (const file of ['labs/tutorial.yaml', 'labs/hub-and-spoke.yaml']) {
  void test(`${file}: down deletes as many lab resources as up created, and the parts that came with them go too`, async () => {
    const engine = await memoryEngine();
    const lab = parseLab(readFileSync(file, 'utf8'), file);
    const up = await upLab(engine, lab);
    const down = await downLab(engine, lab.name);
    assert.ok(up.created > 10, `created ${up.created}`);
    assert.equal(down.deleted, up.created);
    const byKind = (xs: { kind: string; count: number }[]) => Object.fromEntries(xs.map((x) => [x.kind, x.count]));
    const made = byKind(up.withThem);
    assert.ok((made['oci.DrgRouteTable'] ?? 0) >= 2 && (made['oci.SecurityList'] ?? 0) >= 1, `the DRG's and VCN's defaults are named: ${JSON.stringify(made)}`);
    // The lab's compartment stays: `ensureCompartment` reuses it, and other labs may share it.
    const { 'oci.Compartment': compartments, ...rest } = made;
    assert.equal(compartments, 1);
    assert.deepEqual(byKind(down.withThem), rest, 'what came with them went with them');
  });
}
