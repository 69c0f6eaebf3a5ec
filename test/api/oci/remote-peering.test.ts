// Remote peering connections through the official SDK over HTTP, with clients on two regional
// endpoints (Ashburn and Phoenix): an RPC's life, the REMOTE_PEERING_CONNECTION DRG attachment that
// comes and goes with it, the connect action and its refusals, the routes that cross a peering in
// ListDrgRouteRules, the compartment move, and REVOKED when the peer goes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { ensureCompartment } from '../../../src/lifecycle/oci/compartment.ts';
import { core, ociClients, ociError, startOciServer, type OciClients, type OciTestServer } from './harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;

void describe('OCI API: remote peering connections', () => {
  let s: OciTestServer;
  let iad: OciClients;
  let phx: OciClients;
  let compartment2: string;

  before(async () => {
    s = await startOciServer();
    iad = ociClients(`${s.ociUrl}/us-ashburn-1`);
    phx = ociClients(`${s.ociUrl}/us-phoenix-1`);
    compartment2 = await s.engine.mutate('test', (tx) => ensureCompartment(tx, { tenancyId: compartmentId, region: 'us-ashburn-1' }, 'peering').id);
  });
  after(async () => {
    await s.close();
  });

  /** A DRG with one VCN attached (its VCN CIDRs offered), in the client's region. */
  const drgWithVcn = async (c: OciClients, cidr: string, name: string) => {
    const { drg } = await c.network.createDrg({ createDrgDetails: { compartmentId, displayName: name } });
    const { vcn } = await c.network.createVcn({ createVcnDetails: { compartmentId, displayName: `vcn-${name}`, cidrBlocks: [cidr] } });
    await c.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: drg.id, networkDetails: { type: 'VCN', id: vcn.id, vcnRouteType: 'VCN_CIDRS' } } });
    return (await c.network.getDrg({ drgId: drg.id })).drg;
  };
  const rpcOn = async (c: OciClients, drgId: string, name: string) =>
    (await c.network.createRemotePeeringConnection({ createRemotePeeringConnectionDetails: { compartmentId, drgId, displayName: name } })).remotePeeringConnection;
  const get = async (c: OciClients, id: string) => (await c.network.getRemotePeeringConnection({ remotePeeringConnectionId: id })).remotePeeringConnection;
  const connect = (c: OciClients, id: string, peerId: string, peerRegionName: string) =>
    c.network.connectRemotePeeringConnections({ remotePeeringConnectionId: id, connectRemotePeeringConnectionsDetails: { peerId, peerRegionName } });

  void it('creates an RPC with its REMOTE_PEERING_CONNECTION attachment on the DRG\'s RPC route table; gets, lists, updates, refuses', async () => {
    const drg = await drgWithVcn(iad, '10.60.0.0/16', 'drg-life');
    const created = await rpcOn(iad, drg.id, 'rpc-life');
    assert.match(created.id, /^ocid1\.remotepeeringconnection\.oc1\.iad\./);
    assert.equal(created.lifecycleState, 'PROVISIONING');
    assert.equal(created.peeringStatus, 'NEW');
    assert.equal(created.isCrossTenancyPeering, false);
    assert.equal(created.drgId, drg.id);
    assert.equal(created.peerId, undefined, 'no peer until connected');
    assert.equal((await get(iad, created.id)).lifecycleState, 'AVAILABLE');

    const atts = (await iad.network.listDrgAttachments({ compartmentId, drgId: drg.id, attachmentType: core.requests.ListDrgAttachmentsRequest.AttachmentType.RemotePeeringConnection })).items;
    assert.equal(atts.length, 1);
    const att = atts[0];
    assert.ok(att);
    assert.deepEqual(att.networkDetails, { type: 'REMOTE_PEERING_CONNECTION', id: created.id });
    assert.equal(att.drgRouteTableId, drg.defaultDrgRouteTables?.remotePeeringConnection, 'the DRG\'s default table for RPC attachments');
    assert.equal(att.exportDrgRouteDistributionId, drg.defaultExportDrgRouteDistributionId);
    assert.equal(att.lifecycleState, 'ATTACHED');
    const direct = await ociError(iad.network.deleteDrgAttachment({ drgAttachmentId: att.id }));
    assert.deepEqual([direct.statusCode, direct.serviceCode], [400, 'InvalidParameter'], 'the attachment goes with its RPC');

    const updated = await iad.network.updateRemotePeeringConnection({ remotePeeringConnectionId: created.id, updateRemotePeeringConnectionDetails: { displayName: 'rpc-renamed', freeformTags: { team: 'net' } } });
    assert.equal(updated.remotePeeringConnection.displayName, 'rpc-renamed');
    assert.deepEqual(updated.remotePeeringConnection.freeformTags, { team: 'net' });
    assert.deepEqual((await iad.network.listRemotePeeringConnections({ compartmentId, drgId: drg.id })).items.map((x) => x.id), [created.id]);

    const noDrg = await ociError(iad.network.createRemotePeeringConnection({ createRemotePeeringConnectionDetails: { compartmentId } as core.models.CreateRemotePeeringConnectionDetails }));
    assert.deepEqual([noDrg.statusCode, noDrg.serviceCode], [400, 'MissingParameter']);
    const otherRegion = await ociError(rpcOn(phx, drg.id, 'rpc-wrong-region'));
    assert.deepEqual([otherRegion.statusCode, otherRegion.serviceCode], [400, 'RelatedResourceNotAuthorizedOrNotFound'], 'an Ashburn DRG is not found from Phoenix');
    const drgBusy = await ociError(iad.network.deleteDrg({ drgId: drg.id }));
    assert.deepEqual([drgBusy.statusCode, drgBusy.serviceCode], [409, 'Conflict'], 'the RPC\'s attachment keeps the DRG');

    await iad.network.changeRemotePeeringConnectionCompartment({ remotePeeringConnectionId: created.id, changeRemotePeeringConnectionCompartmentDetails: { compartmentId: compartment2 } });
    assert.deepEqual((await iad.network.listRemotePeeringConnections({ compartmentId: compartment2 })).items.map((x) => x.id), [created.id]);

    await iad.network.deleteRemotePeeringConnection({ remotePeeringConnectionId: created.id });
    assert.equal((await get(iad, created.id)).lifecycleState, 'TERMINATED');
    assert.equal((await iad.network.getDrgAttachment({ drgAttachmentId: att.id })).drgAttachment.lifecycleState, 'DETACHED', 'its attachment goes with it');
  });

  void it('lists the regions a DRG may peer with: every region FastRoute serves', async () => {
    const regions = (await iad.network.listAllowedPeerRegionsForRemotePeering({})).items.map((r) => r.name);
    assert.ok(regions.includes('us-phoenix-1') && regions.includes('eu-frankfurt-1'));
    assert.equal(regions.length, 12);
  });

  void it('connects two RPCs across regions: refusals change nothing, then both PEERED and each DRG imports the other\'s VCN; REVOKED when the peer goes', async () => {
    const drgA = await drgWithVcn(iad, '10.70.0.0/16', 'drg-a');
    const drgB = await drgWithVcn(phx, '10.71.0.0/16', 'drg-b');
    const drgC = await drgWithVcn(phx, '10.70.128.0/17', 'drg-overlap');
    const a = await rpcOn(iad, drgA.id, 'rpc-a');
    const b = await rpcOn(phx, drgB.id, 'rpc-b');
    const c = await rpcOn(phx, drgC.id, 'rpc-c');
    const sameRegion = await rpcOn(iad, drgA.id, 'rpc-a2');

    const noRegion = await ociError(iad.network.connectRemotePeeringConnections({ remotePeeringConnectionId: a.id, connectRemotePeeringConnectionsDetails: { peerId: b.id } as core.models.ConnectRemotePeeringConnectionsDetails }));
    assert.deepEqual([noRegion.statusCode, noRegion.serviceCode, noRegion.message], [400, 'InvalidParameter', 'peerRegionName may not be null.']);
    const wrongRegion = await ociError(connect(iad, a.id, b.id, 'eu-frankfurt-1'));
    assert.deepEqual([wrongRegion.statusCode, wrongRegion.serviceCode], [400, 'InvalidParameter'], 'the peer is not in the region named');
    const local = await ociError(connect(iad, a.id, sameRegion.id, 'us-ashburn-1'));
    assert.equal(local.serviceCode, 'InvalidParameter', 'remote peering joins two regions');
    const unknown = await ociError(connect(iad, a.id, 'ocid1.remotepeeringconnection.oc1.phx.aaaaaaaanothere', 'us-phoenix-1'));
    assert.deepEqual([unknown.statusCode, unknown.serviceCode], [400, 'RelatedResourceNotAuthorizedOrNotFound']);
    const overlap = await ociError(connect(iad, a.id, c.id, 'us-phoenix-1'));
    assert.equal(overlap.serviceCode, 'InvalidParameter', 'the VCNs behind the two DRGs must not overlap');
    assert.match(overlap.message, /10\.70\.0\.0\/16 and 10\.70\.128\.0\/17/);
    assert.equal((await get(iad, a.id)).peeringStatus, 'NEW', 'a refused connect changes nothing');
    assert.equal((await get(phx, c.id)).peeringStatus, 'NEW');

    const done = await connect(iad, a.id, b.id, 'us-phoenix-1');
    assert.ok(done.opcRequestId !== undefined);
    const [pa, pb] = [await get(iad, a.id), await get(phx, b.id)];
    assert.deepEqual([pa.peeringStatus, pa.peerId, pa.peerRegionName, pa.peerTenancyId], ['PEERED', b.id, 'us-phoenix-1', DEFAULT_TENANCY_ID]);
    assert.deepEqual([pb.peeringStatus, pb.peerId, pb.peerRegionName], ['PEERED', a.id, 'us-ashburn-1']);
    const again = await ociError(connect(phx, c.id, a.id, 'us-ashburn-1'));
    assert.deepEqual([again.serviceCode, again.message], ['InvalidParameter', `The Remote Peering Connection with ID ${a.id} has already been connected.`]);

    // Each DRG's VCN table (imports ALL) learns the other region's VCN over its RPC attachment.
    const rules = async (cl: OciClients, tableId: string | undefined) => (await cl.network.listDrgRouteRules({ drgRouteTableId: tableId ?? '' })).items;
    const inB = (await rules(phx, drgB.defaultDrgRouteTables?.vcn)).find((x) => x.destination === '10.70.0.0/16');
    assert.equal(inB?.routeProvenance, 'VCN', 'the earliest origin, kept across the peering');
    assert.equal(inB?.routeType, 'DYNAMIC');
    const [attB] = (await phx.network.listDrgAttachments({ compartmentId, drgId: drgB.id, attachmentType: core.requests.ListDrgAttachmentsRequest.AttachmentType.RemotePeeringConnection })).items;
    assert.equal(inB?.nextHopDrgAttachmentId, attB?.id);
    const attA = (await iad.network.listDrgAttachments({ compartmentId, drgId: drgA.id, attachmentType: core.requests.ListDrgAttachmentsRequest.AttachmentType.RemotePeeringConnection })).items
      .find((x) => x.networkDetails?.id === a.id);
    assert.ok((await rules(iad, drgA.defaultDrgRouteTables?.vcn)).some((x) => x.destination === '10.71.0.0/16' && x.nextHopDrgAttachmentId === attA?.id));

    await phx.network.deleteRemotePeeringConnection({ remotePeeringConnectionId: b.id });
    const revoked = await get(iad, a.id);
    assert.equal(revoked.peeringStatus, 'REVOKED', 'the other side is revoked when its peer goes');
    assert.ok(!(await rules(iad, drgA.defaultDrgRouteTables?.vcn)).some((x) => x.destination === '10.71.0.0/16'), 'and its DRG forgets the routes');
    const reconnect = await ociError(connect(iad, a.id, c.id, 'us-phoenix-1'));
    assert.equal(reconnect.serviceCode, 'InvalidParameter', 'a revoked RPC does not peer again');
  });
});
