// Shared builders and assertions for the validation tests (test/validation/*). Every builder runs
// through engine.mutate, the same unit of work the APIs use, so a fixture is exactly what a user
// would have built with valid requests.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { CloudError, type Cloud } from '../../src/model/errors.ts';
import type { Tx } from '../../src/model/tx.ts';
import type { Kind } from '../../src/model/world.ts';
import type { ClockMode } from '../../src/lifecycle/delays.ts';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import type { OciScope } from '../../src/lifecycle/oci/scope.ts';
import type { AzureScope } from '../../src/lifecycle/azure/scope.ts';
import { createVcn } from '../../src/lifecycle/oci/vcn.ts';
import { createSubnet } from '../../src/lifecycle/oci/subnet.ts';
import { createDrg } from '../../src/lifecycle/oci/drg.ts';
import { createDrgAttachment } from '../../src/lifecycle/oci/drg-attachment.ts';
import { launchInstance, type LaunchInstanceDetails } from '../../src/lifecycle/oci/compute.ts';
import { createVirtualCircuit, type CreateVirtualCircuitDetails } from '../../src/lifecycle/oci/virtual-circuit.ts';
import { putResourceGroup } from '../../src/lifecycle/azure/resource-group.ts';
import { putVirtualNetwork } from '../../src/lifecycle/azure/vnet.ts';
import { putVirtualNetworkGateway } from '../../src/lifecycle/azure/gateway.ts';
import { putExpressRouteCircuit } from '../../src/lifecycle/azure/circuit.ts';
import { putNetworkInterface } from '../../src/lifecycle/azure/nic.ts';
import { AZURE_PROVIDER_NAME, ORACLE_ER_PROVIDER_NAME, fastConnectProviderServices } from '../../src/model/interconnect/providers.ts';

// ── scopes ───────────────────────────────────────────────────────────────────────────────────────

export const REGION = 'us-ashburn-1';
export const OCI: OciScope = { tenancyId: DEFAULT_TENANCY_ID, region: REGION };
/** A second tenancy: it sees none of the default tenancy's resources. */
export const OTHER_TENANCY: OciScope = { tenancyId: 'ocid1.tenancy.oc1..aaaaaaaaothertenancyforvalidationtests000000000000000000', region: REGION };
export const AZ: AzureScope = { subscriptionId: DEFAULT_SUBSCRIPTION_ID };
export const RG = 'rg';
export const LOCATION = 'eastus';

/** The FastConnect provider service of the Oracle Interconnect for Microsoft Azure in Ashburn. */
export const AZURE_SERVICE_ID = fastConnectProviderServices(REGION).find((s) => s.providerName === AZURE_PROVIDER_NAME)!.id;
/** A listed partner that is not Microsoft Azure. */
export const OTHER_SERVICE_ID = fastConnectProviderServices(REGION).find((s) => s.providerName !== AZURE_PROVIDER_NAME)!.id;

/** The two /30 BGP blocks of the interconnect: Oracle takes .1/.5, Microsoft's edge .2/.6. */
export const BGP_MAPPINGS = [{ customerBgpPeeringIp: '10.99.0.2/30' }, { customerBgpPeeringIp: '10.99.0.6/30' }];

// ── engine ───────────────────────────────────────────────────────────────────────────────────────

/** An in-memory engine closed when the test ends. */
export async function openEngine(t: TestContext, clock: ClockMode = 'instant'): Promise<Engine> {
  const engine = await Engine.open({ store: await openStore({ inMemory: true }), clock });
  t.after(() => engine.close());
  return engine;
}

export function mutate<T>(engine: Engine, op: (tx: Tx) => T): Promise<T> {
  return engine.mutate('test:fixture', op);
}

// ── "changed nothing" ────────────────────────────────────────────────────────────────────────────

export interface Snapshot {
  /** engine.world.count() */
  count: number;
  /** ids per requested kind, sorted */
  listings: Partial<Record<Kind, string[]>>;
  /** every entity in memory, canonically ordered */
  world: string;
  /** rows and events on disk */
  storedRows: number;
  storedEvents: number;
}

/** Settles what is due first, so the snapshot only moves if the request itself changed something. */
export async function snapshot(engine: Engine, kinds: readonly Kind[] = []): Promise<Snapshot> {
  await engine.settle();
  const listings: Partial<Record<Kind, string[]>> = {};
  for (const k of kinds) listings[k] = engine.world.list(k).map((e) => e.id).sort();
  // Reading a kind creates its (empty) table in World, so empty tables are not state.
  const tables = engine.world.kinds().sort().filter((k) => engine.world.table(k).size > 0)
    .map((k) => [k, [...engine.world.table(k).entries()].sort(([a], [b]) => a.localeCompare(b))]);
  return {
    count: engine.world.count(),
    listings,
    world: JSON.stringify(tables),
    storedRows: (await engine.store.loadAll()).length,
    storedEvents: (await engine.store.events({})).length,
  };
}

export function assertSameSnapshot(after: Snapshot, before: Snapshot, what = 'the rejected request'): void {
  assert.equal(after.count, before.count, `${what} changed engine.world.count()`);
  assert.deepEqual(after.listings, before.listings, `${what} changed a listing`);
  assert.ok(after.world === before.world, `${what} changed an entity in memory`);
  assert.equal(after.storedRows, before.storedRows, `${what} changed the stored rows`);
  assert.equal(after.storedEvents, before.storedEvents, `${what} recorded events`);
}

export interface ExpectedError {
  status: number;
  code: string;
  /** A meaningful part of the message. */
  message: RegExp;
  cloud?: Cloud;
}

function checkError(e: unknown, expected: ExpectedError): CloudError {
  assert.ok(e instanceof CloudError, `expected a CloudError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  if (expected.cloud !== undefined) assert.equal(e.cloud, expected.cloud, `cloud of "${e.message}"`);
  assert.equal(e.code, expected.code, `code of "${e.message}"`);
  assert.equal(e.status, expected.status, `status of ${e.code} "${e.message}"`);
  assert.match(e.message, expected.message);
  return e;
}

/** Awaits a promise that must reject with the given CloudError. */
export async function assertCloudError(promise: Promise<unknown>, expected: ExpectedError): Promise<CloudError> {
  let caught: unknown;
  await assert.rejects(promise, (e: unknown) => {
    caught = e;
    return true;
  });
  return checkError(caught, expected);
}

/**
 * Runs `op` as one unit of work that must be rejected with `expected`, and checks that it changed
 * nothing: world count, the listings of `kinds`, every entity, and what is on disk. The state is
 * compared before the error fields, so a wrong code is reported even when nothing else is wrong.
 */
export async function expectRejected(engine: Engine, op: (tx: Tx) => unknown, expected: ExpectedError, kinds: readonly Kind[] = []): Promise<CloudError> {
  const before = await snapshot(engine, kinds);
  let caught: unknown;
  await assert.rejects(engine.mutate('test:rejected', op), (e: unknown) => {
    caught = e;
    return true;
  });
  assertSameSnapshot(await snapshot(engine, kinds), before);
  return checkError(caught, expected);
}

/** Same for a read (e.g. a GET through getOwned). */
export async function expectReadRejected(engine: Engine, op: Parameters<Engine['read']>[0], expected: ExpectedError): Promise<CloudError> {
  const before = await snapshot(engine);
  const e = await assertCloudError(engine.read(op), expected);
  assertSameSnapshot(await snapshot(engine), before, 'the rejected read');
  return e;
}

/** Shorthands for the common error families. */
export const ociInvalid = (message: RegExp): ExpectedError => ({ cloud: 'oci', status: 400, code: 'InvalidParameter', message });
export const azureBadRequest = (code: string, message: RegExp): ExpectedError => ({ cloud: 'azure', status: 400, code, message });

// ── OCI builders ─────────────────────────────────────────────────────────────────────────────────

export interface OciBase {
  vcnId: string;
  subnetId: string;
  drgId: string;
}

/** VCN 10.0.0.0/16 (dnsLabel "corp"), subnet 10.0.1.0/24 (dnsLabel "web") and a DRG not yet attached. */
export async function ociBase(engine: Engine): Promise<OciBase> {
  return mutate(engine, (tx) => {
    const vcn = createVcn(tx, OCI, { compartmentId: OCI.tenancyId, cidrBlocks: ['10.0.0.0/16'], dnsLabel: 'corp', displayName: 'corp-vcn' });
    const subnet = createSubnet(tx, OCI, { compartmentId: OCI.tenancyId, vcnId: vcn.id, cidrBlock: '10.0.1.0/24', dnsLabel: 'web', displayName: 'web' });
    const drg = createDrg(tx, OCI, { compartmentId: OCI.tenancyId, displayName: 'drg' });
    return { vcnId: vcn.id, subnetId: subnet.id, drgId: drg.id };
  });
}

export async function attachVcn(engine: Engine, drgId: string, vcnId: string): Promise<string> {
  return mutate(engine, (tx) => createDrgAttachment(tx, OCI, { drgId, networkDetails: { type: 'VCN', id: vcnId } }).id);
}

export async function launch(engine: Engine, subnetId: string, vnic: LaunchInstanceDetails['createVnicDetails'] = {}): Promise<{ instanceId: string; vnicId: string; privateIpId: string; ip: string }> {
  return mutate(engine, (tx) => {
    const r = launchInstance(tx, OCI, { compartmentId: OCI.tenancyId, availabilityDomain: 'AD-1', displayName: 'vm', createVnicDetails: { ...vnic, subnetId } });
    return { instanceId: r.instance.id, vnicId: r.vnic.id, privateIpId: r.privateIp.id, ip: r.privateIp.ipAddress };
  });
}

/** A valid private VC to Microsoft Azure on `drgId` for `serviceKey`; override any field. */
export function vcDetails(drgId: string, serviceKey: string, overrides: Partial<CreateVirtualCircuitDetails> = {}): CreateVirtualCircuitDetails {
  return {
    compartmentId: OCI.tenancyId, displayName: 'vc-azure', type: 'PRIVATE', bandwidthShapeName: '1 Gbps', gatewayId: drgId,
    providerServiceId: AZURE_SERVICE_ID, providerServiceKeyName: serviceKey, crossConnectMappings: BGP_MAPPINGS.map((m) => ({ ...m })),
    ...overrides,
  };
}

// ── Azure builders ───────────────────────────────────────────────────────────────────────────────

export interface AzureBase {
  vnetId: string;
  gatewaySubnetId: string;
  appSubnetId: string;
}

export async function resourceGroup(engine: Engine, name = RG): Promise<void> {
  await mutate(engine, (tx) => putResourceGroup(tx, AZ, name, { location: LOCATION }));
}

/** Resource group "rg"; VNet "vnet" 10.20.0.0/16 with GatewaySubnet 10.20.255.0/27 and "app" 10.20.1.0/24. */
export async function azureBase(engine: Engine): Promise<AzureBase> {
  return mutate(engine, (tx) => {
    putResourceGroup(tx, AZ, RG, { location: LOCATION });
    const vnet = putVirtualNetwork(tx, AZ, RG, 'vnet', {
      location: LOCATION,
      properties: {
        addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
        subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: '10.20.255.0/27' } }, { name: 'app', properties: { addressPrefix: '10.20.1.0/24' } }],
      },
    });
    return { vnetId: vnet.id, gatewaySubnetId: `${vnet.id}/subnets/GatewaySubnet`, appSubnetId: `${vnet.id}/subnets/app` };
  });
}

/** A VNet of its own whose GatewaySubnet has the given prefix (inside 10.40.0.0/16). */
export async function vnetWithGatewaySubnet(engine: Engine, name: string, gatewaySubnetPrefix: string): Promise<string> {
  return mutate(engine, (tx) => {
    const vnet = putVirtualNetwork(tx, AZ, RG, name, {
      location: LOCATION,
      properties: { addressSpace: { addressPrefixes: ['10.40.0.0/16'] }, subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: gatewaySubnetPrefix } }] },
    });
    return `${vnet.id}/subnets/GatewaySubnet`;
  });
}

export function gatewayBody(subnetId: string, sku = 'Standard'): Parameters<typeof putVirtualNetworkGateway>[4] {
  return { location: LOCATION, properties: { gatewayType: 'ExpressRoute', sku: { name: sku, tier: sku }, ipConfigurations: [{ name: 'default', properties: { subnet: { id: subnetId } } }] } };
}

export async function erGateway(engine: Engine, subnetId: string, name = 'ergw', sku = 'Standard'): Promise<string> {
  return mutate(engine, (tx) => putVirtualNetworkGateway(tx, AZ, RG, name, gatewayBody(subnetId, sku)).id);
}

export function circuitBody(bandwidthInMbps = 1000, overrides: { provider?: string; peeringLocation?: string; tier?: string; family?: string } = {}): Parameters<typeof putExpressRouteCircuit>[4] {
  return {
    location: LOCATION,
    sku: { tier: overrides.tier ?? 'Standard', family: overrides.family ?? 'MeteredData' },
    properties: { serviceProviderProperties: { serviceProviderName: overrides.provider ?? ORACLE_ER_PROVIDER_NAME, peeringLocation: overrides.peeringLocation ?? 'Washington DC', bandwidthInMbps } },
  };
}

/** An ExpressRoute circuit with Oracle Cloud FastConnect; returns its id and service key. */
export async function erCircuit(engine: Engine, name = 'er', bandwidthInMbps = 1000): Promise<{ circuitId: string; serviceKey: string }> {
  return mutate(engine, (tx) => {
    const c = putExpressRouteCircuit(tx, AZ, RG, name, circuitBody(bandwidthInMbps));
    return { circuitId: c.id, serviceKey: c.properties.serviceKey };
  });
}

export async function nic(engine: Engine, name: string, subnetId: string, privateIPAddress?: string): Promise<string> {
  return mutate(engine, (tx) => putNetworkInterface(tx, AZ, RG, name, {
    location: LOCATION,
    properties: { ipConfigurations: [{ name: 'ipconfig1', properties: { subnet: { id: subnetId }, ...(privateIPAddress === undefined ? {} : { privateIPAddress, privateIPAllocationMethod: 'Static' as const }) } }] },
  }).id);
}

export interface Interconnect extends AzureBase, OciBase {
  gatewayId: string;
  circuitId: string;
  serviceKey: string;
  vcId: string;
}

/**
 * Both sides of a working interconnect: Azure VNet + ER gateway + circuit, OCI VCN + DRG (attached)
 * + a VC with the circuit's service key. With the instant clock the next read settles it all, so the
 * circuit comes back Provisioned with its AzurePrivatePeering.
 */
export async function provisionedInterconnect(engine: Engine): Promise<Interconnect> {
  const azure = await azureBase(engine);
  const gatewayId = await erGateway(engine, azure.gatewaySubnetId);
  const { circuitId, serviceKey } = await erCircuit(engine);
  const oci = await ociBase(engine);
  await attachVcn(engine, oci.drgId, oci.vcnId);
  const vcId = await mutate(engine, (tx) => createVirtualCircuit(tx, OCI, vcDetails(oci.drgId, serviceKey)).id);
  const state = await engine.read((v) => ({
    circuit: v.get('azure.ExpressRouteCircuit', circuitId)?.properties.serviceProviderProvisioningState,
    vc: v.get('oci.VirtualCircuit', vcId)?.lifecycleState,
  }));
  assert.deepEqual(state, { circuit: 'Provisioned', vc: 'PROVISIONED' }, 'fixture: the interconnect provisions');
  return { ...azure, ...oci, gatewayId, circuitId, serviceKey, vcId };
}
