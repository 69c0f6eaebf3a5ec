// `az monitor metrics list` against FastRoute's Azure Monitor metrics API: the real CLI reads the
// tutorial circuit's BgpAvailability per Peer (skipped, saying why, when az is not installed).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startArmServer } from '../api/arm/harness.ts';
import { TUTORIAL } from '../api/server.ts';
import { resources } from '../api/tutorial-server.ts';
import { azUnavailableReason, prepareAzConfigDir, primeAzCommandIndex } from './az.ts';
import { azJson, loginToFastRoute, obj, type AzSession } from './az-session.ts';
import { describeWithTool } from '../helpers/needs-tool.ts';

describeWithTool('az monitor metrics list', azUnavailableReason(), () => {
  let session: AzSession;
  before(async () => {
    const [s, primed] = await Promise.all([startArmServer({ lab: TUTORIAL }), primeAzCommandIndex()]);
    session = { s, env: { configDir: prepareAzConfigDir(undefined, { commandIndexFrom: primed }), caBundle: s.endpoints.armCa } };
  });
  after(async () => {
    await session.s.close();
  });

  void it('reads BgpAvailability of the tutorial circuit, split by Peer, at 100 %', async (t) => {
    await loginToFastRoute(t, session);
    const circuitId = (await resources<{ id: string }>(session.s, 'azure.ExpressRouteCircuit'))[0]?.id ?? '';
    const out = obj(await azJson(t, session.env, ['monitor', 'metrics', 'list', '--resource', circuitId, '--metric', 'BgpAvailability', '--interval', 'PT1M', '--filter', "Peer eq '*'"]));
    const [metric] = out.value as { name: { value: string }; timeseries: { metadatavalues: { value: string }[]; data: { average?: number }[] }[] }[];
    assert.equal(metric?.name.value, 'BgpAvailability');
    const peers = metric?.timeseries.map((ts) => [ts.metadatavalues[0]?.value, ts.data.at(-1)?.average]).sort();
    assert.deepEqual(peers, [['Primary-IPv4', 100], ['Secondary-IPv4', 100]]);
  });
});
