// The Change*Compartment actions of the resources FastRoute serves: POST …/actions/changeCompartment
// with {compartmentId}, answered 200 with no body and the resource's new etag. The SDK's responses
// for VCNs, subnets, DRGs and instances also carry opc-work-request-id; FastRoute's move is done at
// once, so that work request is already SUCCEEDED.
import { z } from 'zod';
import { changeCompartment } from '../../../lifecycle/oci/change-compartment.ts';
import { startWorkRequest } from '../../../lifecycle/oci/work-request.ts';
import type { Kind } from '../../../model/world.ts';
import { checkIfMatch } from '../crud.ts';
import type { OciClientName, OciOperation } from '../operation.ts';
import { parseBody } from '../protocol/body.ts';
import { presentWithEtag } from '../present.ts';

const changeCompartmentDetails = z.strictObject({ compartmentId: z.string().optional() });

export interface ChangeCompartmentSpec {
  /** The SDK's operation name, e.g. "changeVcnCompartment". */
  name: string;
  client?: OciClientName;
  /** The resource's path as the SDK writes it, e.g. "/vcns/{vcnId}". */
  resourcePath: string;
  kind: Kind;
  /** Set when the SDK's response has opc-work-request-id: the work request's entity type. */
  workRequestEntity?: string;
}

export function changeCompartmentOp(spec: ChangeCompartmentSpec): OciOperation {
  const param = /\{(\w+)\}/.exec(spec.resourcePath)?.[1] ?? 'id';
  return {
    name: spec.name, client: spec.client ?? 'VirtualNetworkClient', method: 'POST', path: `${spec.resourcePath}/actions/changeCompartment`,
    async handle(req) {
      const details = parseBody(changeCompartmentDetails, req.body);
      const id = req.params[param] ?? '';
      const { moved, workRequestId } = await req.engine.mutate(`oci:${spec.name}`, (tx) => {
        checkIfMatch(tx, req.scope, spec.kind, id, req.ifMatch);
        const entity = changeCompartment(tx, req.scope, spec.kind, id, details.compartmentId) as unknown as { id: string; compartmentId: string; lifecycleState: string };
        const wr = spec.workRequestEntity === undefined ? undefined : startWorkRequest(tx, req.scope, {
          operationType: spec.name.replace(/^./, (c) => c.toUpperCase()), compartmentId: entity.compartmentId, entityType: spec.workRequestEntity,
          entityUri: `/20160918${spec.resourcePath.replace(`{${param}}`, entity.id)}`, actionType: 'UPDATED', targetId: entity.id,
          currentState: entity.lifecycleState, doneStates: [entity.lifecycleState],
        });
        return { moved: entity, workRequestId: wr?.id };
      });
      return {
        status: 200, etag: presentWithEtag(spec.kind, moved).etag,
        ...(workRequestId === undefined ? {} : { headers: { 'opc-work-request-id': workRequestId } }),
      };
    },
  };
}

export const CHANGE_COMPARTMENT_OPERATIONS: readonly OciOperation[] = [
  changeCompartmentOp({ name: 'changeVcnCompartment', resourcePath: '/vcns/{vcnId}', kind: 'oci.Vcn', workRequestEntity: 'vcn' }),
  changeCompartmentOp({ name: 'changeSubnetCompartment', resourcePath: '/subnets/{subnetId}', kind: 'oci.Subnet', workRequestEntity: 'subnet' }),
  changeCompartmentOp({ name: 'changeRouteTableCompartment', resourcePath: '/routeTables/{rtId}', kind: 'oci.RouteTable' }),
  changeCompartmentOp({ name: 'changeSecurityListCompartment', resourcePath: '/securityLists/{securityListId}', kind: 'oci.SecurityList' }),
  changeCompartmentOp({ name: 'changeNetworkSecurityGroupCompartment', resourcePath: '/networkSecurityGroups/{networkSecurityGroupId}', kind: 'oci.NetworkSecurityGroup' }),
  changeCompartmentOp({ name: 'changeInternetGatewayCompartment', resourcePath: '/internetGateways/{igId}', kind: 'oci.InternetGateway' }),
  changeCompartmentOp({ name: 'changeDhcpOptionsCompartment', resourcePath: '/dhcps/{dhcpId}', kind: 'oci.DhcpOptions' }),
  changeCompartmentOp({ name: 'changeDrgCompartment', resourcePath: '/drgs/{drgId}', kind: 'oci.Drg', workRequestEntity: 'drg' }),
  changeCompartmentOp({ name: 'changeVirtualCircuitCompartment', resourcePath: '/virtualCircuits/{virtualCircuitId}', kind: 'oci.VirtualCircuit' }),
  changeCompartmentOp({ name: 'changeInstanceCompartment', client: 'ComputeClient', resourcePath: '/instances/{instanceId}', kind: 'oci.Instance', workRequestEntity: 'instance' }),
];
