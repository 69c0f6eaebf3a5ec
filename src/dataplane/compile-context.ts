// What the per-cloud compilers share while building one plan: the routing facade and where each
// router of the world ended up (its namespace, and the link addresses others route to).
import type { Routing } from '../routing/routing.ts';
import type { PlanBuilder } from './builder.ts';
import type { PlanNamespace } from './plan.ts';

/** A resource filter (a lab's VCNs and resource groups); undefined: the whole world. */
export interface CompileScope {
  vcn(id: string): boolean;
  vnet(id: string): boolean;
}

export interface VcnRouter {
  ns: PlanNamespace;
  /** The VCN's DRG link, once the DRG is compiled: the DRG's address on it. */
  drg?: { drgId: string; peer: string };
  /** Next VM-facing interface number. */
  nextVm: number;
  /** Route tables used here: OCI route table id → table number. */
  tables: Map<string, number>;
  /** This VCN's peered local peering gateways: LPG id → the link to the peer VCN's router. */
  lpgs?: Map<string, PeerPort>;
}

/** A router-to-router link seen from one end: this end's device, the other end's address and device. */
export interface PeerPort {
  dev: string;
  peer: string;
  peerDev: string;
}

/** A DRG attachment as a DRG interface: the DRG's device and the address of the other end. */
export interface AttachmentPort {
  drgNs: PlanNamespace;
  dev: string;
  peer: string;
  type: 'VCN' | 'VIRTUAL_CIRCUIT';
}

export interface VnetRouter {
  ns: PlanNamespace;
  nextNic: number;
  /** Subnet id (lower case) → table number. */
  tables: Map<string, number>;
  /** The VNet's own ExpressRoute gateway link: the gateway's id and its instance addresses. */
  gateway?: { id: string; addresses: string[] };
  /** Links to other VNet routers (peerings, appliances across a peering): remote VNet id (lower case) → port. */
  peers?: Map<string, PeerPort>;
  /** The link to a peered VNet's ExpressRoute gateway (gateway transit). */
  remoteGateway?: { id: string; port: PeerPort };
  /** The table packets from the own gateway look up first when a connection has FastPath (compile-fastpath.ts). */
  fastPathTable?: number;
}

export interface CompileContext {
  r: Routing;
  b: PlanBuilder;
  scope: CompileScope | undefined;
  vcns: Map<string, VcnRouter>;
  drgs: Map<string, PlanNamespace>;
  attachments: Map<string, AttachmentPort>;
  /** Azure ids by lower case (ARM ids compare case-insensitively). */
  vnets: Map<string, VnetRouter>;
  /** Microsoft edge per circuit (lower-case id). */
  msees: Map<string, PlanNamespace>;
}
