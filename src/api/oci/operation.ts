// One OCI operation as the SDK names it: the client it belongs to, its verb and path (the SDK's
// own template), and the handler. The route table is a list of these; the server registers them
// and the README's coverage table is generated from them, so the two cannot drift apart.
import type { Engine } from '../../engine/engine.ts';
import type { OciScope } from '../../lifecycle/oci/scope.ts';

export type OciClientName = 'VirtualNetworkClient' | 'ComputeClient' | 'WorkRequestClient' | 'IdentityClient' | 'MonitoringClient';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface OciRequest {
  scope: OciScope;
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body (undefined when none was sent). */
  body: unknown;
  /** The raw body, for hashing retry tokens. */
  rawBody: string;
  ifMatch: string | undefined;
  retryToken: string | undefined;
  engine: Engine;
}

export interface OciReply {
  /** 200 unless said otherwise; 204 sends no body. */
  status?: 200 | 202 | 204;
  body?: unknown;
  /** The body already serialised (sent instead of `body`). */
  text?: string;
  /** The body already serialised as UTF-8 (sent as is, before `text` or `body`). */
  bytes?: Buffer;
  etag?: string;
  headers?: Record<string, string>;
}

export interface OciOperation {
  /** The SDK's operation name (camelCase), e.g. "createVcn". */
  name: string;
  client: OciClientName;
  method: HttpMethod;
  /** The SDK's path template relative to the API version, e.g. "/vcns/{vcnId}". */
  path: string;
  /** The API version segment the client appends, when not Core's /20160918 (Monitoring: /20180401). */
  version?: string;
  handle(req: OciRequest): Promise<OciReply>;
}

/** "/vcns/{vcnId}" → "/vcns/:vcnId" (Fastify's syntax). */
export function fastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
