// ListAvailabilityDomains over HTTP through the official oci-identity IdentityClient, and the AD
// names the Core API accepts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as identity from 'oci-identity';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { adPrefix } from '../../../src/lifecycle/oci/availability-domains.ts';
import { ensureCompartment } from '../../../src/lifecycle/oci/compartment.ts';
import { ASHBURN_IMAGE_ID, common, ociError, startOciServer, type OciTestServer } from './harness.ts';

const root = DEFAULT_TENANCY_ID;

/** IdentityClient#listAvailabilityDomains against an endpoint (unsigned, like the harness's clients). */
async function listAvailabilityDomains(endpoint: string, compartmentId: string): Promise<identity.models.AvailabilityDomain[]> {
  const client = new identity.IdentityClient({} as common.AuthParams);
  client.endpoint = endpoint;
  return (await client.listAvailabilityDomains({ compartmentId })).items;
}

void describe('OCI API: availability domains', () => {
  let s: OciTestServer;
  let compartment: string;

  before(async () => {
    s = await startOciServer();
    compartment = await s.engine.mutate('test:compartment', (tx) => ensureCompartment(tx, { tenancyId: root, region: 'us-ashburn-1' }, 'apps').id);
  });
  after(async () => {
    await s.close();
  });

  void it("lists the region's ADs under the tenancy's prefix, for the tenancy or any of its compartments", async () => {
    const ashburn = await listAvailabilityDomains(s.ociUrl, root);
    assert.deepEqual(ashburn.map((ad) => ad.name), ['Uocm:US-ASHBURN-AD-1', 'Uocm:US-ASHBURN-AD-2', 'Uocm:US-ASHBURN-AD-3']);
    for (const ad of ashburn) {
      assert.equal(ad.compartmentId, root, 'an AD belongs to the tenancy');
      assert.match(ad.id ?? '', /^ocid1\.availabilitydomain\.oc1\.\.aaaaaaaa[a-z2-7]{52}$/);
    }
    assert.deepEqual(await listAvailabilityDomains(s.ociUrl, compartment), ashburn, 'a compartment of the tenancy sees the same ADs');
    assert.deepEqual((await listAvailabilityDomains(`${s.ociUrl}/us-phoenix-1`, root)).map((ad) => ad.name), ['Uocm:PHX-AD-1', 'Uocm:PHX-AD-2', 'Uocm:PHX-AD-3']);
    assert.deepEqual((await listAvailabilityDomains(`${s.ociUrl}/eu-frankfurt-1`, root)).map((ad) => ad.name), ['Uocm:EU-FRANKFURT-1-AD-1', 'Uocm:EU-FRANKFURT-1-AD-2', 'Uocm:EU-FRANKFURT-1-AD-3']);
    assert.deepEqual((await listAvailabilityDomains(`${s.ociUrl}/ca-toronto-1`, root)).map((ad) => ad.name), ['Uocm:CA-TORONTO-1-AD-1'], 'a one-AD region');
    assert.notEqual(adPrefix('ocid1.tenancy.oc1..aaaaaaaaanother'), 'Uocm', 'another tenancy has its own prefix');
    assert.match(adPrefix('ocid1.tenancy.oc1..aaaaaaaaanother'), /^[A-Za-z]{4}$/);
  });

  void it('refuses a missing or foreign compartment', async () => {
    const missing = await ociError(listAvailabilityDomains(s.ociUrl, ''));
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.serviceCode, 'MissingParameter');
    const foreign = await ociError(listAvailabilityDomains(s.ociUrl, 'ocid1.tenancy.oc1..aaaaaaaaanother'));
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.serviceCode, 'NotAuthorizedOrNotFound');
  });

  void it('accepts only listed AD names for instances and AD-specific subnets, and keeps VNICs in their subnet\'s AD', async () => {
    const [ad1, ad2] = (await listAvailabilityDomains(s.ociUrl, root)).map((ad) => ad.name);
    const vcn = (await s.network.createVcn({ createVcnDetails: { compartmentId: root, cidrBlocks: ['10.0.0.0/16'] } })).vcn;
    const regional = (await s.network.createSubnet({ createSubnetDetails: { compartmentId: root, vcnId: vcn.id, cidrBlock: '10.0.1.0/24' } })).subnet;
    const launch = (availabilityDomain: string, subnetId: string) =>
      s.compute.launchInstance({ launchInstanceDetails: { compartmentId: root, availabilityDomain, shape: 'VM.Standard.E4.Flex', sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID }, createVnicDetails: { subnetId } } });

    for (const bad of ['US-ASHBURN-AD-1', 'Uocm:PHX-AD-1', 'AD-1', 'Uocm:US-ASHBURN-AD-4']) {
      const err = await ociError(launch(bad, regional.id));
      assert.equal(err.statusCode, 400, bad);
      assert.equal(err.serviceCode, 'InvalidParameter', bad);
      assert.equal(err.message, 'Invalid availabilityDomain', bad);
    }
    assert.equal((await s.compute.listInstances({ compartmentId: root })).items.length, 0, 'no instance was launched');
    const lower = await launch((ad1 ?? '').toLowerCase(), regional.id);
    assert.equal(lower.instance.availabilityDomain, ad1, 'the name is matched without regard to case and stored as listed');

    const badSubnet = await ociError(s.network.createSubnet({ createSubnetDetails: { compartmentId: root, vcnId: vcn.id, cidrBlock: '10.0.2.0/24', availabilityDomain: 'US-ASHBURN-AD-2' } }));
    assert.equal(badSubnet.serviceCode, 'InvalidParameter');
    const adSubnet = (await s.network.createSubnet({ createSubnetDetails: { compartmentId: root, vcnId: vcn.id, cidrBlock: '10.0.2.0/24', availabilityDomain: ad2 ?? '' } })).subnet;
    assert.equal(adSubnet.availabilityDomain, ad2);
    const mismatch = await ociError(launch(ad1 ?? '', adSubnet.id));
    assert.equal(mismatch.statusCode, 400);
    assert.equal(mismatch.serviceCode, 'InvalidParameter');
    assert.match(mismatch.message, /Parameter 'availabilityDomain' does not match\. VNIC has 'iad-ad-1' while the subnet has 'iad-ad-2'/);
    const inAd2 = await launch(ad2 ?? '', adSubnet.id);
    assert.equal(inAd2.instance.availabilityDomain, ad2);
    assert.equal((await s.compute.listInstances({ compartmentId: root, availabilityDomain: ad2 ?? '' })).items.length, 1);
  });
});
