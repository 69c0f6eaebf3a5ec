// The long-running-operation protocol the Azure SDK poller and the CLI accept (api-shapes §2.5):
// PUT → 201/200 + Azure-AsyncOperation; DELETE → 202 + Location + Azure-AsyncOperation (204 when
// there is nothing to delete); diagnostics POST → 202 + Location whose GET answers the result.
// Operation ids are self-describing tokens (the target and what was asked), so a poll is answered
// from the world as it is now and survives a restart: no operation table to keep or expire.
import type { Kind } from '../../../model/world.ts';
import { armApiError } from './errors.ts';

export interface OperationToken {
  /** What was started. */
  op: 'put' | 'delete' | 'post';
  kind: Kind;
  /** The target resource's id. */
  id: string;
  /** For 'post': the action whose result the Location URL answers, and its arguments. */
  action?: string;
  args?: Record<string, string>;
  /** Resource provider namespace and location used in the URLs. */
  ns: string;
  loc: string;
  sub: string;
  /** Set when NRP accepted the request but its operation failed (ArmOperationFailure): what the poll reports. */
  error?: { status: number; code: string; message: string };
}

export function encodeOperation(t: OperationToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

export function decodeOperation(token: string): OperationToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<OperationToken>;
    if ((t.op === 'put' || t.op === 'delete' || t.op === 'post') && typeof t.kind === 'string' && typeof t.id === 'string') return t as OperationToken;
  } catch {
    // fall through
  }
  throw armApiError.operationNotFound(token);
}

export function operationUrls(baseUrl: string, t: OperationToken, apiVersion: string): { asyncOperation: string; location: string } {
  const token = encodeOperation(t);
  const root = `${baseUrl}/subscriptions/${t.sub}/providers/${t.ns}/locations/${encodeURIComponent(t.loc)}`;
  const q = `?api-version=${encodeURIComponent(apiVersion)}`;
  return { asyncOperation: `${root}/operations/${token}${q}`, location: `${root}/operationResults/${token}${q}` };
}

/** Seconds a client should wait before polling again (the CLI waits 30 s without it, §3.5). */
export const RETRY_AFTER_SECONDS = '1';

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';
