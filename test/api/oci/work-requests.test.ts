// ListWorkRequests through oci-workrequests' WorkRequestClient over HTTP: a compartment's work
// requests as summaries (no resources), newest first, narrowed by resourceId, paged, and refused
// for a compartment the caller may not use.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { ASHBURN_IMAGE_ID, ociError, startOciServer, type OciTestServer } from './harness.ts';

const root = DEFAULT_TENANCY_ID;
const AD = 'Uocm:US-ASHBURN-AD-1';

void describe('OCI API: listWorkRequests', () => {
  let s: OciTestServer;
  before(async () => {
    s = await startOciServer();
  });
  after(async () => {
    await s.close();
  });

  void it("lists a compartment's work requests newest first, by resource, page by page", async () => {
    const vcn = (await s.network.createVcn({ createVcnDetails: { compartmentId: root, cidrBlocks: ['10.0.0.0/16'] } })).vcn;
    const subnet = (await s.network.createSubnet({ createSubnetDetails: { compartmentId: root, vcnId: vcn.id, cidrBlock: '10.0.1.0/24' } })).subnet;
    const launched = await s.compute.launchInstance({ launchInstanceDetails: { compartmentId: root, availabilityDomain: AD, shape: 'VM.Standard.E4.Flex', sourceDetails: { sourceType: 'image', imageId: ASHBURN_IMAGE_ID }, createVnicDetails: { subnetId: subnet.id } } });
    const cidr = await s.network.addVcnCidr({ vcnId: vcn.id, addVcnCidrDetails: { cidrBlock: '10.1.0.0/16' } });
    const terminated = await s.compute.terminateInstance({ instanceId: launched.instance.id });

    const all = await s.workRequests.listWorkRequests({ compartmentId: root });
    const ids = all.items.map((w) => w.id);
    assert.deepEqual(new Set(ids), new Set([launched.opcWorkRequestId, cidr.opcWorkRequestId, terminated.opcWorkRequestId]));
    const accepted = all.items.map((w) => new Date(w.timeAccepted).getTime());
    assert.deepEqual(accepted, [...accepted].sort((a, b) => b - a), 'newest first');
    const first = all.items[0] as unknown as Record<string, unknown>;
    assert.equal(first.resources, undefined, 'a summary has no resources');
    assert.ok(['operationType', 'status', 'id', 'compartmentId', 'percentComplete', 'timeAccepted'].every((k) => k in first));

    const forInstance = await s.workRequests.listWorkRequests({ compartmentId: root, resourceId: launched.instance.id });
    assert.deepEqual(new Set(forInstance.items.map((w) => w.operationType)), new Set(['LaunchInstance', 'TerminateInstance']));
    const forVcn = await s.workRequests.listWorkRequests({ compartmentId: root, resourceId: vcn.id });
    assert.deepEqual(forVcn.items.map((w) => w.id), [cidr.opcWorkRequestId]);

    const page1 = await s.workRequests.listWorkRequests({ compartmentId: root, limit: 2 });
    assert.equal(page1.items.length, 2);
    assert.ok(page1.opcNextPage, 'more remain');
    const page2 = await s.workRequests.listWorkRequests({ compartmentId: root, limit: 2, page: page1.opcNextPage });
    assert.deepEqual([...page1.items, ...page2.items].map((w) => w.id), ids, 'the pages together are the list');
    assert.equal(page2.opcNextPage, undefined);
  });

  void it('refuses a missing or foreign compartment', async () => {
    const missing = await ociError(s.workRequests.listWorkRequests({ compartmentId: '' }));
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.serviceCode, 'MissingParameter');
    const foreign = await ociError(s.workRequests.listWorkRequests({ compartmentId: 'ocid1.tenancy.oc1..aaaaaaaaanother' }));
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.serviceCode, 'NotAuthorizedOrNotFound');
  });
});
