// ComputeClient: instances reduced to what networking needs (one primary VNIC with one private IP)
// and their VNIC attachments. Launch and terminate answer with a work request tracking the state.
import { z } from 'zod';
import { instanceAction, launchImageId, launchInstance, terminateInstance } from '../../../lifecycle/oci/compute.ts';
import { startWorkRequest } from '../../../lifecycle/oci/work-request.ts';
import { resolveAvailabilityDomain } from '../../../lifecycle/oci/availability-domains.ts';
import { checkLaunchCatalogue } from '../../../lifecycle/oci/compute-catalogue.ts';
import { oci } from '../../../model/errors.ts';
import type { Instance } from '../../../model/oci/compute.ts';
import { checkIfMatch, createOp, entityReply, getOp, listOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { parseBody, parseQuery } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';
import { commonFields, definedTags, freeformTags } from '../schemas/common.ts';

/** Compute-only launch options: accepted so SDK code runs unchanged, and ignored (no compute model). */
const ignored = z.unknown().optional();

const createVnicDetails = z.strictObject({
  assignIpv6Ip: z.boolean().optional(),
  assignPublicIp: z.boolean().optional(),
  assignPrivateDnsRecord: z.boolean().optional(),
  definedTags: definedTags.optional(),
  displayName: z.string().optional(),
  freeformTags: freeformTags.optional(),
  securityAttributes: ignored,
  hostnameLabel: z.string().optional(),
  ipv6AddressIpv6SubnetCidrPairDetails: z.array(z.unknown()).optional(),
  subnetCidr: z.string().optional(),
  nsgIds: z.array(z.string()).optional(),
  privateIp: z.string().optional(),
  privateIpId: z.string().optional(),
  skipSourceDestCheck: z.boolean().optional(),
  subnetId: z.string().optional(),
  vlanId: z.string().optional(),
});

// Polymorphic on sourceType, as the SDK serialises InstanceSourceDetails.
const sourceDetails = z.discriminatedUnion('sourceType', [
  z.strictObject({
    sourceType: z.literal('image'), imageId: z.string().optional(), bootVolumeSizeInGBs: z.number().optional(), kmsKeyId: z.string().optional(),
    bootVolumeVpusPerGB: z.number().optional(), instanceSourceImageFilterDetails: ignored,
  }),
  z.strictObject({ sourceType: z.literal('bootVolume'), bootVolumeId: z.string().optional() }),
]);

const launchInstanceDetails = z.strictObject({
  ...commonFields,
  availabilityDomain: z.string().optional(),
  createVnicDetails: createVnicDetails.optional(),
  faultDomain: z.string().optional(),
  hostnameLabel: z.string().optional(),
  imageId: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  shape: z.string().optional(),
  shapeConfig: z.strictObject({
    ocpus: z.number().optional(), vcpus: z.number().optional(), memoryInGBs: z.number().optional(), baselineOcpuUtilization: z.string().optional(),
    nvmes: z.number().optional(), resourceManagement: z.string().optional(), localVolumeSizeInGBs: z.number().optional(),
  }).optional(),
  sourceDetails: sourceDetails.optional(),
  subnetId: z.string().optional(),
  capacityReservationId: ignored, dedicatedVmHostId: ignored, securityAttributes: ignored, extendedMetadata: ignored, clusterPlacementGroupId: ignored,
  computeClusterId: ignored, ipxeScript: ignored, launchOptions: ignored, instanceOptions: ignored, availabilityConfig: ignored,
  preemptibleInstanceConfig: ignored, agentConfig: ignored, launchVolumeAttachments: ignored, isPvEncryptionInTransitEnabled: ignored,
  platformConfig: ignored, placementConstraintDetails: ignored, isAIEnterpriseEnabled: ignored, instanceConfigurationId: ignored, licensingConfigs: ignored,
});

const listInstancesQuery = z.object({ compartmentId: z.string(), availabilityDomain: z.string().optional(), ...listQueryFields });
const listVnicAttachmentsQuery = z.object({
  compartmentId: z.string(), availabilityDomain: z.string().optional(), instanceId: z.string().optional(), vnicId: z.string().optional(),
  limit: listQueryFields.limit, page: listQueryFields.page,
});
const terminateQuery = z.object({
  preserveBootVolume: z.enum(['true', 'false']).optional(),
  preserveDataVolumesCreatedAtLaunch: z.enum(['true', 'false']).optional(),
  recycleLevel: z.enum(['ALL', 'FULL_RECYCLE']).optional(),
});
const actionQuery = z.object({ action: z.string() });
// InstancePowerActionDetails (polymorphic on actionType); its options do not change what FastRoute does.
const powerActionDetails = z.discriminatedUnion('actionType', [
  z.strictObject({ actionType: z.literal('reset'), allowDenseRebootMigration: z.boolean().optional() }),
  z.strictObject({ actionType: z.literal('softreset'), allowDenseRebootMigration: z.boolean().optional() }),
  z.strictObject({ actionType: z.literal('rebootMigrate'), deleteLocalStorage: z.boolean().optional(), timeScheduled: z.string().optional() }),
]);

function instanceWorkRequest(operationType: string, instance: Instance, actionType: 'CREATED' | 'DELETED', doneStates: string[]) {
  return {
    operationType, compartmentId: instance.compartmentId, entityType: 'instance', entityUri: `/20160918/instances/${instance.id}`,
    actionType, targetId: instance.id, currentState: instance.lifecycleState, doneStates,
  };
}

export const COMPUTE_OPERATIONS: readonly OciOperation[] = [
  createOp({
    name: 'launchInstance', client: 'ComputeClient', path: '/instances', kind: 'oci.Instance', body: launchInstanceDetails,
    create: (tx, scope, d) => {
      // LaunchInstanceDetails requires these (the API reference); the lifecycle's defaults are for labs only.
      if (d.availabilityDomain === undefined) throw oci.missingParameter('availabilityDomain');
      if (d.shape === undefined) throw oci.missingParameter('shape');
      if (d.sourceDetails === undefined && d.imageId === undefined) throw oci.missingParameter('sourceDetails');
      if ((d.createVnicDetails?.ipv6AddressIpv6SubnetCidrPairDetails?.length ?? 0) > 0) throw oci.invalidParameter('createVnicDetails.ipv6AddressIpv6SubnetCidrPairDetails: FastRoute models IPv4 only.');
      const availabilityDomain = d.availabilityDomain === undefined ? undefined : resolveAvailabilityDomain(scope, d.availabilityDomain);
      const shapeConfig = checkLaunchCatalogue(scope.region, { shape: d.shape, imageId: launchImageId(d), shapeConfig: d.shapeConfig });
      const { instance } = launchInstance(tx, scope, { ...d, ...(availabilityDomain === undefined ? {} : { availabilityDomain }), ...(shapeConfig === undefined ? {} : { shapeConfig }) });
      const wr = startWorkRequest(tx, scope, instanceWorkRequest('LaunchInstance', instance, 'CREATED', ['RUNNING']));
      return { entity: instance, headers: { 'opc-work-request-id': wr.id } };
    },
  }),
  getOp({ name: 'getInstance', client: 'ComputeClient', path: '/instances/{instanceId}', kind: 'oci.Instance' }),
  {
    name: 'terminateInstance', client: 'ComputeClient', method: 'DELETE', path: '/instances/{instanceId}',
    async handle(req) {
      parseQuery(terminateQuery, req.query);
      const id = req.params.instanceId ?? '';
      const wr = await req.engine.mutate('oci:terminateInstance', (tx) => {
        checkIfMatch(tx, req.scope, 'oci.Instance', id, req.ifMatch);
        terminateInstance(tx, req.scope, id);
        const instance = tx.get('oci.Instance', id);
        if (!instance) throw new Error(`instance ${id} vanished during termination`);
        return startWorkRequest(tx, req.scope, instanceWorkRequest('TerminateInstance', instance, 'DELETED', ['TERMINATED']));
      });
      return { status: 204, headers: { 'opc-work-request-id': wr.id } };
    },
  },
  listOp({
    name: 'listInstances', client: 'ComputeClient', path: '/instances', kind: 'oci.Instance', query: listInstancesQuery, compartment: 'required',
    filter: (i, q) => q.availabilityDomain === undefined || i.availabilityDomain === q.availabilityDomain,
  }),
  {
    name: 'instanceAction', client: 'ComputeClient', method: 'POST', path: '/instances/{instanceId}',
    async handle(req) {
      const { action } = parseQuery(actionQuery, req.query);
      // The SDK sends no body when no power-action details are given.
      if (req.body !== undefined && req.body !== null) parseBody(powerActionDetails, req.body);
      const id = req.params.instanceId ?? '';
      const instance = await req.engine.mutate('oci:instanceAction', (tx) => {
        checkIfMatch(tx, req.scope, 'oci.Instance', id, req.ifMatch);
        return instanceAction(tx, req.scope, id, action);
      });
      return entityReply('oci.Instance', instance);
    },
  },
  listOp({
    name: 'listVnicAttachments', client: 'ComputeClient', path: '/vnicAttachments', kind: 'oci.VnicAttachment', query: listVnicAttachmentsQuery, compartment: 'required',
    source: (view, q) => (q.instanceId === undefined ? view.list('oci.VnicAttachment') : view.children('oci.VnicAttachment', q.instanceId)),
    filter: (a, q) => (q.availabilityDomain === undefined || a.availabilityDomain === q.availabilityDomain) && (q.vnicId === undefined || a.vnicId === q.vnicId),
  }),
  getOp({ name: 'getVnicAttachment', client: 'ComputeClient', path: '/vnicAttachments/{vnicAttachmentId}', kind: 'oci.VnicAttachment' }),
];
