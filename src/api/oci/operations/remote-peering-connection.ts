// Remote peering connections: CRUD, list (by DRG), connect to a peer in another region, the
// compartment move, and the regions a DRG may peer with.
import { z } from 'zod';
import {
  connectRemotePeeringConnections, createRemotePeeringConnection, deleteRemotePeeringConnection, updateRemotePeeringConnection,
} from '../../../lifecycle/oci/remote-peering-connection.ts';
import { createOp, deleteOp, getOp, listOp, updateOp } from '../crud.ts';
import type { OciOperation } from '../operation.ts';
import { listQueryFields } from '../protocol/list.ts';
import { OCI_REGIONS } from '../protocol/regions.ts';
import { commonFields, nameAndTags } from '../schemas/common.ts';
import { changeCompartmentOp } from './change-compartment.ts';
import { plainActionOp } from './gateway-actions.ts';

const PATH = '/remotePeeringConnections/{remotePeeringConnectionId}';
const KIND = 'oci.RemotePeeringConnection';
const createDetails = z.strictObject({ ...commonFields, drgId: z.string().optional() });
const updateDetails = z.strictObject(nameAndTags);
const connectDetails = z.strictObject({ peerId: z.string().optional(), peerRegionName: z.string().optional() });
// The SDK's ListRemotePeeringConnectionsRequest: compartmentId, drgId and paging only.
const listQuery = z.object({ compartmentId: z.string(), drgId: z.string().optional(), limit: listQueryFields.limit, page: listQueryFields.page });

/** Every region FastRoute serves supports remote peering (PeerRegionForRemotePeering items). */
const allowedPeerRegions: OciOperation = {
  name: 'listAllowedPeerRegionsForRemotePeering', client: 'VirtualNetworkClient', method: 'GET', path: '/allowedPeerRegionsForRemotePeering',
  handle: () => Promise.resolve({ body: OCI_REGIONS.map((name) => ({ name })) }),
};

export const REMOTE_PEERING_CONNECTION_OPERATIONS: readonly OciOperation[] = [
  createOp({ name: 'createRemotePeeringConnection', path: '/remotePeeringConnections', kind: KIND, body: createDetails, create: (tx, scope, d) => createRemotePeeringConnection(tx, scope, d) }),
  getOp({ name: 'getRemotePeeringConnection', path: PATH, kind: KIND }),
  updateOp({ name: 'updateRemotePeeringConnection', path: PATH, kind: KIND, body: updateDetails, update: (tx, scope, id, d) => updateRemotePeeringConnection(tx, scope, id, d) }),
  deleteOp({ name: 'deleteRemotePeeringConnection', path: PATH, kind: KIND, remove: deleteRemotePeeringConnection }),
  listOp({
    name: 'listRemotePeeringConnections', path: '/remotePeeringConnections', kind: KIND, query: listQuery, compartment: 'required',
    source: (view, q) => (q.drgId === undefined ? view.list(KIND) : view.children(KIND, q.drgId)),
  }),
  plainActionOp({ name: 'connectRemotePeeringConnections', path: `${PATH}/actions/connect`, body: connectDetails, run: (tx, scope, id, d) => { connectRemotePeeringConnections(tx, scope, id, d); } }),
  changeCompartmentOp({ name: 'changeRemotePeeringConnectionCompartment', resourcePath: PATH, kind: KIND }),
  allowedPeerRegions,
];
