// Strict mode's isolation matrix for ids inside OCI request bodies: tenancy B names tenancy A's
// route table, security list, DHCP options, subnet, NSG, gateway, DRG, DRG route table, LPG and RPC
// in its own requests, and each is refused as OCI refuses an id the caller cannot see (400
// RelatedResourceNotAuthorizedOrNotFound, or 404 NotAuthorizedOrNotFound when the id is the
// operation's own target), with nothing changed in either tenancy.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { availabilityDomainName } from '../../../src/lifecycle/oci/availability-domains.ts';
import { ALL_KINDS } from '../../../src/model/kinds.ts';
import { common, core, ociClients, ociError, startOciServer, type OciClients, type OciTestServer, ASHBURN_IMAGE_ID } from './harness.ts';

const TENANCY_A = DEFAULT_TENANCY_ID;
const TENANCY_B = 'ocid1.tenancy.oc1..aaaaaaaatenancyb';
const USER = 'ocid1.user.oc1..aaaaaaaauser';

/** A signing client for `tenancy`, its key registered through the admin API. */
async function clientFor(s: OciTestServer, tenancy: string): Promise<OciClients> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const fingerprint = createHash('md5').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').replace(/(..)(?!$)/g, '$1:');
  const r = await s.api('POST', '/oci/api-keys', { tenancyId: tenancy, userId: USER, fingerprint, publicKey: publicPem });
  assert.equal(r.status, 201);
  const privatePem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return ociClients(s.ociUrl, new common.SimpleAuthenticationDetailsProvider(tenancy, USER, fingerprint, privatePem, null));
}

interface Net { vcn: string; rt: string; sl: string; dhcp: string; subnet: string; nsg: string; igw: string; drg: string; drgRt: string; lpg: string; rpc: string }

/** One tenancy's network: a VCN with each kind of resource another tenancy's body could name. */
async function networkOf(c: OciClients, compartmentId: string, cidr: string): Promise<Net> {
  const n = c.network;
  const vcn = (await n.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: [cidr] } })).vcn.id;
  const igw = (await n.createInternetGateway({ createInternetGatewayDetails: { compartmentId, vcnId: vcn, isEnabled: true } })).internetGateway.id;
  const rt = (await n.createRouteTable({ createRouteTableDetails: { compartmentId, vcnId: vcn, routeRules: [] } })).routeTable.id;
  const sl = (await n.createSecurityList({ createSecurityListDetails: { compartmentId, vcnId: vcn, egressSecurityRules: [], ingressSecurityRules: [] } })).securityList.id;
  const dhcp = (await n.createDhcpOptions({ createDhcpDetails: { compartmentId, vcnId: vcn, options: [{ type: 'DomainNameServer', serverType: core.models.DhcpDnsOption.ServerType.VcnLocalPlusInternet } as core.models.DhcpDnsOption] } })).dhcpOptions.id;
  const subnet = (await n.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn, cidrBlock: cidr.replace('/16', '/24') } })).subnet.id;
  const nsg = (await n.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId, vcnId: vcn } })).networkSecurityGroup.id;
  const drg = (await n.createDrg({ createDrgDetails: { compartmentId } })).drg.id;
  const drgRt = (await n.createDrgRouteTable({ createDrgRouteTableDetails: { drgId: drg } })).drgRouteTable.id;
  const lpg = (await n.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId, vcnId: vcn } })).localPeeringGateway.id;
  const rpc = (await n.createRemotePeeringConnection({ createRemotePeeringConnectionDetails: { compartmentId, drgId: drg } })).remotePeeringConnection.id;
  return { vcn, rt, sl, dhcp, subnet, nsg, igw, drg, drgRt, lpg, rpc };
}

void describe('ids inside OCI request bodies in strict mode', () => {
  let s: OciTestServer;
  let b: OciClients;
  let netA: Net;
  let netB: Net;

  /** Every entity of every kind: what a refused request must leave as it was. */
  const world = () => s.engine.read((view) => JSON.stringify(ALL_KINDS.map((k) => view.list(k))));

  /** The call is refused as `expected` (status and code), and nothing anywhere changed. */
  async function refused(call: () => Promise<unknown>, expected: [number, string]): Promise<void> {
    const before = await world();
    const e = await ociError(call());
    assert.deepEqual([e.statusCode, e.serviceCode], expected);
    assert.equal(await world(), before);
  }
  const related: [number, string] = [400, 'RelatedResourceNotAuthorizedOrNotFound'];
  const notFound: [number, string] = [404, 'NotAuthorizedOrNotFound'];
  const refusedAs = async (call: () => Promise<unknown>): Promise<void> => {
    const before = await world();
    const e = await ociError(call());
    assert.ok([related, notFound].some(([st, code]) => e.statusCode === st && e.serviceCode === code), `${String(e.statusCode)} ${e.serviceCode}`);
    assert.equal(await world(), before);
  };

  before(async () => {
    s = await startOciServer({ strictAuth: true });
    const a = await clientFor(s, TENANCY_A);
    b = await clientFor(s, TENANCY_B);
    netA = await networkOf(a, TENANCY_A, '10.1.0.0/16');
    netB = await networkOf(b, TENANCY_B, '10.2.0.0/16');
  });
  after(async () => { await s.close(); });

  void it('control: B may name its own resources', async () => {
    const sub = await b.network.createSubnet({ createSubnetDetails: { compartmentId: TENANCY_B, vcnId: netB.vcn, cidrBlock: '10.2.9.0/24', routeTableId: netB.rt, securityListIds: [netB.sl], dhcpOptionsId: netB.dhcp } });
    await b.network.deleteSubnet({ subnetId: sub.subnet.id });
  });

  void it("a subnet in B on A's route table, security list or DHCP options", async () => {
    const subnet = (extra: Partial<core.models.CreateSubnetDetails>) => () => b.network.createSubnet({ createSubnetDetails: { compartmentId: TENANCY_B, vcnId: netB.vcn, cidrBlock: '10.2.5.0/24', ...extra } });
    await refused(subnet({ routeTableId: netA.rt }), related);
    await refused(subnet({ securityListIds: [netA.sl] }), related);
    await refused(subnet({ dhcpOptionsId: netA.dhcp }), related);
    await refused(subnet({ vcnId: netA.vcn }), related);
    const update = (details: core.models.UpdateSubnetDetails) => () => b.network.updateSubnet({ subnetId: netB.subnet, updateSubnetDetails: details });
    await refused(update({ routeTableId: netA.rt }), related);
    await refused(update({ securityListIds: [netA.sl] }), related);
    await refused(update({ dhcpOptionsId: netA.dhcp }), related);
  });

  void it("a route rule in B targeting A's gateway, DRG or LPG", async () => {
    for (const target of [netA.igw, netA.drg, netA.lpg]) {
      const rules = [{ destination: '0.0.0.0/0', destinationType: core.models.RouteRule.DestinationType.CidrBlock, networkEntityId: target }];
      await refusedAs(() => b.network.createRouteTable({ createRouteTableDetails: { compartmentId: TENANCY_B, vcnId: netB.vcn, routeRules: rules } }));
      await refusedAs(() => b.network.updateRouteTable({ rtId: netB.rt, updateRouteTableDetails: { routeRules: rules } }));
    }
  });

  void it("DRG attachments across tenancies: A's VCN on B's DRG, B's VCN on A's DRG, A's DRG route table", async () => {
    await refusedAs(() => b.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: netB.drg, networkDetails: { type: 'VCN', id: netA.vcn } } }));
    await refusedAs(() => b.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: netB.drg, vcnId: netA.vcn } }));
    await refusedAs(() => b.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: netA.drg, vcnId: netB.vcn } }));
    // A route table of another DRG is refused as one of another tenancy or none at all: same code,
    // same message shape, so the answer tells nothing about A.
    const foreignTable = await ociError(b.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: netB.drg, vcnId: netB.vcn, drgRouteTableId: netA.drgRt } }));
    const noTable = await ociError(b.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: netB.drg, vcnId: netB.vcn, drgRouteTableId: netA.drgRt.replace(/.{6}$/, 'zzzzzz') } }));
    assert.deepEqual([foreignTable.statusCode, foreignTable.serviceCode], [400, 'InvalidParameter']);
    assert.deepEqual([noTable.statusCode, noTable.serviceCode], [400, 'InvalidParameter']);
    assert.equal(foreignTable.message.replace(netA.drgRt, 'ID'), noTable.message.replace(/ocid1\.drgroutetable\S+zzzzzz/, 'ID'));
    assert.equal((await b.network.listDrgAttachments({ compartmentId: TENANCY_B })).items.length, 0);
  });

  void it("peering B's LPG or RPC with A's, and A's NSG as the source of B's NSG rule", async () => {
    await refusedAs(() => b.network.connectLocalPeeringGateways({ localPeeringGatewayId: netB.lpg, connectLocalPeeringGatewaysDetails: { peerId: netA.lpg } }));
    await refusedAs(() => b.network.connectRemotePeeringConnections({ remotePeeringConnectionId: netB.rpc, connectRemotePeeringConnectionsDetails: { peerId: netA.rpc, peerRegionName: 'us-ashburn-1' } }));
    await refusedAs(() => b.network.addNetworkSecurityGroupSecurityRules({
      networkSecurityGroupId: netB.nsg,
      addNetworkSecurityGroupSecurityRulesDetails: { securityRules: [{ direction: core.models.AddSecurityRuleDetails.Direction.Ingress, protocol: 'all', source: netA.nsg, sourceType: core.models.AddSecurityRuleDetails.SourceType.NetworkSecurityGroup }] },
    }));
  });

  void it("a deprecated field naming A's resource beside its replacement naming B's: 400, not silently dropped", async () => {
    const mismatch: [number, string] = [400, 'InvalidParameter'];
    await refused(() => b.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: netB.drg, networkDetails: { type: 'VCN', id: netB.vcn }, vcnId: netA.vcn } }), mismatch);
    await refused(() => b.network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: netB.drg, networkDetails: { type: 'VCN', id: netB.vcn, routeTableId: netB.rt }, routeTableId: netA.rt } }), mismatch);
    await refused(() => b.compute.launchInstance({ launchInstanceDetails: {
      compartmentId: TENANCY_B, availabilityDomain: availabilityDomainName(TENANCY_B, 'us-ashburn-1', 1), shape: 'VM.Standard.E4.Flex',
      sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID }, createVnicDetails: { subnetId: netB.subnet }, subnetId: netA.subnet,
    } }), mismatch);
  });

  void it("a virtual circuit in B on A's DRG, and an instance in B on A's subnet or NSG", async () => {
    const services = await b.network.listFastConnectProviderServices({ compartmentId: TENANCY_B });
    const providerServiceId = services.items.find((p) => p.providerName === 'Microsoft Azure')?.id ?? '';
    await refusedAs(() => b.network.createVirtualCircuit({ createVirtualCircuitDetails: {
      compartmentId: TENANCY_B, type: core.models.CreateVirtualCircuitDetails.Type.Private, bandwidthShapeName: '1 Gbps', gatewayId: netA.drg,
      providerServiceId, providerServiceKeyName: '00000000-0000-4000-8000-000000000000', crossConnectMappings: [{ customerBgpPeeringIp: '10.99.0.2/30' }, { customerBgpPeeringIp: '10.99.0.6/30' }],
    } }));
    const launch = (vnic: core.models.CreateVnicDetails) => () => b.compute.launchInstance({ launchInstanceDetails: {
      compartmentId: TENANCY_B, availabilityDomain: availabilityDomainName(TENANCY_B, 'us-ashburn-1', 1), shape: 'VM.Standard.E4.Flex', sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID }, createVnicDetails: vnic,
    } });
    await refusedAs(launch({ subnetId: netA.subnet }));
    await refusedAs(launch({ subnetId: netB.subnet, nsgIds: [netA.nsg] }));
  });
});
