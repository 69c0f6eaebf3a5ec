// `fastroute alerts` through the real CLI against a tutorial server on the manual clock: nothing
// active at first; a primary link-down drill through `fastroute drill` and a minute on the clock
// (`fastroute clock advance 60`) give the firing BGP, ARP and redundancy alerts and the pending
// one-path alert in a table by display name; --json prints the API's answer; --state filters; a bad
// state is the API's error, exit 1.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTutorialServer } from '../api/tutorial-server.ts';
import { runCli, serverForSuite } from './run.ts';

void describe('CLI: alerts', () => {
  const suite = serverForSuite(startTutorialServer);
  const cli = async (...args: string[]) => {
    const r = await runCli(args, suite.env);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };

  void it('none active on the healthy tutorial', async () => {
    assert.match(await cli('alerts'), /^No alert is active \(10 rules evaluated at \S+\)\.$/m);
  });

  void it('a drill and a minute later: firing and pending alerts, by name; --json is the API answer; --state filters', async () => {
    await cli('clock', 'set', 'manual');
    await cli('drill', 'link-down', '--path', 'primary');
    assert.match(await cli('alerts'), /4 alert\(s\): 0 firing, 4 pending/);
    await cli('clock', 'advance', '60');

    const out = await cli('alerts');
    assert.match(out, /^4 alert\(s\): 3 firing, 1 pending/);
    assert.match(out, /firing\s*│\s*critical\s*│\s*FastRouteBgpSessionDown\s*│[^│]+│[^│]+│\s*BGP session Primary-IPv4 of circuit er-oci-azure is down/);
    assert.match(out, /firing\s*│\s*warning\s*│\s*FastRouteRedundancyLost\s*│/);
    assert.match(out, /pending\s*│\s*warning\s*│\s*FastRouteOnePathCarriesAll\s*│[^│]+│[^│]+\(for 5m\)/);
    assert.doesNotMatch(out, /\/subscriptions\//, 'display names, not ARM ids');
    assert.match(await cli('alerts', '--ids'), /circuit \/subscriptions\/\S+\/expressRouteCircuits\/er-oci-azure is down/);

    const asJson = JSON.parse(await cli('alerts', '--json')) as { alerts: { name: string; state: string }[] };
    const api = (await suite.s.api('GET', '/alerts')).body as { alerts: unknown[] };
    assert.deepEqual(asJson.alerts, api.alerts);
    const firing = JSON.parse(await cli('alerts', '--state', 'firing', '--json')) as { alerts: { state: string }[] };
    assert.equal(firing.alerts.length, 3);
    assert.ok(firing.alerts.every((a) => a.state === 'firing'));

    await cli('drill', 'stop');
    assert.match(await cli('alerts'), /^No alert is active/);
  });

  void it('a state that is not pending or firing: the API\'s error, exit 1', async () => {
    const r = await runCli(['alerts', '--state', 'resolved'], suite.env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /InvalidParameter: invalid query: state/);
  });
});
