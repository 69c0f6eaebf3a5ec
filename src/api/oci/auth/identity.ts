// Who is calling. Default mode: an unsigned request is the default tenancy; a signed one is the
// tenancy in its keyId, unverified. Strict mode: every request must carry a signature that
// verifies against an API key registered for that keyId, signed within OCI's clock-skew window, or it
// is 401 NotAuthenticated.
import { DEFAULT_TENANCY_ID } from '../../../lifecycle/defaults.ts';
import { ociApiError } from '../protocol/errors.ts';
import { clockSkewProblem } from './clock-skew.ts';
import { parseSignatureHeader, tenancyOfKeyId, verifySignature, type SignedRequestParts } from './signature.ts';

export interface AuthSettings {
  strict: boolean;
  /** The public key (PEM) registered for a keyId, if any. */
  publicKeyFor(keyId: string): string | undefined;
  /** Wall-clock milliseconds, for the signature's clock-skew window. */
  nowMs(): number;
}

export function authenticate(req: SignedRequestParts, settings: AuthSettings): string {
  const authorization = req.header('authorization');
  if (authorization === undefined || authorization === '') {
    if (settings.strict) throw ociApiError.notAuthenticated('The request is not signed (no authorization header).');
    return DEFAULT_TENANCY_ID;
  }
  const sig = parseSignatureHeader(authorization);
  if (typeof sig === 'string') throw ociApiError.notAuthenticated(`Reason: ${sig}.`);
  const tenancy = tenancyOfKeyId(sig.keyId);
  if (tenancy === undefined) throw ociApiError.notAuthenticated(`The keyId ${sig.keyId} is not of the form tenancy/user/fingerprint.`);
  if (!settings.strict) return tenancy;
  const pem = settings.publicKeyFor(sig.keyId);
  if (pem === undefined) throw ociApiError.notAuthenticated(`No API key is registered for keyId ${sig.keyId}.`);
  const problem = verifySignature(sig, req, pem) ?? clockSkewProblem(sig.headers, req, settings.nowMs());
  if (problem !== undefined) throw ociApiError.notAuthenticated(`Reason: ${problem}.`);
  return tenancy;
}
