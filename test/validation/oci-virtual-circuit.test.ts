// FastConnect virtual circuits to Microsoft Azure: what OCI checks when the VC is ordered and
// updated. The ExpressRoute circuit exists (its service key is what the VC names); a rejected
// order must create neither the VC nor its implicit DRG attachment, nor touch the circuit.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../src/engine/engine.ts';
import type { ClockMode } from '../../src/lifecycle/delays.ts';
import { createVirtualCircuit, updateVirtualCircuit, type CreateVirtualCircuitDetails } from '../../src/lifecycle/oci/virtual-circuit.ts';
import { createDrg } from '../../src/lifecycle/oci/drg.ts';
import {
  OCI, OTHER_SERVICE_ID, type ExpectedError, erCircuit, expectRejected, mutate, ociBase, ociInvalid, openEngine, resourceGroup, vcDetails,
} from '../helpers/validation-fixtures.ts';

const VC_KINDS = ['oci.VirtualCircuit', 'oci.DrgAttachment', 'azure.ExpressRouteCircuit', 'azure.ExpressRouteCircuitPeering'] as const;

interface Setup { engine: Engine; drgId: string; serviceKey: string; circuitId: string; details: (o?: Partial<CreateVirtualCircuitDetails>) => CreateVirtualCircuitDetails }

async function setup(t: TestContext, clock: ClockMode = 'instant'): Promise<Setup> {
  const engine = await openEngine(t, clock);
  await resourceGroup(engine);
  const { circuitId, serviceKey } = await erCircuit(engine);
  const { drgId } = await ociBase(engine);
  return { engine, drgId, serviceKey, circuitId, details: (o = {}) => vcDetails(drgId, serviceKey, o) };
}

/** Orders a VC that must be rejected with `expected`, leaving VCs, attachments and the circuit as they were. */
function rejectOrder(s: Setup, details: CreateVirtualCircuitDetails, expected: ExpectedError): Promise<unknown> {
  return expectRejected(s.engine, (tx) => createVirtualCircuit(tx, OCI, details), expected, VC_KINDS);
}

void test('VC: a missing type is 400 MissingParameter', async (t) => {
  const s = await setup(t);
  const { type: _omit, ...noType } = s.details();
  await rejectOrder(s, noType, { cloud: 'oci', status: 400, code: 'MissingParameter', message: /Missing parameter: type\./ });
});

void test('VC: an unknown providerServiceId is 400 RelatedResourceNotAuthorizedOrNotFound', async (t) => {
  const s = await setup(t);
  const ghost = 'ocid1.providerservice.oc1.iad.aaaaaaaanosuchprovider';
  await rejectOrder(s, s.details({ providerServiceId: ghost }), {
    cloud: 'oci', status: 400, code: 'RelatedResourceNotAuthorizedOrNotFound', message: new RegExp(`The FastConnectProviderService ${ghost} was not found or you are not authorized`),
  });
});

void test('VC: a provider other than Microsoft Azure is refused (FastRoute only provisions to Azure)', async (t) => {
  const s = await setup(t);
  await rejectOrder(s, s.details({ providerServiceId: OTHER_SERVICE_ID }), ociInvalid(/Provider Equinix is listed for realism only/));
});

void test('VC: a service key that names no ExpressRoute circuit is rejected', async (t) => {
  const s = await setup(t);
  const unknown = '11111111-2222-4333-8444-555555555555';
  await rejectOrder(s, s.details({ providerServiceKeyName: unknown }), ociInvalid(new RegExp(`The provider service key ${unknown} is not valid for provider Microsoft Azure`)));
});

void test('VC: a service key already used by another VC is 409 Conflict (keys compare case-insensitively)', async (t) => {
  const s = await setup(t);
  const first = await mutate(s.engine, (tx) => createVirtualCircuit(tx, OCI, s.details()));
  for (const key of [s.serviceKey, s.serviceKey.toUpperCase()]) {
    await rejectOrder(s, s.details({ providerServiceKeyName: key, displayName: 'second' }), {
      cloud: 'oci', status: 409, code: 'Conflict', message: new RegExp(`The provider service key ${key} is already used by virtual circuit ${first.id}`),
    });
  }
});

void test('VC: crossConnectMappings must hold exactly two entries', async (t) => {
  const s = await setup(t);
  const one = [{ customerBgpPeeringIp: '10.99.0.2/30' }];
  const three = [...one, { customerBgpPeeringIp: '10.99.0.6/30' }, { customerBgpPeeringIp: '10.99.0.10/30' }];
  for (const crossConnectMappings of [[], one, three]) {
    await rejectOrder(s, s.details({ crossConnectMappings }), ociInvalid(/crossConnectMappings must hold exactly two entries/));
  }
  const { crossConnectMappings: _omit, ...none } = s.details();
  await rejectOrder(s, none, ociInvalid(/exactly two entries/));
});

void test('VC: the customer BGP address must use a /28–/31 mask (/27 and /32 are rejected)', async (t) => {
  const s = await setup(t);
  for (const ip of ['10.99.0.2/27', '10.99.0.2/32']) {
    await rejectOrder(s, s.details({ crossConnectMappings: [{ customerBgpPeeringIp: ip }, { customerBgpPeeringIp: '10.99.0.6/30' }] }),
      ociInvalid(new RegExp(`crossConnectMappings\\[0\\]\\.customerBgpPeeringIp ${ip}: must use a subnet mask from /28 to /31`)));
  }
  await rejectOrder(s, s.details({ crossConnectMappings: [{ customerBgpPeeringIp: '10.99.0.2/30' }, { customerBgpPeeringIp: '10.99.0.6' }] }),
    ociInvalid(/crossConnectMappings\[1\]\.customerBgpPeeringIp 10\.99\.0\.6 must be an IPv4 address with a subnet mask/));
});

void test('VC: the Oracle and customer BGP addresses must be in the same block', async (t) => {
  const s = await setup(t);
  await rejectOrder(s, s.details({ crossConnectMappings: [{ customerBgpPeeringIp: '10.99.0.2/30', oracleBgpPeeringIp: '10.99.0.5/30' }, { customerBgpPeeringIp: '10.99.0.6/30' }] }),
    ociInvalid(/oracleBgpPeeringIp 10\.99\.0\.5\/30 and customerBgpPeeringIp 10\.99\.0\.2\/30 must be in the same subnet with the same mask/));
});

void test('VC: the network (or broadcast) address of a block cannot be a BGP address', async (t) => {
  const s = await setup(t);
  await rejectOrder(s, s.details({ crossConnectMappings: [{ customerBgpPeeringIp: '10.99.0.0/30' }, { customerBgpPeeringIp: '10.99.0.6/30' }] }),
    ociInvalid(/customerBgpPeeringIp 10\.99\.0\.0\/30 is the network or broadcast address of its block/));
  await rejectOrder(s, s.details({ crossConnectMappings: [{ customerBgpPeeringIp: '10.99.0.2/30' }, { customerBgpPeeringIp: '10.99.0.7/30' }] }),
    ociInvalid(/customerBgpPeeringIp 10\.99\.0\.7\/30 is the network or broadcast address/));
});

void test('VC: customerAsn and the deprecated customerBgpAsn cannot both be given', async (t) => {
  const s = await setup(t);
  await rejectOrder(s, s.details({ customerAsn: 12076, customerBgpAsn: 12076 }), ociInvalid(/Supply customerAsn or the deprecated customerBgpAsn, not both/));
});

void test('VC: a bandwidth shape the provider does not offer ("3 Gbps") is rejected, listing the offered ones', async (t) => {
  const s = await setup(t);
  await rejectOrder(s, s.details({ bandwidthShapeName: '3 Gbps' }), ociInvalid(/bandwidthShapeName 3 Gbps is not offered by Microsoft Azure: use 1 Gbps, 2 Gbps, 5 Gbps, 10 Gbps/));
});

void test('VC: a valid order is accepted and provisions both sides (control for the cases above)', async (t) => {
  const s = await setup(t);
  const vc = await mutate(s.engine, (tx) => createVirtualCircuit(tx, OCI, s.details()));
  const state = await s.engine.read((v) => [v.get('oci.VirtualCircuit', vc.id)?.lifecycleState, v.get('azure.ExpressRouteCircuit', s.circuitId)?.properties.serviceProviderProvisioningState]);
  assert.deepEqual(state, ['PROVISIONED', 'Provisioned']);
});

void test('VC update: a bandwidth beyond the ExpressRoute circuit\'s (2 Gbps on 1 Gbps) is refused, naming the order of the upgrade', async (t) => {
  const s = await setup(t);
  const vc = await mutate(s.engine, (tx) => createVirtualCircuit(tx, OCI, s.details()));
  await expectRejected(s.engine, (tx) => updateVirtualCircuit(tx, OCI, vc.id, { bandwidthShapeName: '2 Gbps' }),
    ociInvalid(new RegExp(`bandwidthShapeName 2 Gbps exceeds the bandwidth of provider service key ${s.serviceKey} \\(1 Gbps\\): increase the bandwidth of the ExpressRoute circuit first`)), VC_KINDS);
  assert.equal(await s.engine.read((v) => v.get('oci.VirtualCircuit', vc.id)?.bandwidthShapeName), '1 Gbps');
});

void test('VC update: a shape the provider does not offer is refused on update too', async (t) => {
  const s = await setup(t);
  const vc = await mutate(s.engine, (tx) => createVirtualCircuit(tx, OCI, s.details()));
  await expectRejected(s.engine, (tx) => updateVirtualCircuit(tx, OCI, vc.id, { bandwidthShapeName: '3 Gbps' }), ociInvalid(/bandwidthShapeName 3 Gbps is not offered by Microsoft Azure/), VC_KINDS);
});

void test('VC update: the provider\'s fields (providerState, referenceComment, customerAsn) are 403 NotAuthorized for the customer', async (t) => {
  const s = await setup(t);
  const vc = await mutate(s.engine, (tx) => createVirtualCircuit(tx, OCI, s.details()));
  await expectRejected(s.engine, (tx) => updateVirtualCircuit(tx, OCI, vc.id, { providerState: 'INACTIVE', referenceComment: 'mine' }),
    { cloud: 'oci', status: 403, code: 'NotAuthorized', message: /^You do not have authorization to update one or more of the fields included in this request: providerState, referenceComment of a virtual circuit to Microsoft Azure can be updated only by the provider\.$/ }, VC_KINDS);
  await expectRejected(s.engine, (tx) => updateVirtualCircuit(tx, OCI, vc.id, { customerAsn: 65001 }),
    { cloud: 'oci', status: 403, code: 'NotAuthorized', message: /customerAsn of a virtual circuit/ }, VC_KINDS);
});

void test('VC update: moving the VC to another DRG while it is PROVISIONING is 409 IncorrectState', async (t) => {
  const s = await setup(t, 'manual');
  const otherDrg = await mutate(s.engine, (tx) => createDrg(tx, OCI, { compartmentId: OCI.tenancyId, displayName: 'drg-2' }));
  const vc = await mutate(s.engine, (tx) => createVirtualCircuit(tx, OCI, s.details()));
  assert.equal(await s.engine.read((v) => v.get('oci.VirtualCircuit', vc.id)?.lifecycleState), 'PENDING_PROVIDER', 'frozen clock: the provider has not picked the order up');
  // The provider accepts after 0.6 s (scaled); provisioning takes 1.8 s more.
  await s.engine.advance(1);
  assert.equal(await s.engine.read((v) => v.get('oci.VirtualCircuit', vc.id)?.lifecycleState), 'PROVISIONING');
  await expectRejected(s.engine, (tx) => updateVirtualCircuit(tx, OCI, vc.id, { gatewayId: otherDrg.id }),
    { cloud: 'oci', status: 409, code: 'IncorrectState', message: new RegExp(`The DRG of VirtualCircuit ${vc.id} cannot change while it is PROVISIONING`) }, VC_KINDS);
  const after = await s.engine.read((v) => ({ gatewayId: v.get('oci.VirtualCircuit', vc.id)?.gatewayId, onOther: v.children('oci.DrgAttachment', otherDrg.id).length }));
  assert.deepEqual(after, { gatewayId: s.drgId, onOther: 0 });
});

void test('VC: a valid DRG and an invalid VC in one request leave neither', async (t) => {
  const s = await setup(t);
  await expectRejected(s.engine, (tx) => {
    const drg = createDrg(tx, OCI, { compartmentId: OCI.tenancyId, displayName: 'for-the-vc' });
    createVirtualCircuit(tx, OCI, vcDetails(drg.id, s.serviceKey, { bandwidthShapeName: '3 Gbps' }));
  }, ociInvalid(/3 Gbps is not offered/), [...VC_KINDS, 'oci.Drg']);
  assert.ok(!(await s.engine.read((v) => v.list('oci.Drg').some((d) => d.displayName === 'for-the-vc'))));
});
