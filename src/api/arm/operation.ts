// One ARM operation: verb, swagger-style path pattern, handler. The route table is a list of
// these, matched case-insensitively by protocol/route-match.ts.
import type { Engine } from '../../engine/engine.ts';
import type { ArmApiContext } from './context.ts';
import type { ArmPrincipal } from './auth/principals.ts';

export type ArmMethod = 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST' | 'HEAD';

export interface ArmRequest {
  method: ArmMethod;
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string>>;
  /** Parsed JSON, or the form fields of a urlencoded body; undefined when none was sent. */
  body: unknown;
  header(name: string): string | undefined;
  /** The path and query as received (for self-referencing Location headers). */
  url: string;
  /** The api-version the client sent, echoed into the operation URLs we hand out. */
  apiVersion: string;
  /** Who called (undefined for the unauthenticated identity endpoints). */
  principal: ArmPrincipal | undefined;
  engine: Engine;
  ctx: ArmApiContext;
}

export interface ArmReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Content type when the body is not JSON. */
  contentType?: string;
}

export interface ArmOperation {
  /** The SDK's name for it, e.g. "virtualNetworks.createOrUpdate" (for docs and errors). */
  name: string;
  method: ArmMethod;
  /** "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{name}" */
  path: string;
  /** "none" for the identity endpoints; otherwise a bearer token is required. */
  auth?: 'none' | 'bearer';
  /** 'jsonc': the body may use the relaxed syntax ARM accepts on the deployment routes (protocol/jsonc-body.ts). */
  bodySyntax?: 'json' | 'jsonc';
  handle(req: ArmRequest): Promise<ArmReply>;
}
