// ListShapes, ListImages and GetImage over HTTP through the official ComputeClient, and the
// shape and image checks LaunchInstance makes with OCI's own errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TENANCY_ID } from '../../../src/lifecycle/defaults.ts';
import { platformImageId } from '../../../src/model/oci/images.ts';
import { core, ociClients, ociError, startOciServer, type OciTestServer } from './harness.ts';

const root = DEFAULT_TENANCY_ID;
const AD1 = 'Uocm:US-ASHBURN-AD-1';

void describe('OCI API: compute shapes and images', () => {
  let s: OciTestServer;
  let subnetId: string;

  before(async () => {
    s = await startOciServer();
    const vcn = (await s.network.createVcn({ createVcnDetails: { compartmentId: root, cidrBlocks: ['10.0.0.0/16'] } })).vcn;
    subnetId = (await s.network.createSubnet({ createSubnetDetails: { compartmentId: root, vcnId: vcn.id, cidrBlock: '10.0.1.0/24' } })).subnet.id;
  });
  after(async () => {
    await s.close();
  });

  const imageNamed = async (displayName: string): Promise<core.models.Image> => {
    const [image] = (await s.compute.listImages({ compartmentId: root, displayName })).items;
    assert.ok(image, displayName);
    return image;
  };

  void it('lists real shapes with their published sizes, and the ranges of the flexible ones', async () => {
    const shapes = (await s.compute.listShapes({ compartmentId: root, availabilityDomain: AD1 })).items;
    const names = shapes.map((x) => x.shape);
    for (const n of ['VM.Standard.E4.Flex', 'VM.Standard.E5.Flex', 'VM.Standard3.Flex', 'VM.Standard.A1.Flex', 'VM.Optimized3.Flex', 'VM.Standard2.1', 'VM.Standard2.2', 'BM.Standard.E4.128']) {
      assert.ok(names.includes(n), n);
    }
    const e4 = shapes.find((x) => x.shape === 'VM.Standard.E4.Flex');
    assert.deepEqual(
      { ocpus: e4?.ocpus, memoryInGBs: e4?.memoryInGBs, networkingBandwidthInGbps: e4?.networkingBandwidthInGbps, maxVnicAttachments: e4?.maxVnicAttachments, isFlexible: e4?.isFlexible },
      { ocpus: 1, memoryInGBs: 16, networkingBandwidthInGbps: 1, maxVnicAttachments: 2, isFlexible: true },
    );
    assert.deepEqual(e4?.ocpuOptions, { min: 1, max: 64 });
    assert.equal(e4?.memoryOptions?.maxInGBs, 1024);
    assert.equal(e4?.memoryOptions?.maxPerOcpuInGBs, 64);
    assert.equal(e4?.networkingBandwidthOptions?.maxInGbps, 40);
    assert.equal(e4?.maxVnicAttachmentOptions?.max, 24);
    const std21 = shapes.find((x) => x.shape === 'VM.Standard2.1');
    assert.deepEqual([std21?.ocpus, std21?.memoryInGBs, std21?.isFlexible, std21?.ocpuOptions], [1, 15, false, undefined], 'a fixed shape has no ranges');
    assert.equal(shapes.find((x) => x.shape === 'VM.Standard.A1.Flex')?.processorDescription, '3.0 GHz Ampere® Altra™');
  });

  void it('pages shapes and images with limit, page and opc-next-page', async () => {
    const all = (await s.compute.listShapes({ compartmentId: root })).items.map((x) => x.shape);
    const paged: string[] = [];
    let page: string | undefined;
    for (let i = 0; i < 20; i++) {
      const r = await s.compute.listShapes({ compartmentId: root, limit: 4, ...(page === undefined ? {} : { page }) });
      assert.ok(r.items.length <= 4);
      paged.push(...r.items.map((x) => x.shape));
      page = r.opcNextPage;
      if (page === undefined) break;
    }
    assert.deepEqual(paged, all);
    const images: string[] = [];
    for await (const image of s.compute.listImagesRecordIterator({ compartmentId: root, limit: 2 })) images.push(image.displayName ?? '');
    assert.deepEqual(images, (await s.compute.listImages({ compartmentId: root })).items.map((x) => x.displayName));
    assert.equal(images.length, 7);
  });

  void it('filters shapes by image, and images by operating system, version and shape', async () => {
    const arm = await imageNamed('Oracle-Linux-9.0-aarch64-2022.12.16-0');
    assert.deepEqual((await s.compute.listShapes({ compartmentId: root, imageId: arm.id })).items.map((x) => x.shape), ['VM.Standard.A1.Flex']);
    const ol8 = (await s.compute.listImages({ compartmentId: root, operatingSystem: 'Oracle Linux', operatingSystemVersion: '8' })).items;
    assert.deepEqual(ol8.map((x) => x.displayName), ['Oracle-Linux-8.10-2024.11.30-0', 'Oracle-Linux-8.10-2024.09.30-0'], 'newest first by default');
    const ubuntu = (await s.compute.listImages({ compartmentId: root, operatingSystem: 'Canonical Ubuntu', sortBy: core.requests.ListImagesRequest.SortBy.Timecreated, sortOrder: core.requests.ListImagesRequest.SortOrder.Asc })).items;
    assert.deepEqual(ubuntu.map((x) => x.displayName), ['Canonical-Ubuntu-22.04-2024.02.18-0', 'Canonical-Ubuntu-22.04-2024.10.04-0']);
    assert.deepEqual((await s.compute.listImages({ compartmentId: root, shape: 'VM.Standard.A1.Flex' })).items.map((x) => x.displayName), ['Oracle-Linux-9.0-aarch64-2022.12.16-0']);
    assert.equal((await s.compute.listImages({ compartmentId: root, shape: 'VM.Standard.E4.Flex' })).items.length, 6, 'every x86 image');
    assert.deepEqual((await s.compute.listImages({ compartmentId: root, shape: 'VM.NoSuch.Shape' })).items, []);
  });

  void it('gives each region its own image OCIDs, the same on every run', async () => {
    const ashburn = await imageNamed('Oracle-Linux-8.10-2024.09.30-0');
    assert.equal(ashburn.id, platformImageId('us-ashburn-1', 'Oracle-Linux-8.10-2024.09.30-0'));
    assert.equal(ashburn.operatingSystem, 'Oracle Linux');
    assert.equal(ashburn.lifecycleState, 'AVAILABLE');
    assert.deepEqual(await s.compute.getImage({ imageId: ashburn.id }).then((r) => r.image), ashburn);
    const phoenix = ociClients(`${s.ociUrl}/us-phoenix-1`);
    const phxImage = (await phoenix.compute.listImages({ compartmentId: root, displayName: 'Oracle-Linux-8.10-2024.09.30-0' })).items[0];
    assert.match(phxImage?.id ?? '', /^ocid1\.image\.oc1\.phx\.aaaaaaaa[a-z2-7]{52}$/);
    const elsewhere = await ociError(phoenix.compute.getImage({ imageId: ashburn.id }));
    assert.equal(elsewhere.statusCode, 404, "another region's image is not found");
    assert.equal(elsewhere.serviceCode, 'NotAuthorizedOrNotFound');
  });

  void it('refuses bad look-ups with the cloud\'s errors', async () => {
    const missing = await ociError(s.compute.listShapes({ compartmentId: '' }));
    assert.deepEqual([missing.statusCode, missing.serviceCode], [400, 'MissingParameter']);
    const foreign = await ociError(s.compute.listImages({ compartmentId: 'ocid1.tenancy.oc1..aaaaaaaaanother' }));
    assert.deepEqual([foreign.statusCode, foreign.serviceCode], [404, 'NotAuthorizedOrNotFound']);
    const badAd = await ociError(s.compute.listShapes({ compartmentId: root, availabilityDomain: 'US-ASHBURN-AD-1' }));
    assert.deepEqual([badAd.statusCode, badAd.serviceCode], [400, 'InvalidParameter']);
    const badImage = await ociError(s.compute.listShapes({ compartmentId: root, imageId: 'ocid1.image.oc1.iad.aaaaaaaanosuchimage' }));
    assert.deepEqual([badImage.statusCode, badImage.serviceCode], [404, 'NotAuthorizedOrNotFound']);
    const badPage = await ociError(s.compute.listImages({ compartmentId: root, page: 'not-a-token' }));
    assert.deepEqual([badPage.statusCode, badPage.serviceCode], [400, 'InvalidParameter']);
  });

  void it('launches catalogue shapes and images only, with OCI\'s errors for the rest', async () => {
    const x86 = await imageNamed('Oracle-Linux-8.10-2024.11.30-0');
    const arm = await imageNamed('Oracle-Linux-9.0-aarch64-2022.12.16-0');
    const launch = (shape: string, imageId: string, shapeConfig?: core.models.LaunchInstanceShapeConfigDetails) =>
      s.compute.launchInstance({ launchInstanceDetails: { compartmentId: root, availabilityDomain: AD1, shape, sourceDetails: { sourceType: 'image', imageId }, createVnicDetails: { subnetId }, ...(shapeConfig ? { shapeConfig } : {}) } });

    const noShape = await ociError(launch('VM.Standard.E9.Flex', x86.id));
    assert.deepEqual([noShape.statusCode, noShape.serviceCode, noShape.message], [404, 'NotAuthorizedOrNotFound', 'shape VM.Standard.E9.Flex not found']);
    const noImage = await ociError(launch('VM.Standard.E4.Flex', 'ocid1.image.oc1.iad.aaaaaaaanosuchimage'));
    assert.deepEqual([noImage.statusCode, noImage.serviceCode], [404, 'NotAuthorizedOrNotFound']);
    const wrongArch = await ociError(launch('VM.Standard.A1.Flex', x86.id));
    assert.deepEqual([wrongArch.statusCode, wrongArch.serviceCode, wrongArch.message], [400, 'InvalidParameter', `Shape VM.Standard.A1.Flex is not valid for image ${x86.id}.`]);
    const tooBig = await ociError(launch('VM.Standard.E4.Flex', x86.id, { ocpus: 65 }));
    assert.deepEqual([tooBig.statusCode, tooBig.serviceCode], [400, 'InvalidParameter']);
    const tooMuchMemory = await ociError(launch('VM.Standard.E4.Flex', x86.id, { ocpus: 2, memoryInGBs: 129 }));
    assert.deepEqual([tooMuchMemory.statusCode, tooMuchMemory.serviceCode], [400, 'InvalidParameter']);
    assert.equal((await s.compute.listInstances({ compartmentId: root })).items.length, 0, 'nothing was launched');

    const armVm = (await launch('VM.Standard.A1.Flex', arm.id, { ocpus: 4, memoryInGBs: 24 })).instance;
    assert.deepEqual([armVm.shape, armVm.imageId], ['VM.Standard.A1.Flex', arm.id]);
    assert.deepEqual(
      [armVm.shapeConfig?.ocpus, armVm.shapeConfig?.memoryInGBs, armVm.shapeConfig?.vcpus, armVm.shapeConfig?.networkingBandwidthInGbps, armVm.shapeConfig?.maxVnicAttachments],
      [4, 24, 4, 4, 4], 'an A1 OCPU is one vCPU; bandwidth and VNICs scale per OCPU',
    );
    const e5 = (await launch('VM.Standard.E5.Flex', x86.id, { ocpus: 2 })).instance;
    assert.deepEqual([e5.shape, e5.shapeConfig?.ocpus, e5.shapeConfig?.memoryInGBs, e5.shapeConfig?.vcpus], ['VM.Standard.E5.Flex', 2, 32, 4], 'memory defaults to 16 GB per OCPU');
    const fixed = (await launch('VM.Standard2.2', x86.id)).instance;
    assert.deepEqual([fixed.shapeConfig?.ocpus, fixed.shapeConfig?.memoryInGBs, fixed.shapeConfig?.maxVnicAttachments], [2, 30, 2]);
    const sized = await ociError(launch('VM.Standard2.2', x86.id, { ocpus: 4 }));
    assert.deepEqual([sized.statusCode, sized.serviceCode], [400, 'InvalidParameter'], 'a fixed shape takes no size');
  });
});
