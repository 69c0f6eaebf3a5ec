// The seed tutorial's OCI half through the official SDK, end to end: the virtual circuit ends
// PROVISIONED with both BGP sessions up, and the Azure VNet's prefix is learned into the DRG route
// table used by VCN attachments.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOciServer, type OciTestServer } from './harness.ts';
import { connectAzureHalf, createAzureHalf, createOciHalf, type OciHalf } from './tutorial-flow.ts';

void describe('seed tutorial, OCI half, through oci-core', () => {
  let s: OciTestServer;
  let oci: OciHalf;
  before(async () => {
    s = await startOciServer();
    const azure = await createAzureHalf(s.engine);
    oci = await createOciHalf(s, azure.serviceKey);
    await connectAzureHalf(s.engine, azure);
  });
  after(async () => {
    await s.close();
  });

  void it('provisions the virtual circuit with both BGP sessions up', async () => {
    const vc = (await s.network.getVirtualCircuit({ virtualCircuitId: oci.virtualCircuit.id ?? '' })).virtualCircuit;
    assert.equal(vc.lifecycleState, 'PROVISIONED');
    assert.equal(vc.providerState, 'ACTIVE');
    assert.equal(vc.bgpSessionState, 'UP');
    assert.equal(vc.oracleBgpAsn, 31898);
    const mappings = await s.network.listCrossConnectMappings({ virtualCircuitId: vc.id ?? '' });
    assert.deepEqual(mappings.crossConnectMappingDetailsCollection.items.map((m) => [m.oracleBgpPeeringIp, m.ipv4BgpStatus]), [['10.99.0.1/30', 'UP'], ['10.99.0.5/30', 'UP']]);
  });

  void it('learns the Azure VNet prefix into the DRG route table for VCN attachments', async () => {
    const drg = (await s.network.getDrg({ drgId: oci.drg.id })).drg;
    const vcnTableId = drg.defaultDrgRouteTables?.vcn ?? '';
    assert.equal(oci.attachment.drgRouteTableId, vcnTableId, 'the VCN attachment uses the default VCN table');
    const rules = (await s.network.listDrgRouteRules({ drgRouteTableId: vcnTableId })).items;
    const azure = rules.find((r) => r.destination === '10.20.0.0/16');
    assert.ok(azure, `10.20.0.0/16 among ${rules.map((r) => r.destination).join(', ')}`);
    assert.equal(azure.routeType, 'DYNAMIC');
    assert.equal(azure.routeProvenance, 'VIRTUAL_CIRCUIT');
    assert.equal(azure.isConflict, false);
  });

  void it('routes the VNet prefix from the subnet to the DRG', async () => {
    const rt = (await s.network.getRouteTable({ rtId: oci.subnet.routeTableId ?? '' })).routeTable;
    assert.deepEqual(rt.routeRules.map((r) => [r.destination, r.networkEntityId]), [['10.20.0.0/16', oci.drg.id]]);
  });
});
