// The desired state of the data plane as plain data: namespaces (what each stands for, its sysctls,
// addresses, policy rules and routes) and the veth links between them. The compiler builds it from
// the engine's world and computed routes (no I/O); batch.ts turns it into `ip` commands and nft.ts
// the firewalls into nftables rulesets. Later slices add qdiscs per namespace to the same shape.

/** What a namespace emulates. */
export type NamespaceRole = 'vm' | 'vcn-router' | 'drg' | 'oracle-edge' | 'msee' | 'er-gateway' | 'vnet-router' | 'on-premises';

/** A route in one table of a namespace (table undefined: main). */
export interface PlanRoute {
  prefix: string;
  table?: number;
  /**
   * via: forward to `nexthops` (several: equal-cost multipath); dev: on-link through `dev`;
   * throw: leave this table and go on with the next policy rule (the VCN's / VNet's local routes);
   * blackhole and unreachable: drop (the cloud drops, or FastRoute does not materialise the target);
   * local: every address of the prefix is this namespace's own, on lo (an on-premises site's prefixes answer).
   */
  type: 'via' | 'dev' | 'throw' | 'blackhole' | 'unreachable' | 'local';
  nexthops?: { via: string; dev: string }[];
  dev?: string;
  /** Why the route is there, in the engine's words (a rule, an effective route, a BGP best path). */
  why: string;
}

/** `ip rule add iif DEV [from PREFIX] lookup TABLE priority PRIORITY`: the table a packet entering by DEV (from PREFIX) uses. */
export interface PlanRule {
  priority: number;
  iif: string;
  /** Only packets from this source prefix (a peered VNet's subnet: its routes sent them here). */
  from?: string;
  table: number;
  why: string;
}

export interface PlanNamespace {
  /** fr<run id>-<label>: unique per running FastRoute. */
  name: string;
  label: string;
  role: NamespaceRole;
  cloud: 'oci' | 'azure' | 'interconnect' | 'on-premises';
  /** The resource it stands for (instance, VM, VCN, DRG, virtual circuit, circuit, gateway, VNet). */
  resourceId: string;
  resourceName: string;
  /** net.* sysctls set in the namespace before its interfaces exist (so `default` applies to them). */
  sysctls: Record<string, string>;
  addresses: { dev: string; address: string }[];
  rules: PlanRule[];
  routes: PlanRoute[];
  /** Security lists and NSGs on the VNIC/NIC-facing interfaces (routers), the guest firewall (VMs). */
  firewall?: PlanFirewall;
  /** Rate limits (tbf on the interconnect links), applied with one `tc -batch` per namespace (qdisc-layout.ts places them). */
  qdiscs?: PlanQdisc[];
  /** Delay by netem on devices of delayed links, where the kernel has netem (added per machine: link-delay.ts withNetem). */
  netem?: PlanNetem[];
}

/** netem on a device's egress: that end delays its own direction; the root of the device, any tbf its child (qdisc-layout.ts). */
export interface PlanNetem {
  dev: string;
  delayUs: number;
  /** Packets netem may hold (qdisc-layout.ts netemLimit). */
  limit: number;
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
  kind: 'vnic' | 'nic' | 'transit' | 'interconnect-primary' | 'interconnect-secondary' | 'on-premises';
  /** The resource the link stands for (a VNIC, a NIC, an attachment, a virtual circuit path). */
  resourceId: string;
  /** One-way delay the link adds in each direction (the interconnect links: their region pair's). */
  delay?: LinkDelay;
}

/** Half the region pair's round-trip time each way, from the dated latency table (model/interconnect/latency.ts). */
export interface LinkDelay {
  oneWayUs: number;
  rttMs: number;
  /** The region pair, e.g. "us-ashburn-1 ⇄ Washington DC ⇄ eastus". */
  pair: string;
  confirmed: boolean;
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

/** One chain of a namespace's nftables table (`table inet fastroute`). */
export interface PlanChain {
  name: string;
  /** A base chain: the netfilter hook it hangs on (policy accept: its rules only dispatch or decide). */
  hook?: 'forward' | 'input';
  /** nft rule statements, in order. */
  rules: string[];
  why: string;
}

/** A named set of IPv4 prefixes (the VirtualNetwork service tag as one VNet sees it). */
export interface PlanSet {
  name: string;
  /** Disjoint prefixes (nft refuses overlapping interval elements). */
  elements: string[];
  why: string;
}

/** The security a namespace enforces: loaded atomically with one `nft -f` (nft.ts). */
export interface PlanFirewall {
  sets: PlanSet[];
  chains: PlanChain[];
}
