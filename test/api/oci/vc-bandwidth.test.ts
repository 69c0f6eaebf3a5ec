// A virtual circuit's bandwidth through the official SDK over HTTP, on the manual clock: refused
// beyond the ExpressRoute circuit's bandwidth (nothing changes), accepted once the circuit is
// raised (PROVISIONING with BGP down, then PROVISIONED again after Oracle re-provisions it), and
// the provider's own fields refused with 403 NotAuthorized.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { createDrg } from '../../../src/lifecycle/oci/drg.ts';
import { putExpressRouteCircuit } from '../../../src/lifecycle/azure/circuit.ts';
import { AZ, buildAzure, type AzureSide } from '../../helpers/interconnect.ts';
import { core, ociError, startOciServer, type OciTestServer } from './harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;
const scope = { tenancyId: DEFAULT_TENANCY_ID, region: 'us-ashburn-1' };
/** Longer than any scaled VC delay (provider accept, provisioning, re-provisioning). */
const SETTLE_S = 30;

void describe('OCI API: changing a virtual circuit\'s bandwidth (manual clock)', () => {
  let s: OciTestServer;
  let azure: AzureSide;
  let vcId: string;

  const read = async () => (await s.network.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit;
  const setBandwidth = (bandwidthShapeName: string) => s.network.updateVirtualCircuit({ virtualCircuitId: vcId, updateVirtualCircuitDetails: { bandwidthShapeName } });
  const raiseCircuit = (bandwidthInMbps: number) => s.engine.mutate('test:raise', (tx) => putExpressRouteCircuit(tx, AZ, 'rg', 'er-oci-azure', {
    properties: { serviceProviderProperties: { serviceProviderName: 'Oracle Cloud FastConnect', peeringLocation: 'Washington DC', bandwidthInMbps } },
  }));

  before(async () => {
    s = await startOciServer({ clock: 'manual' });
    azure = await buildAzure(s.engine); // a 1 Gbps circuit
    const drgId = await s.engine.mutate('test:drg', (tx) => createDrg(tx, scope, { compartmentId, displayName: 'drg' }).id);
    const services = await s.network.listFastConnectProviderServices({ compartmentId });
    const providerServiceId = services.items.find((x) => x.providerName === 'Microsoft Azure')?.id;
    const created = await s.network.createVirtualCircuit({
      createVirtualCircuitDetails: {
        compartmentId, displayName: 'vc', type: core.models.CreateVirtualCircuitDetails.Type.Private, bandwidthShapeName: '1 Gbps',
        gatewayId: drgId, providerServiceId, providerServiceKeyName: azure.serviceKey,
        crossConnectMappings: [{ customerBgpPeeringIp: '10.99.0.2/30' }, { customerBgpPeeringIp: '10.99.0.6/30' }],
      },
    });
    vcId = created.virtualCircuit.id ?? '';
    await s.engine.advance(SETTLE_S);
  });
  after(async () => {
    await s.close();
  });

  void it('starts PROVISIONED at 1 Gbps with BGP up', async () => {
    const vc = await read();
    assert.deepEqual([vc.lifecycleState, vc.bandwidthShapeName, vc.bgpSessionState], ['PROVISIONED', '1 Gbps', 'UP']);
  });

  void it('refuses 2 Gbps while the ExpressRoute circuit is 1 Gbps (400 InvalidParameter), changing nothing', async () => {
    const err = await ociError(setBandwidth('2 Gbps'));
    assert.deepEqual([err.statusCode, err.serviceCode, err.message], [400, 'InvalidParameter',
      `bandwidthShapeName 2 Gbps exceeds the bandwidth of provider service key ${azure.serviceKey} (1 Gbps): increase the bandwidth of the ExpressRoute circuit first, then of the virtual circuit.`]);
    const vc = await read();
    assert.deepEqual([vc.lifecycleState, vc.bandwidthShapeName, vc.bgpSessionState], ['PROVISIONED', '1 Gbps', 'UP']);
  });

  void it('accepts 2 Gbps once the circuit is raised: PROVISIONING with BGP down, then PROVISIONED again', async () => {
    await raiseCircuit(2000);
    const updated = await setBandwidth('2 Gbps');
    assert.deepEqual([updated.virtualCircuit.bandwidthShapeName, updated.virtualCircuit.lifecycleState], ['2 Gbps', 'PROVISIONING']);
    const during = await read();
    assert.deepEqual([during.lifecycleState, during.bgpSessionState], ['PROVISIONING', 'DOWN']);

    const again = await ociError(setBandwidth('1 Gbps'));
    assert.deepEqual([again.statusCode, again.serviceCode, again.message], [409, 'IncorrectState', `The bandwidth of VirtualCircuit ${vcId} cannot change while it is PROVISIONING.`]);

    await s.engine.advance(SETTLE_S);
    const done = await read();
    assert.deepEqual([done.lifecycleState, done.bandwidthShapeName, done.bgpSessionState], ['PROVISIONED', '2 Gbps', 'UP']);
    const key = await s.network.getFastConnectProviderServiceKey({ providerServiceId: done.providerServiceId ?? '', providerServiceKeyName: azure.serviceKey });
    assert.equal(key.fastConnectProviderServiceKey.bandwidthShapeName, done.bandwidthShapeName, 'the provider and the circuit agree');
  });

  void it('lowers the bandwidth within the circuit\'s too (1 Gbps on a 2 Gbps circuit)', async () => {
    const updated = await setBandwidth('1 Gbps');
    assert.deepEqual([updated.virtualCircuit.bandwidthShapeName, updated.virtualCircuit.lifecycleState], ['1 Gbps', 'PROVISIONING']);
    await s.engine.advance(SETTLE_S);
    assert.equal((await read()).lifecycleState, 'PROVISIONED');
  });

  void it('refuses the provider\'s fields with 403 NotAuthorized and changes nothing', async () => {
    const before_ = await read();
    const err = await ociError(s.network.updateVirtualCircuit({ virtualCircuitId: vcId, updateVirtualCircuitDetails: { displayName: 'renamed', providerState: core.models.UpdateVirtualCircuitDetails.ProviderState.Inactive } }));
    assert.deepEqual([err.statusCode, err.serviceCode, err.message], [403, 'NotAuthorized',
      'You do not have authorization to update one or more of the fields included in this request: providerState of a virtual circuit to Microsoft Azure can be updated only by the provider.']);
    const after_ = await read();
    assert.deepEqual([after_.displayName, after_.providerState], [before_.displayName, 'ACTIVE']);
  });
});
