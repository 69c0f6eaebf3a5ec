// OCI request signatures (draft-cavage HTTP signatures as OCI profiles them, api-shapes §1.2).
// Verification is ours because OCI's profile has particulars a generic library does not know:
// header names are lower-cased, `x-date` is signed instead of `date`, and (request-target) must be
// rebuilt from the raw URL as sent. Node's crypto does the RSA part.
import { createHash, createPublicKey, verify } from 'node:crypto';

export interface ParsedSignature {
  keyId: string;
  algorithm: string;
  headers: string[];
  signature: string;
}

export interface SignedRequestParts {
  method: string;
  /** The raw request URL (path and query) exactly as received. */
  rawUrl: string;
  header(name: string): string | undefined;
  rawBody: string;
}

/** Parses `Signature version="1",keyId="…",algorithm="rsa-sha256",headers="…",signature="…"`. */
export function parseSignatureHeader(authorization: string): ParsedSignature | string {
  const m = /^Signature\s+(.*)$/is.exec(authorization.trim());
  if (m === null || m[1] === undefined) return 'the authorization header is not an OCI request signature';
  const fields = new Map<string, string>();
  for (const part of m[1].matchAll(/([a-zA-Z]+)="([^"]*)"/g)) if (part[1] !== undefined && part[2] !== undefined) fields.set(part[1], part[2]);
  const keyId = fields.get('keyId');
  const signature = fields.get('signature');
  if (keyId === undefined || keyId === '') return 'the signature has no keyId';
  if (signature === undefined || signature === '') return 'the signature has no signature value';
  const algorithm = fields.get('algorithm') ?? 'rsa-sha256';
  const headers = (fields.get('headers') ?? 'date').split(/\s+/).filter((h) => h !== '').map((h) => h.toLowerCase());
  return { keyId, algorithm, headers, signature };
}

/** keyId is "tenancy/user/fingerprint"; the tenancy says whose resources the request sees. */
export function tenancyOfKeyId(keyId: string): string | undefined {
  const [tenancy, user, fingerprint] = keyId.split('/');
  return tenancy && user && fingerprint ? tenancy : undefined;
}

/** The string the client signed, or why it cannot be rebuilt. */
export function signingString(sig: ParsedSignature, req: SignedRequestParts): string | { problem: string } {
  const lines: string[] = [];
  for (const name of sig.headers) {
    if (name === '(request-target)') {
      lines.push(`(request-target): ${req.method.toLowerCase()} ${req.rawUrl}`);
      continue;
    }
    const value = req.header(name);
    if (value === undefined) return { problem: `the signed header ${name} is missing from the request` };
    lines.push(`${name}: ${value}`);
  }
  return lines.join('\n');
}

const BODY_SIGNED_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Returns undefined when the signature is valid, or the reason it is not. */
export function verifySignature(sig: ParsedSignature, req: SignedRequestParts, publicKeyPem: string): string | undefined {
  if (sig.algorithm.toLowerCase() !== 'rsa-sha256') return `unsupported signature algorithm ${sig.algorithm}`;
  const required = ['(request-target)', 'host'];
  if (!sig.headers.includes('date') && !sig.headers.includes('x-date')) required.push('x-date');
  if (BODY_SIGNED_METHODS.has(req.method.toUpperCase())) required.push('x-content-sha256', 'content-length');
  const unsigned = required.filter((h) => !sig.headers.includes(h));
  if (unsigned.length > 0) return `the signature does not cover ${unsigned.join(', ')}`;
  if (sig.headers.includes('x-content-sha256')) {
    const digest = createHash('sha256').update(req.rawBody).digest('base64');
    if (req.header('x-content-sha256') !== digest) return 'x-content-sha256 does not match the request body';
  }
  const text = signingString(sig, req);
  if (typeof text !== 'string') return text.problem;
  let key;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    return 'the registered public key cannot be read';
  }
  const ok = verify('RSA-SHA256', Buffer.from(text), key, Buffer.from(sig.signature, 'base64'));
  return ok ? undefined : 'the signature does not verify against the registered key';
}
