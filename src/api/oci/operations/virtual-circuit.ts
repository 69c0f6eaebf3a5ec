// FastConnect virtual circuits: CRUD and list (provisioning is the interconnect handshake's), the
// per-session BGP status (cross-connect mappings), and the sub-lists a private circuit has empty.
// Every reply shows the sessions as routing has them (live-virtual-circuit.ts).
import { z } from 'zod';
import { createVirtualCircuit, deleteVirtualCircuit, updateVirtualCircuit } from '../../../lifecycle/oci/virtual-circuit.ts';
import { getOwned } from '../../../lifecycle/oci/scope.ts';
import { createOp, deleteOp, getOp, listOp, pageReply, updateOp } from '../crud.ts';
import type { OciOperation, OciRequest } from '../operation.ts';
import type { VirtualCircuit } from '../../../model/oci/virtual-circuit.ts';
import { liveMappings, liveVirtualCircuit } from '../live-virtual-circuit.ts';
import { parseQuery } from '../protocol/body.ts';
import { listQueryFields } from '../protocol/list.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';

const routingPolicy = z.array(z.enum(['ORACLE_SERVICE_NETWORK', 'REGIONAL', 'MARKET_LEVEL', 'GLOBAL']));
const bgpAdminState = z.enum(['ENABLED', 'DISABLED']);
const trafficMode = z.enum(['NORMAL', 'DRAIN']);
const ipMtu = z.enum(['MTU_1500', 'MTU_9000']);

const crossConnectMapping = z.strictObject({
  bgpMd5AuthKey: z.string().optional(),
  crossConnectOrCrossConnectGroupId: z.string().optional(),
  customerBgpPeeringIp: z.string().optional(),
  oracleBgpPeeringIp: z.string().optional(),
  customerBgpPeeringIpv6: z.string().optional(),
  oracleBgpPeeringIpv6: z.string().optional(),
  vlan: z.number().int().optional(),
});

// Fields both create and update accept.
const circuitSettings = {
  bandwidthShapeName: z.string().optional(),
  crossConnectMappings: z.array(crossConnectMapping).optional(),
  routingPolicy: routingPolicy.optional(),
  bgpAdminState: bgpAdminState.optional(),
  isBfdEnabled: z.boolean().optional(),
  isTransportMode: z.boolean().optional(),
  customerBgpAsn: z.number().int().optional(),
  customerAsn: z.number().int().optional(),
};

const createVirtualCircuitDetails = z.strictObject({
  ...commonFields,
  // `type` stays a string so a wrong value is InvalidParameter from the lifecycle, as OCI answers.
  type: z.string().optional(),
  ...circuitSettings,
  gatewayId: z.string().optional(),
  providerName: z.string().optional(),
  providerServiceId: z.string().optional(),
  providerServiceKeyName: z.string().optional(),
  providerServiceName: z.string().optional(),
  publicPrefixes: z.array(z.strictObject({ cidrBlock: z.string().optional() })).optional(),
  region: z.string().optional(),
  ipMtu: ipMtu.optional(),
  providerRemoteRegion: z.string().optional(),
  remoteAccountId: z.string().optional(),
  trafficMode: trafficMode.optional(),
});

const updateVirtualCircuitDetails = z.strictObject({
  ...nameAndTags,
  ...circuitSettings,
  trafficMode: trafficMode.optional(),
  gatewayId: z.string().optional(),
  providerState: z.enum(['ACTIVE', 'INACTIVE']).optional(),
  providerServiceKeyName: z.string().optional(),
  referenceComment: z.string().optional(),
  ipMtu: ipMtu.optional(),
});

const listVirtualCircuitsQuery = z.object({ compartmentId: z.string(), ...listQueryFields });
const publicPrefixesQuery = z.object({ verificationState: z.enum(['IN_PROGRESS', 'COMPLETED', 'FAILED']).optional() });
const pageQuery = z.object({ limit: listQueryFields.limit, page: listQueryFields.page });

const VC_PATH = '/virtualCircuits/{virtualCircuitId}';

/** The BGP session words are the interconnect's one session state, not the stored configuration-only ones. */
const show = (vc: VirtualCircuit, req: OciRequest): VirtualCircuit => liveVirtualCircuit(req.engine.routing, vc);

export const VIRTUAL_CIRCUIT_OPERATIONS: readonly OciOperation[] = [
  createOp({ name: 'createVirtualCircuit', path: '/virtualCircuits', kind: 'oci.VirtualCircuit', body: createVirtualCircuitDetails, create: (tx, scope, d) => createVirtualCircuit(tx, scope, d), show }),
  getOp({ name: 'getVirtualCircuit', path: VC_PATH, kind: 'oci.VirtualCircuit', show }),
  updateOp({ name: 'updateVirtualCircuit', path: VC_PATH, kind: 'oci.VirtualCircuit', body: updateVirtualCircuitDetails, update: (tx, scope, id, d) => updateVirtualCircuit(tx, scope, id, d), show }),
  deleteOp({ name: 'deleteVirtualCircuit', path: VC_PATH, kind: 'oci.VirtualCircuit', remove: deleteVirtualCircuit, show }),
  listOp({ name: 'listVirtualCircuits', path: '/virtualCircuits', kind: 'oci.VirtualCircuit', query: listVirtualCircuitsQuery, compartment: 'required', show }),
  {
    // Wrapped ({items}), unlike other lists; each mapping with its session's ipv4BgpStatus.
    name: 'listCrossConnectMappings', client: 'VirtualNetworkClient', method: 'GET', path: `${VC_PATH}/crossConnectMappings`,
    async handle(req) {
      const items = await req.engine.read((view) => liveMappings(req.engine.routing, getOwned(view, req.scope, 'oci.VirtualCircuit', req.params.virtualCircuitId ?? '')));
      return { body: { items } };
    },
  },
  {
    // Public prefixes belong to PUBLIC circuits, which FastRoute does not provision.
    name: 'listVirtualCircuitPublicPrefixes', client: 'VirtualNetworkClient', method: 'GET', path: `${VC_PATH}/publicPrefixes`,
    async handle(req) {
      parseQuery(publicPrefixesQuery, req.query);
      await req.engine.read((view) => getOwned(view, req.scope, 'oci.VirtualCircuit', req.params.virtualCircuitId ?? ''));
      return { body: [] };
    },
  },
  {
    // IPSec-over-FastConnect tunnels are not modelled: every circuit has none.
    name: 'listVirtualCircuitAssociatedTunnels', client: 'VirtualNetworkClient', method: 'GET', path: `${VC_PATH}/associatedTunnels`,
    async handle(req) {
      const q = parseQuery(pageQuery, req.query);
      await req.engine.read((view) => getOwned(view, req.scope, 'oci.VirtualCircuit', req.params.virtualCircuitId ?? ''));
      return pageReply([], q, (x) => x);
    },
  },
];
