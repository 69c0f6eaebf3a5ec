// Strict mode's isolation matrix for ids inside ARM request bodies: with subscription B's token,
// every body that links to a resource of subscription A (subnet, NIC, NSG, route table, public IP,
// gateway, circuit, a template's reference()/resourceId()) is refused with ARM's 403
// LinkedAuthorizationFailed (AuthorizationFailed for a deployment reading A), and neither A nor B
// changes. A control case shows the same bodies pass with B's own resources.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NetworkManagementClient } from '@azure/arm-network';
import { FAST_POLL, staticCredential, startArmServer, type ArmTestServer } from './harness.ts';

const SUB_A = '11111111-1111-4111-8111-111111111111';
const SUB_B = '22222222-2222-4222-8222-222222222222';
const TENANT = '33333333-3333-4333-8333-333333333333';
const LOC = 'eastus';
const API = '?api-version=2025-05-01';
const netOf = (sub: string) => `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Network`;
const A = netOf(SUB_A);
const B = netOf(SUB_B);
const A_SUBNET = `${A}/virtualNetworks/vnet/subnets/default`;

interface Side { token: string; network: NetworkManagementClient }

void describe('ids inside ARM request bodies in strict mode', () => {
  let s: ArmTestServer;
  let a: Side;
  let b: Side;

  async function sideOf(clientId: string, secret: string, sub: string): Promise<Side> {
    const t = await s.arm('POST', '/adfs/oauth2/token', new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: `${s.armUrl}//.default` }).toString(), { 'content-type': 'application/x-www-form-urlencoded', authorization: '' });
    const token = (t.body as { access_token: string }).access_token;
    const c = s.clients(sub, staticCredential(token));
    await c.resources.resourceGroups.createOrUpdate('rg', { location: LOC });
    await c.network.virtualNetworks.beginCreateOrUpdateAndWait('rg', 'vnet', {
      location: LOC, addressSpace: { addressPrefixes: [sub === SUB_A ? '10.1.0.0/16' : '10.2.0.0/16'] },
      subnets: [{ name: 'default', addressPrefix: sub === SUB_A ? '10.1.0.0/24' : '10.2.0.0/24' }],
    }, FAST_POLL);
    await c.network.networkSecurityGroups.beginCreateOrUpdateAndWait('rg', 'nsg', { location: LOC }, FAST_POLL);
    await c.network.routeTables.beginCreateOrUpdateAndWait('rg', 'rt', { location: LOC }, FAST_POLL);
    await c.network.publicIPAddresses.beginCreateOrUpdateAndWait('rg', 'pip', { location: LOC, sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static' }, FAST_POLL);
    return { token, network: c.network };
  }

  /** Everything both subscriptions hold, as each owner reads it. */
  async function world(): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const [side, net] of [[a, A], [b, B]] as const) {
      for (const type of ['virtualNetworks', 'networkSecurityGroups', 'routeTables', 'publicIPAddresses', 'networkInterfaces', 'connections']) {
        out.push((await s.arm('GET', `${net}/${type}${API}`, undefined, { authorization: `Bearer ${side.token}` })).body);
      }
      const vms = net.replace('Microsoft.Network', 'Microsoft.Compute');
      out.push((await s.arm('GET', `${vms}/virtualMachines?api-version=2024-07-01`, undefined, { authorization: `Bearer ${side.token}` })).body);
    }
    return out;
  }

  /** The request is refused with `code` (403) naming `action`, and nothing anywhere changed. */
  async function refused(attempt: () => Promise<unknown>, code: string, action: RegExp): Promise<void> {
    const before = await world();
    await assert.rejects(attempt(), (e: { statusCode?: number; code?: string; message?: string }) => {
      assert.deepEqual([e.statusCode, e.code], [403, code]);
      assert.match(e.message ?? '', action);
      return true;
    });
    assert.deepEqual(await world(), before);
  }

  before(async () => {
    s = await startArmServer({ strictAuth: true }, {
      armPrincipals: [
        { clientId: 'app-a', clientSecret: 'secret-a', tenantId: TENANT, subscriptions: [SUB_A] },
        { clientId: 'app-b', clientSecret: 'secret-b', tenantId: TENANT, subscriptions: [SUB_B] },
      ],
    });
    a = await sideOf('app-a', 'secret-a', SUB_A);
    b = await sideOf('app-b', 'secret-b', SUB_B);
    await a.network.networkInterfaces.beginCreateOrUpdateAndWait('rg', 'nic', { location: LOC, ipConfigurations: [{ name: 'ip1', subnet: { id: A_SUBNET } }] }, FAST_POLL);
  });
  after(async () => { await s.close(); });

  void it('control: the same bodies with B\'s own resources are accepted', async () => {
    const nic = await b.network.networkInterfaces.beginCreateOrUpdateAndWait('rg', 'nic-own', {
      location: LOC, networkSecurityGroup: { id: `${B}/networkSecurityGroups/nsg` },
      ipConfigurations: [{ name: 'ip1', subnet: { id: `${B}/virtualNetworks/vnet/subnets/default` }, publicIPAddress: { id: `${B}/publicIPAddresses/pip` } }],
    }, FAST_POLL);
    assert.equal(nic.provisioningState, 'Succeeded');
    await b.network.networkInterfaces.beginDeleteAndWait('rg', 'nic-own', FAST_POLL);
  });

  void it('a NIC in B on A\'s subnet, NSG or public IP', async () => {
    const nic = (ip: Record<string, unknown>, extra: Record<string, unknown> = {}) => () =>
      b.network.networkInterfaces.beginCreateOrUpdateAndWait('rg', 'nic-x', { location: LOC, ...extra, ipConfigurations: [{ name: 'ip1', subnet: { id: `${B}/virtualNetworks/vnet/subnets/default` }, ...ip }] }, FAST_POLL);
    await refused(nic({ subnet: { id: A_SUBNET } }), 'LinkedAuthorizationFailed', /'Microsoft\.Network\/virtualNetworks\/subnets\/join\/action' on the linked scope\(s\) '\/subscriptions\/11111111/);
    await refused(nic({}, { networkSecurityGroup: { id: `${A}/networkSecurityGroups/nsg` } }), 'LinkedAuthorizationFailed', /networkSecurityGroups\/join\/action/);
    await refused(nic({ publicIPAddress: { id: `${A}/publicIPAddresses/pip` } }), 'LinkedAuthorizationFailed', /publicIPAddresses\/join\/action/);
  });

  void it('a VM in B on A\'s NIC leaves A\'s NIC unattached', async () => {
    const vm = () => s.arm('PUT', `${B.replace('Microsoft.Network', 'Microsoft.Compute')}/virtualMachines/vm?api-version=2024-07-01`, {
      location: LOC, properties: { hardwareProfile: { vmSize: 'Standard_B1s' }, networkProfile: { networkInterfaces: [{ id: `${A}/networkInterfaces/nic` }] } },
    }, { authorization: `Bearer ${b.token}` }).then((r) => {
      const err = (r.body as { error?: { code?: string; message?: string } }).error;
      if (r.status >= 400) throw Object.assign(new Error(err?.message), { statusCode: r.status, code: err?.code });
      return r;
    });
    await refused(vm, 'LinkedAuthorizationFailed', /networkInterfaces\/join\/action/);
    assert.equal((await a.network.networkInterfaces.get('rg', 'nic')).virtualMachine, undefined);
  });

  void it('A\'s NSG or route table on B\'s subnet, alone or inline in a VNet', async () => {
    const subnet = (props: Record<string, unknown>) => () => b.network.subnets.beginCreateOrUpdateAndWait('rg', 'vnet', 'default', { addressPrefix: '10.2.0.0/24', ...props }, FAST_POLL);
    await refused(subnet({ networkSecurityGroup: { id: `${A}/networkSecurityGroups/nsg` } }), 'LinkedAuthorizationFailed', /networkSecurityGroups\/join\/action/);
    await refused(subnet({ routeTable: { id: `${A}/routeTables/rt` } }), 'LinkedAuthorizationFailed', /routeTables\/join\/action/);
    const vnet = () => b.network.virtualNetworks.beginCreateOrUpdateAndWait('rg', 'vnet', {
      location: LOC, addressSpace: { addressPrefixes: ['10.2.0.0/16'] }, subnets: [{ name: 'default', addressPrefix: '10.2.0.0/24', routeTable: { id: `${A}/routeTables/rt` } }],
    }, FAST_POLL);
    await refused(vnet, 'LinkedAuthorizationFailed', /routeTables\/join\/action/);
  });

  void it('an id of A in a field FastRoute does not model is refused alike (join on its type), not silently dropped', async () => {
    const subnet = () => b.network.subnets.beginCreateOrUpdateAndWait('rg', 'vnet', 'default', { addressPrefix: '10.2.0.0/24', natGateway: { id: `${A}/natGateways/nat` } }, FAST_POLL);
    await refused(subnet, 'LinkedAuthorizationFailed', /'Microsoft\.Network\/natGateways\/join\/action' on the linked scope\(s\) '\/subscriptions\/11111111[^']*\/natGateways\/nat'/);
    const nic = () => b.network.networkInterfaces.beginCreateOrUpdateAndWait('rg', 'nic-x', {
      location: LOC, ipConfigurations: [{ name: 'ip1', subnet: { id: `${B}/virtualNetworks/vnet/subnets/default` }, loadBalancerBackendAddressPools: [{ id: `${A}/loadBalancers/lb/backendAddressPools/pool` }] }],
    }, FAST_POLL);
    await refused(nic, 'LinkedAuthorizationFailed', /loadBalancers\/backendAddressPools\/join\/action/);
    // Tags are free text: an id written there links nothing.
    const tagged = await b.network.routeTables.beginCreateOrUpdateAndWait('rg', 'rt', { location: LOC, tags: { copiedFrom: `${A}/routeTables/rt` } }, FAST_POLL);
    assert.equal(tagged.tags?.copiedFrom, `${A}/routeTables/rt`);
  });

  void it('a connection in B on A\'s gateway or circuit (without an authorization key)', async () => {
    const conn = (props: Record<string, unknown>) => () => b.network.virtualNetworkGatewayConnections.beginCreateOrUpdateAndWait('rg', 'conn', {
      location: LOC, connectionType: 'ExpressRoute', virtualNetworkGateway1: { id: `${B}/virtualNetworkGateways/gw` }, peer: { id: `${B}/expressRouteCircuits/ckt` }, ...props,
    }, FAST_POLL);
    await refused(conn({ virtualNetworkGateway1: { id: `${A}/virtualNetworkGateways/gw` } }), 'LinkedAuthorizationFailed', /virtualNetworkGateways\/join\/action/);
    await refused(conn({ peer: { id: `${A}/expressRouteCircuits/ckt` } }), 'LinkedAuthorizationFailed', /expressRouteCircuits\/join\/action/);
    // With a key, the circuit's subscription is not checked (the key is the permission): the
    // request reaches the lifecycle, which answers for the gateway B has not created.
    await assert.rejects(conn({ peer: { id: `${A}/expressRouteCircuits/ckt` }, authorizationKey: 'k' })(), (e: { code?: string }) => e.code !== 'LinkedAuthorizationFailed');
  });

  void it('a deployment in B reading A\'s VNet with reference(), or placing a NIC on A\'s subnet with resourceId()', async () => {
    let n = 0;
    /** PUTs a deployment as B and answers its final state and outputs (or the PUT's refusal). */
    const deploy = async (template: Record<string, unknown>): Promise<string> => {
      const id = `${B.replace('Microsoft.Network', 'Microsoft.Resources')}/deployments/d${String(n++)}?api-version=2021-04-01`;
      const auth = { authorization: `Bearer ${b.token}` };
      const put = await s.arm('PUT', id, { properties: { mode: 'Incremental', template: { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [], ...template } } }, auth);
      if (put.status >= 400) return put.text;
      for (;;) {
        const got = await s.arm('GET', id, undefined, auth);
        const state = (got.body as { properties?: { provisioningState?: string } }).properties?.provisioningState;
        if (state !== 'Accepted' && state !== 'Running' && state !== 'Creating') return got.text;
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const leak = await deploy({ outputs: { v: { type: 'object', value: `[reference('${A}/virtualNetworks/vnet', '2024-05-01', 'Full')]` } } });
    assert.doesNotMatch(leak, /10\.1\.0\.0/);
    assert.match(leak, /AuthorizationFailed/);
    const before = await world();
    const placed = await deploy({
      resources: [{ type: 'Microsoft.Network/networkInterfaces', apiVersion: '2024-05-01', name: 'nic-t', location: LOC,
        properties: { ipConfigurations: [{ name: 'ip1', properties: { subnet: { id: `[resourceId('${SUB_A}', 'rg', 'Microsoft.Network/virtualNetworks/subnets', 'vnet', 'default')]` } } }] } }],
    });
    assert.match(placed, /LinkedAuthorizationFailed/);
    const after = await world();
    assert.deepEqual(after, before);
  });
});
