// The OCI TypeScript SDK's own launch-instance example, run against FastRoute with the official
// oci-identity, oci-core and oci-workrequests clients: ListAvailabilityDomains → ListShapes (first
// VM shape that is not flexible) → ListImages ("Oracle Linux" for that shape, first item) → VCN
// and subnet → LaunchInstance from that image → wait for RUNNING → listAllInstances → terminate
// the instance, delete the subnet and the VCN, each waited on.
//
// Source of the flow: oracle/oci-typescript-sdk, examples/typescript/launch_instance.ts at commit
// 859d3535681f270da11168db1798fd703b8d1ced (Copyright (c) 2020, 2021 Oracle and/or its affiliates;
// dual-licensed UPL 1.0 / Apache 2.0). The steps, requests and choices below are the example's,
// written here step for step; what differs: endpoint and (no) credentials, the waiters poll every
// 50 ms instead of backing off up to 30 s, and an error fails the test instead of being printed.
// The example file itself (a later version, which also closes its clients) runs unchanged in a child
// process in sdk-examples.test.ts; this in-process copy checks the catalogue's choices step by step.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as identity from 'oci-identity';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { ensureCompartment } from '../../../src/lifecycle/oci/compartment.ts';
import { common, core, fastWaiters, startOciServer, type OciTestServer } from './harness.ts';

void describe("OCI SDK example: launch_instance.ts runs from start to end", () => {
  let s: OciTestServer;
  let compartmentId: string;
  const tenancyId = DEFAULT_TENANCY_ID;

  before(async () => {
    s = await startOciServer();
    compartmentId = await s.engine.mutate('test:compartment', (tx) => ensureCompartment(tx, { tenancyId, region: 'us-ashburn-1' }, 'sdk-example').id);
  });
  after(async () => {
    await s.close();
  });

  void it('finds an AD, a shape and an image, launches an instance that runs, and cleans up', async () => {
    const computeClient = s.compute;
    const virtualNetworkClient = s.network;
    const { compute: computeWaiter, network: virtualNetworkWaiter } = fastWaiters(s);
    const identityClient = new identity.IdentityClient({} as common.AuthParams);
    identityClient.endpoint = s.ociUrl;

    async function getAvailabilityDomain(): Promise<identity.models.AvailabilityDomain> {
      const response = await identityClient.listAvailabilityDomains({ compartmentId: tenancyId });
      return response.items[0] as identity.models.AvailabilityDomain;
    }

    async function getShape(availabilityDomain: identity.models.AvailabilityDomain): Promise<core.models.Shape> {
      const response = await computeClient.listShapes({ availabilityDomain: availabilityDomain.name, compartmentId });
      for (const shape of response.items) {
        if (shape.shape.startsWith('VM') && !shape.shape.toLowerCase().includes('flex')) return shape;
      }
      return response.items[0] as core.models.Shape;
    }

    async function getImage(shape: core.models.Shape, operatingSystem: string): Promise<core.models.Image> {
      const response = await computeClient.listImages({ compartmentId, shape: shape.shape, operatingSystem });
      return response.items[0] as core.models.Image;
    }

    const availabilityDomain = await getAvailabilityDomain();
    assert.equal(availabilityDomain.name, 'Uocm:US-ASHBURN-AD-1');
    const shape = await getShape(availabilityDomain);
    assert.equal(shape.shape, 'VM.Standard.E2.1.Micro', 'the first VM shape (by name) that is not flexible');
    assert.equal(shape.ocpus, 1);
    assert.equal(shape.memoryInGBs, 1);
    const image = await getImage(shape, 'Oracle Linux');
    assert.equal(image.displayName, 'Oracle-Linux-9.4-2024.11.30-0', 'the newest Oracle Linux build the shape can boot (newest first by default)');
    assert.match(image.id, /^ocid1\.image\.oc1\.iad\.aaaaaaaa[a-z2-7]{52}$/);

    const createVcnResponse = await virtualNetworkClient.createVcn({ createVcnDetails: { cidrBlock: '10.0.0.0/16', compartmentId, displayName: 'TypeScript-SDK-Example' } });
    const getVcnResponse = await virtualNetworkWaiter.forVcn({ vcnId: createVcnResponse.vcn.id }, core.models.Vcn.LifecycleState.Available);
    const vcnId = getVcnResponse?.vcn.id ?? '';
    assert.equal(vcnId, createVcnResponse.vcn.id);

    const createSubnetResponse = await virtualNetworkClient.createSubnet({
      createSubnetDetails: { cidrBlock: '10.0.0.0/16', compartmentId, displayName: 'TypeScript-SDK-Example', vcnId: createVcnResponse.vcn.id },
    });
    await virtualNetworkWaiter.forSubnet({ subnetId: createSubnetResponse.subnet.id }, core.models.Subnet.LifecycleState.Available);
    const subnetId = createSubnetResponse.subnet.id;

    const sourceDetails: core.models.InstanceSourceViaImageDetails = { imageId: image.id, sourceType: 'image' };
    const launchInstanceResponse = await computeClient.launchInstance({
      launchInstanceDetails: {
        compartmentId, availabilityDomain: availabilityDomain.name ? availabilityDomain.name : '', shape: shape.shape,
        displayName: 'TypeScript-SDK-Example', sourceDetails, createVnicDetails: { subnetId: createSubnetResponse.subnet.id },
      },
    });
    const getInstanceResponse = await computeWaiter.forInstance({ instanceId: launchInstanceResponse.instance.id }, core.models.Instance.LifecycleState.Running);
    const instance = getInstanceResponse?.instance;
    assert.equal(instance?.lifecycleState, 'RUNNING');
    assert.equal(instance.shape, 'VM.Standard.E2.1.Micro');
    assert.equal(instance.imageId, image.id);
    assert.deepEqual([instance.shapeConfig?.ocpus, instance.shapeConfig?.memoryInGBs], [shape.ocpus, shape.memoryInGBs], "the instance has its shape's resources");
    assert.equal(instance.availabilityDomain, availabilityDomain.name);

    const listed: string[] = [];
    for await (const i of computeClient.listAllInstances({ compartmentId })) listed.push(`${i.displayName} [${i.id}] current status is ${i.lifecycleState}`);
    assert.deepEqual(listed, [`TypeScript-SDK-Example [${instance.id}] current status is RUNNING`]);

    // The example's finally block: terminate the instance, then delete the subnet and the VCN.
    await computeClient.terminateInstance({ instanceId: instance.id, preserveBootVolume: false });
    const terminated = await computeWaiter.forInstance({ instanceId: instance.id }, core.models.Instance.LifecycleState.Terminated);
    assert.equal(terminated?.instance.lifecycleState, 'TERMINATED');
    await virtualNetworkClient.deleteSubnet({ subnetId });
    const subnetGone = await virtualNetworkWaiter.forSubnet({ subnetId }, core.models.Subnet.LifecycleState.Terminated);
    assert.equal(subnetGone?.subnet.lifecycleState, 'TERMINATED');
    await virtualNetworkClient.deleteVcn({ vcnId });
    const vcnGone = await virtualNetworkWaiter.forVcn({ vcnId }, core.models.Vcn.LifecycleState.Terminated);
    assert.equal(vcnGone?.vcn.lifecycleState, 'TERMINATED');
  });
});
