// `fastroute diff` output (also the admin API's POST /fastroute/v1/diff).
import type { Finding } from '../doctor/types.ts';
import type { ExpectationResult } from '../check/types.ts';
import type { ReasonCode } from '../trace/reasons.ts';
import type { TableDiff } from './routes.ts';

export type FailOn = 'any' | 'lost' | 'none';

/** How a flow fares on one side: the verdict, its reason, and the hop that decided it, in words. */
export interface FlowSide {
  verdict: 'delivered' | 'dropped';
  reason: ReasonCode;
  /** "NSG nsg-workload rule deny-oci-ssh" (absent when delivered). */
  at?: string;
  /** The deciding hop was on the reply's path. */
  onReply?: boolean;
}

/** lost: delivered → dropped; gained: dropped → delivered; reason: dropped both sides, for another reason. */
export type ChangeKind = 'lost' | 'gained' | 'reason';

/** Flows that changed alike: every source subnet × destination subnet, for every port listed. */
export interface FlowChange {
  change: ChangeKind;
  from: 'oci' | 'azure';
  to: 'oci' | 'azure';
  protocol: 'icmp' | 'tcp' | 'udp';
  /** The ports (tcp/udp) the change applies to: those security rules mention, alike for every rule. */
  ports: number[];
  /** Subnets by "network/subnet" name. */
  sources: string[];
  destinations: string[];
  /** sources × destinations × ports (a subnet never to itself). */
  flows: number;
  before: FlowSide;
  after: FlowSide;
}

/** A lab expectation traced on both sides. */
export interface ExpectationChange extends Pick<ExpectationResult, 'name' | 'from' | 'to' | 'protocol' | 'port' | 'expect'> {
  before: FlowSide;
  after: FlowSide;
  /** Absent when the verdict and reason are the same on both sides. */
  change?: ChangeKind;
}

export interface DiffSummary {
  /** Subnet-to-subnet flows compared (pairs × flow kinds). */
  flowsCompared: number;
  lost: number;
  gained: number;
  reasonChanged: number;
  expectationsChanged: number;
  tablesChanged: number;
  findingsAppeared: number;
  findingsDisappeared: number;
  /** Walks actually performed on each side (the rest answered from the classes or the memo). */
  walks: { before: number; after: number };
}

export interface DiffReport {
  before: string;
  after: string;
  /** The flow kinds compared ("icmp", "tcp/22", "tcp/1521,1522"). */
  flowKinds: string[];
  within: boolean;
  summary: DiffSummary;
  flows: FlowChange[];
  expectations: ExpectationChange[];
  routes: TableDiff[];
  findings: { appeared: Finding[]; disappeared: Finding[] };
  failOn: FailOn;
  /** True when the change fails the `failOn` policy (the CLI exits 1). */
  failed: boolean;
  elapsedMs: number;
}
