// OCI VCN and subnet validation: CIDR blocks, DNS labels, names, tenancy isolation and the
// references that keep a VCN or subnet from being deleted. Every rejection must leave the world
// (memory and disk) exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createVcn, deleteVcn, updateVcn } from '../../src/lifecycle/oci/vcn.ts';
import { createSubnet, deleteSubnet } from '../../src/lifecycle/oci/subnet.ts';
import { getOwned } from '../../src/lifecycle/oci/scope.ts';
import {
  OCI, OTHER_TENANCY, attachVcn, expectReadRejected, expectRejected, launch, mutate, ociBase, ociInvalid, openEngine,
} from '../helpers/validation-fixtures.ts';

const vcnIn = (cidrBlocks: string[], extra: { dnsLabel?: string; displayName?: string } = {}) => ({ compartmentId: OCI.tenancyId, cidrBlocks, ...extra });

// ── VCN CIDR blocks ──────────────────────────────────────────────────────────────────────────────

void test('VCN: a CIDR block that is not IPv4 CIDR syntax is InvalidParameter', async (t) => {
  const engine = await openEngine(t);
  for (const bad of ['10.0.0/16', '10.0.0.0/33', 'ten.0.0.0/16', '10.0.0.0']) {
    await expectRejected(engine, (tx) => createVcn(tx, OCI, vcnIn([bad])),
      ociInvalid(new RegExp(`The requested CIDR ${bad.replace(/\./g, '\\.')} is invalid: it is not a valid IPv4 CIDR block`)), ['oci.Vcn']);
  }
});

void test('VCN: a CIDR block with host bits set "does not match network IP"', async (t) => {
  const engine = await openEngine(t);
  await expectRejected(engine, (tx) => createVcn(tx, OCI, vcnIn(['10.0.1.0/16'])),
    ociInvalid(/The requested CIDR 10\.0\.1\.0\/16 is invalid: CIDR IP 10\.0\.1\.0 does not match network IP 10\.0\.0\.0\./), ['oci.Vcn']);
});

void test('VCN: prefix lengths outside /16–/30 are rejected, /16 and /30 are accepted', async (t) => {
  const engine = await openEngine(t);
  for (const bad of ['10.0.0.0/15', '10.0.0.0/8', '10.0.0.0/31', '10.0.0.0/32']) {
    await expectRejected(engine, (tx) => createVcn(tx, OCI, vcnIn([bad])), ociInvalid(/prefix length must be between \/16 and \/30/), ['oci.Vcn']);
  }
  const ok = await mutate(engine, (tx) => [createVcn(tx, OCI, vcnIn(['10.0.0.0/16'])).cidrBlocks, createVcn(tx, OCI, vcnIn(['10.1.0.0/30'])).cidrBlocks]);
  assert.deepEqual(ok, [['10.0.0.0/16'], ['10.1.0.0/30']]);
});

void test('VCN: overlapping CIDR blocks of one VCN are rejected, naming the block it overlaps', async (t) => {
  const engine = await openEngine(t);
  await expectRejected(engine, (tx) => createVcn(tx, OCI, vcnIn(['10.0.0.0/16', '172.16.0.0/16', '10.0.128.0/17'])),
    ociInvalid(/The requested CIDR 10\.0\.128\.0\/17 is invalid: it overlaps with the VCN CIDR 10\.0\.0\.0\/16/), ['oci.Vcn']);
});

void test('VCN: more than 5 CIDR blocks is the per-VCN limit (400 InvalidParameter); exactly 5 is fine', async (t) => {
  const engine = await openEngine(t);
  const six = ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '10.4.0.0/16', '10.5.0.0/16'];
  await expectRejected(engine, (tx) => createVcn(tx, OCI, vcnIn(six)),
    ociInvalid(/^The maximum limit of 5 for CIDR block per VCN has been exceeded\.$/), ['oci.Vcn']);
  const five = await mutate(engine, (tx) => createVcn(tx, OCI, vcnIn(six.slice(0, 5))));
  assert.equal(five.cidrBlocks.length, 5);
});

void test('VCN: dnsLabel must start with a letter, be alphanumeric and at most 15 characters', async (t) => {
  const engine = await openEngine(t);
  for (const bad of ['my-vcn', '9lives', 'abcdefghijklmnop', 'has_underscore']) {
    await expectRejected(engine, (tx) => createVcn(tx, OCI, vcnIn(['10.0.0.0/16'], { dnsLabel: bad })),
      ociInvalid(new RegExp(`Vcn dnsLabel '${bad}' is invalid: it must start with a letter`)), ['oci.Vcn']);
  }
  const vcn = await mutate(engine, (tx) => createVcn(tx, OCI, vcnIn(['10.0.0.0/16'], { dnsLabel: 'abcdefghijklmno' })));
  assert.equal(vcn.vcnDomainName, 'abcdefghijklmno.oraclevcn.com');
});

void test('VCN: displayName longer than 255 characters is rejected on create and on update', async (t) => {
  const engine = await openEngine(t);
  await expectRejected(engine, (tx) => createVcn(tx, OCI, vcnIn(['10.0.0.0/16'], { displayName: 'x'.repeat(256) })),
    ociInvalid(/displayName must be at most 255 characters/), ['oci.Vcn']);
  const vcn = await mutate(engine, (tx) => createVcn(tx, OCI, vcnIn(['10.0.0.0/16'], { displayName: 'y'.repeat(255) })));
  await expectRejected(engine, (tx) => updateVcn(tx, OCI, vcn.id, { displayName: 'z'.repeat(256) }), ociInvalid(/displayName must be at most 255 characters/));
  assert.equal(await engine.read((v) => v.get('oci.Vcn', vcn.id)?.displayName), 'y'.repeat(255));
});

void test('VCN: a valid VCN and an invalid one in the same request leaves neither', async (t) => {
  const engine = await openEngine(t);
  await expectRejected(engine, (tx) => {
    createVcn(tx, OCI, vcnIn(['10.0.0.0/16'], { displayName: 'good' }));
    createVcn(tx, OCI, vcnIn(['10.1.0.5/16'], { displayName: 'bad' }));
  }, ociInvalid(/does not match network IP 10\.1\.0\.0/), ['oci.Vcn', 'oci.RouteTable', 'oci.SecurityList', 'oci.DhcpOptions']);
  assert.deepEqual(await engine.read((v) => v.list('oci.Vcn')), []);
});

// ── tenancy isolation ────────────────────────────────────────────────────────────────────────────

void test("VCN: another tenancy's VCN is 404 NotAuthorizedOrNotFound for get, update and delete", async (t) => {
  const engine = await openEngine(t);
  const { vcnId } = await ociBase(engine);
  const notFound = { cloud: 'oci' as const, status: 404, code: 'NotAuthorizedOrNotFound', message: new RegExp(`Authorization failed or requested resource not found: Vcn ${vcnId}`) };
  await expectReadRejected(engine, (v) => getOwned(v, OTHER_TENANCY, 'oci.Vcn', vcnId), notFound);
  await expectRejected(engine, (tx) => updateVcn(tx, OTHER_TENANCY, vcnId, { displayName: 'stolen' }), notFound, ['oci.Vcn']);
  await expectRejected(engine, (tx) => { deleteVcn(tx, OTHER_TENANCY, vcnId); }, notFound, ['oci.Vcn']);
  // The owner still sees it untouched.
  const own = await engine.read((v) => getOwned(v, OCI, 'oci.Vcn', vcnId));
  assert.equal(own.displayName, 'corp-vcn');
  assert.equal(own.lifecycleState, 'AVAILABLE');
});

void test("Subnet: naming another tenancy's VCN as vcnId is 400 RelatedResourceNotAuthorizedOrNotFound", async (t) => {
  const engine = await openEngine(t);
  const { vcnId } = await ociBase(engine);
  await expectRejected(engine, (tx) => createSubnet(tx, OTHER_TENANCY, { compartmentId: OTHER_TENANCY.tenancyId, vcnId, cidrBlock: '10.0.9.0/24' }),
    { cloud: 'oci', status: 400, code: 'RelatedResourceNotAuthorizedOrNotFound', message: new RegExp(`The Vcn ${vcnId} was not found or you are not authorized`) }, ['oci.Subnet']);
});

// ── VCN delete ───────────────────────────────────────────────────────────────────────────────────

void test('VCN: deleting a VCN that still has a subnet is 409 Conflict naming the subnet', async (t) => {
  const engine = await openEngine(t);
  const { vcnId, subnetId } = await ociBase(engine);
  await expectRejected(engine, (tx) => { deleteVcn(tx, OCI, vcnId); },
    { cloud: 'oci', status: 409, code: 'Conflict', message: new RegExp(`The Vcn ${vcnId} references the resource\\(s\\) ${subnetId}\\. You must remove the reference`) }, ['oci.Vcn', 'oci.Subnet']);
  assert.equal(await engine.read((v) => v.get('oci.Vcn', vcnId)?.lifecycleState), 'AVAILABLE');
});

// Real OCI answers 409 IncorrectState "<vcn> is associated with Gateway that is in use" for a VCN
// that still has any gateway, DRG attachments included (oracle/oci-cli#1108; the LPG form in
// oracle/terraform-provider-oci#1160: "Service error:IncorrectState. ocid1.vcn... is associated with
// Local Peering Gateway that is in use. http status code: 409"). FastRoute answers 409 Conflict.
void test('VCN: deleting a VCN still attached to a DRG is 409 IncorrectState ("associated with Gateway that is in use")', async (t) => {
  const engine = await openEngine(t);
  const { drgId } = await ociBase(engine);
  const vcn = await mutate(engine, (tx) => createVcn(tx, OCI, vcnIn(['10.50.0.0/16'], { displayName: 'spoke' })));
  await attachVcn(engine, drgId, vcn.id);
  await expectRejected(engine, (tx) => { deleteVcn(tx, OCI, vcn.id); },
    { cloud: 'oci', status: 409, code: 'IncorrectState', message: new RegExp(`${vcn.id} is associated with .*Gateway that is in use`) }, ['oci.Vcn', 'oci.DrgAttachment']);
});

// ── subnets ──────────────────────────────────────────────────────────────────────────────────────

void test('Subnet: a CIDR outside every VCN CIDR block is rejected', async (t) => {
  const engine = await openEngine(t);
  const { vcnId } = await ociBase(engine);
  await expectRejected(engine, (tx) => createSubnet(tx, OCI, { vcnId, cidrBlock: '10.1.0.0/24' }),
    ociInvalid(/The requested CIDR 10\.1\.0\.0\/24 is invalid: it is not within the VCN CIDR blocks 10\.0\.0\.0\/16/), ['oci.Subnet']);
  // Straddling the edge of the VCN is outside too.
  await expectRejected(engine, (tx) => createSubnet(tx, OCI, { vcnId, cidrBlock: '10.0.0.0/15' }), ociInvalid(/is invalid/), ['oci.Subnet']);
});

void test('Subnet: host bits set in the subnet CIDR "does not match network IP"', async (t) => {
  const engine = await openEngine(t);
  const { vcnId } = await ociBase(engine);
  await expectRejected(engine, (tx) => createSubnet(tx, OCI, { vcnId, cidrBlock: '10.0.2.7/24' }),
    ociInvalid(/CIDR IP 10\.0\.2\.7 does not match network IP 10\.0\.2\.0/), ['oci.Subnet']);
});

void test("Subnet: overlapping a sibling subnet is rejected with the sibling's OCID and CIDR", async (t) => {
  const engine = await openEngine(t);
  const { vcnId, subnetId } = await ociBase(engine);
  await expectRejected(engine, (tx) => createSubnet(tx, OCI, { vcnId, cidrBlock: '10.0.1.128/25' }),
    ociInvalid(new RegExp(`The requested CIDR 10\\.0\\.1\\.128/25 is invalid: subnet ${subnetId} with CIDR 10\\.0\\.1\\.0/24 overlaps with this CIDR\\.`)), ['oci.Subnet']);
  await expectRejected(engine, (tx) => createSubnet(tx, OCI, { vcnId, cidrBlock: '10.0.0.0/16' }), ociInvalid(new RegExp(`subnet ${subnetId} with CIDR`)), ['oci.Subnet']);
});

void test('Subnet: two overlapping subnets in one request leave neither', async (t) => {
  const engine = await openEngine(t);
  const { vcnId } = await ociBase(engine);
  await expectRejected(engine, (tx) => {
    createSubnet(tx, OCI, { vcnId, cidrBlock: '10.0.8.0/24', displayName: 'first' });
    createSubnet(tx, OCI, { vcnId, cidrBlock: '10.0.8.0/25', displayName: 'second' });
  }, ociInvalid(/10\.0\.8\.0\/25 is invalid: subnet .* with CIDR 10\.0\.8\.0\/24 overlaps/), ['oci.Subnet']);
  assert.deepEqual(await engine.read((v) => v.list('oci.Subnet').map((s) => s.displayName)), ['web']);
});

void test('Subnet: a dnsLabel already used in the VCN is rejected naming the subnet that has it', async (t) => {
  const engine = await openEngine(t);
  const { vcnId, subnetId } = await ociBase(engine);
  await expectRejected(engine, (tx) => createSubnet(tx, OCI, { vcnId, cidrBlock: '10.0.2.0/24', dnsLabel: 'web' }),
    ociInvalid(new RegExp(`The dnsLabel web is already used by subnet ${subnetId} in this VCN`)), ['oci.Subnet']);
});

void test('Subnet: dnsLabel syntax is checked like the VCN one', async (t) => {
  const engine = await openEngine(t);
  const { vcnId } = await ociBase(engine);
  for (const bad of ['db-1', '1db', 'x'.repeat(16)]) {
    await expectRejected(engine, (tx) => createSubnet(tx, OCI, { vcnId, cidrBlock: '10.0.2.0/24', dnsLabel: bad }),
      ociInvalid(new RegExp(`Subnet dnsLabel '${bad}' is invalid`)), ['oci.Subnet']);
  }
});

void test('Subnet: displayName longer than 255 characters is rejected', async (t) => {
  const engine = await openEngine(t);
  const { vcnId } = await ociBase(engine);
  await expectRejected(engine, (tx) => createSubnet(tx, OCI, { vcnId, cidrBlock: '10.0.2.0/24', displayName: 's'.repeat(256) }),
    ociInvalid(/displayName must be at most 255 characters/), ['oci.Subnet']);
});

void test('Subnet: a missing vcnId is 400 MissingParameter', async (t) => {
  const engine = await openEngine(t);
  await ociBase(engine);
  await expectRejected(engine, (tx) => createSubnet(tx, OCI, { compartmentId: OCI.tenancyId, cidrBlock: '10.0.2.0/24' }),
    { cloud: 'oci', status: 400, code: 'MissingParameter', message: /Missing parameter: vcnId\./ }, ['oci.Subnet']);
});

void test('Subnet: an unknown vcnId is 400 RelatedResourceNotAuthorizedOrNotFound', async (t) => {
  const engine = await openEngine(t);
  await ociBase(engine);
  const ghost = 'ocid1.vcn.oc1.iad.aaaaaaaadoesnotexist0000000000000000000000000000000000000000';
  await expectRejected(engine, (tx) => createSubnet(tx, OCI, { vcnId: ghost, cidrBlock: '10.0.2.0/24' }),
    { cloud: 'oci', status: 400, code: 'RelatedResourceNotAuthorizedOrNotFound', message: new RegExp(`The Vcn ${ghost} was not found or you are not authorized to access it`) }, ['oci.Subnet']);
});

void test('Subnet: deleting a subnet that holds a VNIC is 409 Conflict naming the VNIC', async (t) => {
  const engine = await openEngine(t);
  const { subnetId } = await ociBase(engine);
  const { vnicId } = await launch(engine, subnetId);
  await expectRejected(engine, (tx) => { deleteSubnet(tx, OCI, subnetId); },
    { cloud: 'oci', status: 409, code: 'Conflict', message: new RegExp(`The Subnet ${subnetId} references the VNIC ${vnicId}\\. You must remove the reference`) }, ['oci.Subnet', 'oci.Vnic']);
  assert.equal(await engine.read((v) => v.get('oci.Subnet', subnetId)?.lifecycleState), 'AVAILABLE');
});
