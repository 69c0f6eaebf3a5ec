// Child process of kill.test.ts: opens the engine on a file store in argv[2] (or the PostgreSQL
// database argv[3]) and creates VCNs one after another, printing each one's id once its create was
// acknowledged, until it is killed.
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { createVcn } from '../../src/lifecycle/oci/vcn.ts';
import { DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';

const scope = { tenancyId: DEFAULT_TENANCY_ID, region: 'us-ashburn-1' };
const engine = await Engine.open({ store: await openStore({ dataDir: process.argv[2] ?? '.', url: process.argv[3] }) });
for (let i = 0; ; i++) {
  const vcn = await engine.mutate('test:kill', (tx) => createVcn(tx, scope, { compartmentId: scope.tenancyId, cidrBlock: '10.0.0.0/16', displayName: `vcn-${i}` }));
  process.stdout.write(`${vcn.id}\n`);
}
