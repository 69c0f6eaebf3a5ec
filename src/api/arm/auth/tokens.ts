// Access tokens FastRoute issues: JWTs (HS256 with a per-data-directory key) carrying the claims
// the Azure clients read: `tid` above all (the CLI decodes it without checking the signature),
// plus aud, iss, oid, appid, exp. Strict mode accepts only these; default mode accepts any bearer.
import { SignJWT, jwtVerify, decodeJwt } from 'jose';
import { DEFAULT_TENANT_ID } from '../../../lifecycle/defaults.ts';
import { armApiError } from '../protocol/errors.ts';
import { mayUseSubscription, type ArmPrincipal } from './principals.ts';

export const TOKEN_LIFETIME_SECONDS = 3600;

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  expires_on: number;
  ext_expires_in: number;
  resource: string;
  not_before: number;
}

export async function issueToken(secret: Uint8Array, principal: ArmPrincipal, audience: string, issuer: string, nowMs: number): Promise<IssuedToken> {
  const now = Math.floor(nowMs / 1000);
  const jwt = await new SignJWT({ tid: principal.tenantId, oid: principal.clientId, appid: principal.clientId, idtyp: 'app', ver: '1.0' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(principal.clientId)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
    .sign(secret);
  return { access_token: jwt, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, expires_on: now + TOKEN_LIFETIME_SECONDS, not_before: now, resource: audience };
}

function bearer(authorization: string | undefined): string {
  if (authorization === undefined || authorization === '') throw armApiError.authenticationFailed("The 'Authorization' header is missing.");
  const m = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!m?.[1]) throw armApiError.authenticationFailed("The 'Authorization' header is invalid.");
  return m[1];
}

export const DEFAULT_CLIENT_ID = 'fastroute-default-client';

/** Default mode: any bearer token; the caller is whoever the token says, else the default principal. */
function lenientPrincipal(token: string): ArmPrincipal {
  // Not JWT-shaped: no need to let the decoder throw (exceptions are costly on every request).
  if (token.split('.').length !== 3) return { clientId: DEFAULT_CLIENT_ID, tenantId: DEFAULT_TENANT_ID };
  try {
    const claims = decodeJwt(token);
    const appid = typeof claims.appid === 'string' ? claims.appid : DEFAULT_CLIENT_ID;
    return { clientId: appid, tenantId: typeof claims.tid === 'string' ? claims.tid : DEFAULT_TENANT_ID };
  } catch {
    return { clientId: DEFAULT_CLIENT_ID, tenantId: DEFAULT_TENANT_ID };
  }
}

/**
 * Tokens already checked, with the principal they stand for and until when (clients send the same
 * token on every request for an hour). Bounded: the oldest entries go first.
 */
const checked = new Map<string, { principal: ArmPrincipal; untilMs: number; strict: boolean }>();
const CHECKED_MAX = 1000;

function remember(token: string, principal: ArmPrincipal, untilMs: number, strict: boolean): ArmPrincipal {
  if (checked.size >= CHECKED_MAX) checked.delete(checked.keys().next().value ?? '');
  checked.set(token, { principal, untilMs, strict });
  return principal;
}

export async function authenticateBearer(authorization: string | undefined, opts: { strict: boolean; secret: Uint8Array; principals: readonly ArmPrincipal[] }): Promise<ArmPrincipal> {
  const token = bearer(authorization);
  const known = checked.get(token);
  // A principal removed from the configuration stops being accepted at once.
  if (known && known.strict === opts.strict && Date.now() < known.untilMs && (!opts.strict || opts.principals.includes(known.principal))) return known.principal;
  if (!opts.strict) return remember(token, lenientPrincipal(token), Number.POSITIVE_INFINITY, false);
  let appid: unknown;
  let exp: number | undefined;
  try {
    ({ payload: { appid, exp } } = await jwtVerify(token, opts.secret, { algorithms: ['HS256'] }));
  } catch (err) {
    if (err instanceof Error && err.name === 'JWTExpired') throw armApiError.expiredToken();
    throw armApiError.invalidToken('FastRoute did not issue it (strict mode).');
  }
  const principal = opts.principals.find((p) => p.clientId === appid);
  if (!principal) throw armApiError.invalidToken(`The client '${String(appid)}' is no longer configured.`);
  return remember(token, principal, (exp ?? 0) * 1000, true);
}

export function requireSubscriptionAccess(principal: ArmPrincipal, subscriptionId: string, action: string): void {
  if (!mayUseSubscription(principal, subscriptionId)) throw armApiError.authorizationFailed(principal.clientId, action, `/subscriptions/${subscriptionId}`);
}
