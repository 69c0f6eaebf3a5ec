// For the ARM isolation matrix: a principal's token from FastRoute's own token endpoint, raw
// requests with it (waiting out long-running operations), and a subscription holding one resource
// of every kind the ARM API serves, named alike in every subscription.
import assert from 'node:assert/strict';
import type { ArmResponse, ArmTestServer } from './harness.ts';

export interface Principal {
  subscription: string;
  tenant: string;
  call(method: string, path: string, body?: unknown): Promise<ArmResponse>;
}

export const LOC = 'eastus';
const API: Record<string, string> = { 'Microsoft.Network': '2024-05-01', 'Microsoft.Compute': '2024-07-01', 'Microsoft.Resources': '2021-04-01' };

/** The api-version for a path: the provider's, or the resource manager's for subscriptions and groups. */
export function apiVersionFor(path: string): string {
  const provider = /\/providers\/(Microsoft\.\w+)/i.exec(path)?.[1] ?? 'Microsoft.Resources';
  return API[provider] ?? '2021-04-01';
}

export async function principal(s: ArmTestServer, clientId: string, secret: string, tenant: string, subscription: string): Promise<Principal> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope: `${s.armUrl}/.default` }).toString();
  const t = await s.arm('POST', `/${tenant}/oauth2/v2.0/token`, form, { 'content-type': 'application/x-www-form-urlencoded', authorization: '' });
  assert.equal(t.status, 200, t.text);
  const auth = { authorization: `Bearer ${(t.body as { access_token: string }).access_token}` };
  return {
    subscription, tenant,
    call: (method, path, body) => s.arm(method, `${path}${path.includes('?') ? '&' : '?'}api-version=${apiVersionFor(path)}`, body, auth),
  };
}

const SETTLING = new Set(['Accepted', 'Creating', 'Updating', 'Running', 'Deleting']);
const state = (r: ArmResponse) => (r.body as { properties?: { provisioningState?: string } } | undefined)?.properties?.provisioningState;

/** PUTs and waits (bounded) until the resource leaves its transient provisioning states. */
export async function settle(p: Principal, path: string, body: unknown, method = 'PUT'): Promise<ArmResponse> {
  const put = await p.call(method, path, body);
  if (put.status >= 300 || method !== 'PUT') return put;
  let got = put;
  for (let i = 0; i < 200 && SETTLING.has(state(got) ?? ''); i++) {
    await new Promise((r) => setTimeout(r, 10));
    got = await p.call('GET', path);
  }
  return got;
}

/** Resource ids of one subscription's world, by the name the matrix's tables use. */
export interface World {
  sub: string; rg: string; vnet: string; vnet2: string; subnet: string; gatewaySubnet: string; nsg: string; rule: string; rt: string; route: string;
  pip: string; nic: string; nicIp: string; vm: string; watcher: string; gw: string; ckt: string; cktPeering: string; cktAuth: string; peering: string;
}

export function worldIds(sub: string): Omit<World, 'nicIp'> {
  const rg = `/subscriptions/${sub}/resourceGroups/rg`;
  const net = `${rg}/providers/Microsoft.Network`;
  return {
    sub, rg, vnet: `${net}/virtualNetworks/vnet`, vnet2: `${net}/virtualNetworks/vnet2`, subnet: `${net}/virtualNetworks/vnet/subnets/default`,
    gatewaySubnet: `${net}/virtualNetworks/vnet/subnets/GatewaySubnet`, nsg: `${net}/networkSecurityGroups/nsg`, rule: `${net}/networkSecurityGroups/nsg/securityRules/r1`,
    rt: `${net}/routeTables/rt`, route: `${net}/routeTables/rt/routes/r1`, pip: `${net}/publicIPAddresses/pip`, nic: `${net}/networkInterfaces/nic`,
    vm: `${rg}/providers/Microsoft.Compute/virtualMachines/vm`, watcher: `${net}/networkWatchers/nw`, gw: `${net}/virtualNetworkGateways/gw`,
    ckt: `${net}/expressRouteCircuits/ckt`, cktPeering: `${net}/expressRouteCircuits/ckt/peerings/AzurePrivatePeering`,
    cktAuth: `${net}/expressRouteCircuits/ckt/authorizations/auth`, peering: `${net}/virtualNetworks/vnet/virtualNetworkPeerings/peer`,
  };
}

/** Builds the world of `p`'s subscription with the bodies the matrix sends (so they are known good). */
export async function buildWorld(p: Principal, octet: number, bodies: Record<string, (w: World) => unknown>): Promise<World> {
  const ids = { ...worldIds(p.subscription), nicIp: '' };
  const put = async (op: string, path: string, extra?: unknown): Promise<ArmResponse> => {
    const r = await settle(p, path, extra ?? bodies[op]?.(ids));
    assert.ok(r.status < 300 && state(r) !== 'Failed', `${op}: ${r.text}`);
    return r;
  };
  await put('resourceGroups.createOrUpdate', ids.rg);
  await put('networkSecurityGroups.createOrUpdate', ids.nsg, { location: LOC });
  await put('securityRules.createOrUpdate', ids.rule);
  await put('routeTables.createOrUpdate', ids.rt, { location: LOC });
  await put('routes.createOrUpdate', ids.route);
  await put('virtualNetworks.createOrUpdate', ids.vnet2, { location: LOC, properties: { addressSpace: { addressPrefixes: [`10.${String(octet + 100)}.0.0/16`] } } });
  await put('virtualNetworks.createOrUpdate', ids.vnet);
  await put('publicIPAddresses.createOrUpdate', ids.pip);
  const nic = await put('networkInterfaces.createOrUpdate', ids.nic);
  ids.nicIp = String((nic.body as { properties: { ipConfigurations: { properties: { privateIPAddress: string } }[] } }).properties.ipConfigurations[0]?.properties.privateIPAddress);
  await put('virtualMachines.createOrUpdate', ids.vm);
  await put('networkWatchers.createOrUpdate', ids.watcher);
  await put('virtualNetworkGateways.createOrUpdate', ids.gw);
  await put('expressRouteCircuits.createOrUpdate', ids.ckt);
  await put('expressRouteCircuitAuthorizations.createOrUpdate', ids.cktAuth);
  await put('virtualNetworkPeerings.createOrUpdate', ids.peering);
  return ids;
}
