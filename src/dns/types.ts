// `resolve` input and output (the JSON `fastroute resolve --json` prints and POST /fastroute/v1/resolve returns).
import type { TraceResult } from '../trace/types.ts';

export const DNS_REASONS = {
  ANSWERED: 'A zone answered with records of the asked type.',
  NXDOMAIN: 'The zone that owns the name has no such name (answered authoritatively), or the name is in no zone the resolver sees.',
  NODATA: 'The name exists but has no record of the asked type.',
  NO_FORWARDING_RULE: 'The name belongs to a zone of the other cloud, and no resolver rule or forwarding rule sends it there: the query falls to public DNS.',
  ENDPOINT_UNREACHABLE: 'The forwarded query does not reach the target DNS server: the trace over UDP 53 drops it (the hop says where).',
  SECURITY_BLOCKS_DNS: 'A security list, NSG or guest firewall drops the forwarded query (UDP 53) or its reply.',
  NO_LISTENER: 'The forwarded query reaches the target address, but no listening or inbound endpoint answers DNS there.',
  FORWARDING_LOOP: 'The query returned to a resolver it already crossed for the same name: the forwarders loop.',
  UNKNOWN_CLIENT: 'The client is not a VM FastRoute knows, or its network has no resolver.',
} as const;

export type DnsReason = keyof typeof DNS_REASONS;

export const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'TXT'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export interface ResolveRequest {
  /** The asking VM, by name or id. */
  from: string;
  name: string;
  type?: RecordType;
}

export type DnsHopKind =
  | 'client' | 'vcn-resolver' | 'azure-dns' | 'private-view' | 'private-zone' | 'default-names' | 'resolver-rule'
  | 'forwarding-rule' | 'forwarding-endpoint' | 'outbound-endpoint' | 'network' | 'listening-endpoint' | 'inbound-endpoint' | 'public-dns';

export interface DnsHop {
  kind: DnsHopKind;
  cloud: 'oci' | 'azure' | 'internet';
  /** The resource the step happened at (OCID, ARM id or address). */
  resource: string;
  name?: string;
  decision: 'query' | 'match' | 'forward' | 'answer' | 'fail';
  detail: string;
  /** For `network` hops: the packet trace of the forwarded query (UDP 53) from the forwarder to the target. */
  trace?: TraceResult;
}

export interface DnsAnswer { name: string; type: RecordType; ttl: number; data: string }

export interface DnsResolution {
  query: { from: string; name: string; type: RecordType };
  verdict: 'answered' | 'failed';
  reason: DnsReason;
  answer: DnsAnswer[];
  hops: DnsHop[];
}
