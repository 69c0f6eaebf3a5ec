// FastRoute's own records that API layers keep beside the clouds' resources, persisted with them
// in the same unit of work so a replayed request and the resource it created never disagree.

/** An OCI `opc-retry-token` seen on a create: replays return the same resource (api-shapes §1.3). */
export interface RetryToken {
  /** `${tenancyId} ${operation} ${token}` */
  id: string;
  /** sha256 of the request body, so a reused token with another body is refused. */
  bodyHash: string;
  /** What the original request created. */
  kind: string;
  resourceId: string;
  /** Extra response headers of the original reply (e.g. opc-work-request-id). */
  headers?: Record<string, string>;
  /** ms since the epoch on the engine clock; tokens expire after 24 h. */
  expiresAt: number;
}

/** An OCI API signing key registered for strict authentication (api-shapes §1.2). */
export interface ApiKey {
  /** keyId as the SDK sends it: `${tenancyId}/${userId}/${fingerprint}` */
  id: string;
  tenancyId: string;
  userId: string;
  fingerprint: string;
  publicKeyPem: string;
  timeCreated: string;
}
