// The desired state of the data plane as plain data: namespaces (what each stands for, its sysctls,
// addresses, policy rules and routes) and the veth links between them. The compiler builds it from
// the engine's world and computed routes (no I/O); batch.ts turns it into `ip` commands. Later
// slices add nftables rulesets and qdiscs per namespace to the same shape.

/** What a namespace emulates. */
export type NamespaceRole = 'vm' | 'vcn-router' | 'drg' | 'oracle-edge' | 'msee' | 'er-gateway' | 'vnet-router';

/** A route in one table of a namespace (table undefined: main). */
export interface PlanRoute {
  prefix: string;
  table?: number;
  /**
   * via: forward to `nexthops` (several: equal-cost multipath); dev: on-link through `dev`;
   * throw: leave this table and go on with the next policy rule (the VCN's / VNet's local routes);
   * blackhole and unreachable: drop (the cloud drops, or FastRoute does not materialise the target).
   */
  type: 'via' | 'dev' | 'throw' | 'blackhole' | 'unreachable';
  nexthops?: { via: string; dev: string }[];
  dev?: string;
  /** Why the route is there, in the engine's words (a rule, an effective route, a BGP best path). */
  why: string;
}

/** `ip rule add iif DEV lookup TABLE priority PRIORITY`: the table a packet entering by DEV uses. */
export interface PlanRule {
  priority: number;
  iif: string;
  table: number;
  why: string;
}

export interface PlanNamespace {
  /** fr<run id>-<label>: unique per running FastRoute. */
  name: string;
  label: string;
  role: NamespaceRole;
  cloud: 'oci' | 'azure' | 'interconnect';
  /** The resource it stands for (instance, VM, VCN, DRG, virtual circuit, circuit, gateway, VNet). */
  resourceId: string;
  resourceName: string;
  /** net.* sysctls set in the namespace before its interfaces exist (so `default` applies to them). */
  sysctls: Record<string, string>;
  addresses: { dev: string; address: string }[];
  rules: PlanRule[];
  routes: PlanRoute[];
  /** Root qdiscs (tbf on the interconnect links), applied with one `tc -batch` per namespace. */
  qdiscs?: PlanQdisc[];
}

/** A rate limit on a device's egress (shaping.ts); both ends of a link carry one, so both directions are shaped. */
export interface PlanQdisc {
  dev: string;
  kind: 'tbf';
  rateMbit: number;
  burstBytes: number;
  latencyMs: number;
  /** Where the rate comes from in the model. */
  why: string;
}

export interface PlanLinkEnd {
  ns: string;
  dev: string;
}

/** One veth pair, created directly inside both namespaces (nothing appears in the root namespace). */
export interface PlanLink {
  a: PlanLinkEnd;
  b: PlanLinkEnd;
  kind: 'vnic' | 'nic' | 'transit' | 'interconnect-primary' | 'interconnect-secondary';
  /** The resource the link stands for (a VNIC, a NIC, an attachment, a virtual circuit path). */
  resourceId: string;
}

/** Something the engine has that this data plane does not build yet (shown by status). */
export interface NotMaterialised {
  resourceId: string;
  what: string;
}

export interface DataplanePlan {
  runId: string;
  namespaces: PlanNamespace[];
  links: PlanLink[];
  notMaterialised: NotMaterialised[];
}
