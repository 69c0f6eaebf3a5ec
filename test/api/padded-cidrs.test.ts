// Issue 12 item 12: a CIDR with surrounding spaces is refused wherever a rule or prefix takes one,
// on both clouds, and nothing is stored. OCI: route rules, security list and NSG rules, DRG route
// rules (400 InvalidParameter, as for VCN and subnet blocks: test/api/oci/malformed.test.ts). ARM:
// VNet address space, subnet, route, NSG rule prefixes (was accepted and stored with the spaces).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import { startArmServer, type ArmTestServer } from './arm/harness.ts';
import { ociClients } from './oci/harness.ts';

const compartmentId = DEFAULT_TENANCY_ID;
const NET = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-pad/providers/Microsoft.Network`;
const V = '?api-version=2025-05-01';

void describe('CIDRs with surrounding spaces', () => {
  let s: ArmTestServer;
  const ids = { vcn: '', ig: '', nsg: '', drgRouteTable: '', attachment: '' };
  before(async () => {
    s = await startArmServer();
    const { network } = ociClients(s.endpoints.oci);
    const { vcn } = await network.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: ['10.0.0.0/16'] } });
    ids.vcn = vcn.id;
    ids.ig = (await network.createInternetGateway({ createInternetGatewayDetails: { compartmentId, vcnId: vcn.id, isEnabled: true } })).internetGateway.id;
    ids.nsg = (await network.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId, vcnId: vcn.id } })).networkSecurityGroup.id;
    const { drg } = await network.createDrg({ createDrgDetails: { compartmentId } });
    const { drgAttachment } = await network.createDrgAttachment({ createDrgAttachmentDetails: { drgId: drg.id, networkDetails: { type: 'VCN', id: vcn.id } } });
    ids.attachment = drgAttachment.id;
    ids.drgRouteTable = drgAttachment.drgRouteTableId ?? '';
    assert.ok((await s.arm('PUT', `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-pad?api-version=2021-04-01`, { location: 'eastus' })).status < 300);
  });
  after(async () => {
    await s.close();
  });

  const count = () => s.engine.world.count();

  const ociCases: [string, string, () => unknown][] = [
    ['a route rule destination', '/routeTables', () => ({ compartmentId, vcnId: ids.vcn, routeRules: [{ destination: ' 0.0.0.0/0', destinationType: 'CIDR_BLOCK', networkEntityId: ids.ig }] })],
    ['a security list ingress source', '/securityLists', () => ({ compartmentId, vcnId: ids.vcn, ingressSecurityRules: [{ source: '10.0.0.0/16 ', protocol: 'all' }], egressSecurityRules: [] })],
    ['a security list egress destination', '/securityLists', () => ({ compartmentId, vcnId: ids.vcn, ingressSecurityRules: [], egressSecurityRules: [{ destination: '\t10.0.0.0/16', protocol: 'all' }] })],
    ['an NSG rule source', '/networkSecurityGroups/{nsg}/actions/addSecurityRules', () => ({ securityRules: [{ direction: 'INGRESS', protocol: 'all', source: ' 10.0.0.0/16', sourceType: 'CIDR_BLOCK' }] })],
    ['a DRG route rule destination', '/drgRouteTables/{drgRouteTable}/actions/addDrgRouteRules', () => ({ routeRules: [{ destination: '10.9.0.0/16 ', destinationType: 'CIDR_BLOCK', nextHopDrgAttachmentId: ids.attachment }] })],
  ];
  for (const [what, path, body] of ociCases) {
    void it(`OCI refuses ${what} with 400 InvalidParameter and stores nothing`, async () => {
      const before = count();
      const url = path.replace('{nsg}', ids.nsg).replace('{drgRouteTable}', ids.drgRouteTable);
      const res = await fetch(`${s.endpoints.oci}/20160918${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body()) });
      const err = (await res.json()) as { code: string; message: string };
      assert.equal(res.status, 400, err.message);
      assert.equal(err.code, 'InvalidParameter');
      assert.match(err.message, /leading or trailing spaces/);
      assert.equal(count(), before);
    });
  }

  const armCases: [string, string, unknown, string][] = [
    ['a VNet address space', '/virtualNetworks/v1', { location: 'eastus', properties: { addressSpace: { addressPrefixes: [' 10.1.0.0/16'] } } }, 'InvalidAddressPrefixFormat'],
    ['a subnet prefix', '/virtualNetworks/v2', { location: 'eastus', properties: { addressSpace: { addressPrefixes: ['10.2.0.0/16'] }, subnets: [{ name: 's', properties: { addressPrefix: '10.2.1.0/24 ' } }] } }, 'InvalidAddressPrefixFormat'],
    ['a route prefix', '/routeTables/rt', { location: 'eastus', properties: { routes: [{ name: 'r', properties: { addressPrefix: ' 10.9.0.0/16', nextHopType: 'None' } }] } }, 'InvalidAddressPrefixFormat'],
    ['an NSG rule source prefix', '/networkSecurityGroups/n', { location: 'eastus', properties: { securityRules: [{ name: 'r', properties: { access: 'Allow', direction: 'Inbound', priority: 100, protocol: 'Tcp', sourceAddressPrefix: ' 10.0.0.0/16', destinationAddressPrefix: '*', sourcePortRange: '*', destinationPortRange: '22' } }] } }, 'SecurityRuleInvalidAddressPrefix'],
  ];
  for (const [what, path, body, code] of armCases) {
    void it(`ARM refuses ${what} with 400 ${code} and stores nothing`, async () => {
      const before = count();
      const r = await s.arm('PUT', `${NET}${path}${V}`, body);
      assert.equal(r.status, 400, r.text);
      assert.equal((r.body as { error: { code: string } }).error.code, code);
      assert.equal(count(), before);
    });
  }
});
