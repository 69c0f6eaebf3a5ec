// Network interfaces, their two diagnostics POSTs, and the minimal Microsoft.Compute virtual
// machine that holds them. The lifecycle allocates addresses (Azure's reserved ones skipped) and
// keeps the NIC's virtualMachine back-reference; routing answers the diagnostics.
//
// effectiveRouteTable / effectiveNetworkSecurityGroups are answered as NRP does: 202 with Location
// (and Azure-AsyncOperation), the result on the Location GET, so the SDK's
// beginGetEffectiveRouteTableAndWait / beginListEffectiveNetworkSecurityGroupsAndWait return it.
// The result is computed when polled, from routing as it is then.
import { z } from 'zod';
import { deleteNetworkInterface, deleteVirtualMachine, putNetworkInterface, putVirtualMachine, type VirtualMachineBody } from '../../../lifecycle/azure/nic.ts';
import { nicEffectiveNsgs, nicEffectiveRoutes } from '../../../routing/diagnostics/index.ts';
import { armNotFound } from '../../../routing/diagnostics/resolve.ts';
import { refId } from '../auth/linked-access.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';
import type { OperationToken } from '../protocol/lro.ts';
import { acceptedReply, getTracked, lroToken, RG, rgOf, scopeOf, trackedResource } from '../crud.ts';
import { armEnum } from '../schemas/arm-enum.ts';
import { child, nullableRef, subResource, tracked } from '../schemas/common.ts';
import type { PostActionResult } from './operation-status.ts';

const NS = 'Microsoft.Network';

const ipConfigBody = child(z.looseObject({
  privateIPAddress: z.string().optional(),
  privateIPAllocationMethod: armEnum(['Static', 'Dynamic']).optional(),
  subnet: subResource.optional(),
  primary: z.boolean().optional(),
}));

const nicBody = tracked(z.looseObject({
  ipConfigurations: z.array(ipConfigBody).optional(),
  networkSecurityGroup: nullableRef,
  enableIPForwarding: z.boolean().optional(),
  enableAcceleratedNetworking: z.boolean().optional(),
}));

// Only what places a VM on its NICs; storage, OS and image profiles are accepted and ignored.
const vmBody = tracked(z.looseObject({
  hardwareProfile: z.looseObject({ vmSize: z.string().optional() }).optional(),
  networkProfile: z.looseObject({
    networkInterfaces: z.array(z.looseObject({ id: z.string().optional(), properties: z.looseObject({ primary: z.boolean().optional() }).optional() })).optional(),
  }).optional(),
}));

/**
 * The VM's network part only: FastRoute's guest firewall (`hostFirewall`, a lab feature) is not
 * part of ARM's VM, so a body field of that name is not passed on.
 */
function vmInput(body: z.output<typeof vmBody>): VirtualMachineBody {
  const p = body.properties;
  return {
    ...(body.location === undefined ? {} : { location: body.location }),
    ...(body.tags === undefined ? {} : { tags: body.tags }),
    properties: {
      ...(p?.hardwareProfile === undefined ? {} : { hardwareProfile: p.hardwareProfile }),
      ...(p?.networkProfile === undefined ? {} : { networkProfile: p.networkProfile }),
    },
  };
}

// ── diagnostics POSTs ──────────────────────────────────────────────────────────────────────────

const NIC_ITEM = `${RG}/providers/${NS}/networkInterfaces/{networkInterfaceName}`;
const EFFECTIVE_ROUTES = 'networkInterfaces.effectiveRouteTable';
const EFFECTIVE_NSGS = 'networkInterfaces.effectiveNetworkSecurityGroups';

/** 202 + Location for a NIC that exists in this group (404 ResourceNotFound otherwise, at once). */
function nicAction(sdk: string, segment: string, action: string): ArmOperation {
  return {
    name: sdk, method: 'POST', path: `${NIC_ITEM}/${segment}`,
    async handle(req) {
      return req.engine.read((view) => {
        const nic = getTracked(view, scopeOf(req), 'azure.NetworkInterface', rgOf(req), NS, 'networkInterfaces', req.params.networkInterfaceName ?? '');
        return acceptedReply(req, lroToken(req, 'post', 'azure.NetworkInterface', nic.id, NS, nic.location, { action }));
      });
    },
  };
}

/** Operation ids are unsigned tokens: a NIC outside the polling subscription is not found. */
function nicIdOf(t: OperationToken): string {
  if (!t.id.toLowerCase().startsWith(`/subscriptions/${t.sub.toLowerCase()}/`)) throw armNotFound(`${NS}/networkInterfaces`, t.id);
  return t.id;
}

export const INTERFACE_POST_RESULTS: Record<string, PostActionResult> = {
  [EFFECTIVE_ROUTES]: (req: ArmRequest, _view, t) => nicEffectiveRoutes(req.engine.routing, nicIdOf(t)),
  [EFFECTIVE_NSGS]: (req: ArmRequest, _view, t) => nicEffectiveNsgs(req.engine.routing, nicIdOf(t)),
};

export const INTERFACE_OPERATIONS: ArmOperation[] = [
  ...trackedResource({
    sdk: 'networkInterfaces', kind: 'azure.NetworkInterface', ns: NS, collection: 'networkInterfaces', param: 'networkInterfaceName', body: nicBody,
    put: putNetworkInterface,
    remove: deleteNetworkInterface,
    linked: (body) => [
      { id: refId(body.properties?.networkSecurityGroup), action: `${NS}/networkSecurityGroups/join/action` },
      ...(body.properties?.ipConfigurations ?? []).flatMap((c) => [
        { id: refId(c.properties?.subnet), action: `${NS}/virtualNetworks/subnets/join/action` },
        { id: refId(c.properties?.publicIPAddress), action: `${NS}/publicIPAddresses/join/action` },
      ]),
    ],
  }),
  nicAction('networkInterfaces.getEffectiveRouteTable', 'effectiveRouteTable', EFFECTIVE_ROUTES),
  nicAction('networkInterfaces.listEffectiveNetworkSecurityGroups', 'effectiveNetworkSecurityGroups', EFFECTIVE_NSGS),
  // No NIC is in a load balancer: a reference to one is refused by name (not-modelled.ts).
  {
    name: 'networkInterfaceLoadBalancers.list', method: 'GET', path: `${NIC_ITEM}/loadBalancers`,
    async handle(req) {
      await req.engine.read((view) => getTracked(view, scopeOf(req), 'azure.NetworkInterface', rgOf(req), NS, 'networkInterfaces', req.params.networkInterfaceName ?? ''));
      return { body: { value: [] } };
    },
  },
  // Compute's VM update is a PATCH of any property, not only tags: not served rather than
  // answered with the tags-only PATCH the shared builder offers.
  ...trackedResource({
    sdk: 'virtualMachines', kind: 'azure.VirtualMachine', ns: 'Microsoft.Compute', collection: 'virtualMachines', param: 'vmName', body: vmBody,
    put: (tx, scope, rg, name, body) => putVirtualMachine(tx, scope, rg, name, vmInput(body)),
    remove: deleteVirtualMachine,
    linked: (body) => (body.properties?.networkProfile?.networkInterfaces ?? []).map((n) => ({ id: n.id, action: `${NS}/networkInterfaces/join/action` })),
  }).filter((op) => op.method !== 'PATCH'),
];
