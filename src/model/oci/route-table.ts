import type { BasicLifecycleState, OciResource } from './common.ts';

export interface RouteRule {
  destination: string;
  destinationType: 'CIDR_BLOCK' | 'SERVICE_CIDR_BLOCK';
  networkEntityId: string;
  description?: string;
  routeType: 'STATIC' | 'LOCAL';
  /** Deprecated alias of destination that OCI still returns. */
  cidrBlock?: string;
}

export interface RouteTable extends OciResource {
  vcnId: string;
  routeRules: RouteRule[];
  lifecycleState: BasicLifecycleState;
}
