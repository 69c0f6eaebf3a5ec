// `fastroute cost` through the real CLI: against the tutorial server (--json is exactly GET /cost;
// the table gives the total, the meters and the plan comparison), and on a lab file without a
// server (the same figures; an invalid lab exits 2).
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { CostResponse } from '../../src/api/admin/cost.ts';
import { startTutorialServer } from '../api/tutorial-server.ts';
import { runCli, serverForSuite } from './run.ts';

const NOON = '2026-01-15T12:00:00Z';

void describe('CLI: cost', () => {
  const suite = serverForSuite(startTutorialServer);

  void it('cost --json prints the API response', async () => {
    const r = await runCli(['cost', '--at', NOON, '--json'], suite.env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), (await suite.s.api('GET', `/cost?at=${NOON}`)).body);
  });

  void it('cost prints the total, each meter, and the plans compared', async () => {
    const r = await runCli(['cost', '--at', NOON], suite.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Monthly estimate: \$3,222\.32 \(Azure \$3,067\.19, OCI \$155\.13\), USD list prices read \d{4}-\d{2}-\d{2}, 730 hours a month\./);
    assert.match(r.stdout, /er-oci-azure\s*│\s*ExpressRouteCircuit\s*│\s*Standard_MeteredData 1 Gbps\s*│\s*Metered Data - Data Transfer Out\s*│\s*99,700 GB\s*│\s*\$0\.025 \[U\]\s*│\s*\$2,492\.49/);
    assert.match(r.stdout, /ergw\s*│\s*VirtualNetworkGateway\s*│\s*Standard\s*│\s*Standard Gateway\s*│\s*730 hours\s*│\s*\$0\.19\s*│\s*\$138\.70/);
    assert.match(r.stdout, /Standard_MeteredData is the cheaper plan at 99,700 GB a month out of Azure: the other costs \$2,771\.51 more a month/);
    const bad = await runCli(['cost', '--at', 'noon'], suite.env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /at is an ISO 8601 date-time/);
  });

  void it('cost LAB: the same estimate without a server; an invalid lab exits 2', async () => {
    const r = await runCli(['cost', 'labs/tutorial.yaml', '--at', NOON, '--json'], {});
    assert.equal(r.code, 0, r.stderr);
    const offline = JSON.parse(r.stdout) as CostResponse;
    const online = (await suite.s.api('GET', `/cost?at=${NOON}`)).body as CostResponse;
    const figures = (c: CostResponse) => ({ total: c.totalUsd, lines: c.lines.map((l) => [l.name, l.meter, l.quantity, l.monthlyUsd]), plans: c.plans.map((p) => [p.current, p.cheapest, p.savingUsd]) });
    assert.deepEqual(figures(offline), figures(online));
    const dir = mkdtempSync(path.join(tmpdir(), 'fr-cost-'));
    try {
      const file = path.join(dir, 'bad.yaml');
      writeFileSync(file, 'name: bad\noci: { region: nowhere }\n');
      const bad = await runCli(['cost', file], {});
      assert.equal(bad.code, 2, bad.stderr);
      assert.match(bad.stderr, /fastroute cost: .*bad\.yaml was not read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
