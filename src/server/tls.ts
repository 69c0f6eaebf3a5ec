// FastRoute's own certificate authority and the ARM endpoint's server certificate. The Azure SDKs
// and `az` refuse bearer tokens over plain http, so ARM is https; users trust this CA through
// NODE_EXTRA_CA_CERTS or REQUESTS_CA_BUNDLE. Created once per data directory and reused, so a
// trusted CA stays trusted across restarts; the server certificate is renewed when it nears expiry
// or no longer names the host.
import { webcrypto, X509Certificate } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFileAtomic } from './write-file-atomic.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isIP } from 'node:net';
import { caPathIn } from './tls-paths.ts';
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
const CA_DAYS = 3650;
const SERVER_DAYS = 397; // what browsers and most TLS stacks still accept for a leaf
const RENEW_BEFORE_DAYS = 30;

export interface TlsMaterial {
  /** Where the CA certificate (PEM) is, for NODE_EXTRA_CA_CERTS / REQUESTS_CA_BUNDLE. */
  caPath: string;
  caPem: string;
  certPem: string;
  keyPem: string;
  /** In memory only: the temporary directory holding `caPath`, removed when the server closes. */
  temporaryDir?: string;
}

interface KeyedCert { cert: x509.X509Certificate; keys: CryptoKeyPair }

function serial(): string {
  // Positive, 16 bytes, as CAs issue them.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN PRIVATE KEY-----\n${b64.trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

async function importPkcs8(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, ALG, true, ['sign']);
}

async function createCa(now: number): Promise<KeyedCert> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=FastRoute local CA, O=FastRoute',
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + CA_DAYS * DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

function hostNames(host: string): { type: 'ip' | 'dns'; value: string }[] {
  const names = new Set(['127.0.0.1', '::1', 'localhost', host]);
  return [...names].map((value) => ({ type: isIP(value) === 0 ? 'dns' as const : 'ip' as const, value }));
}

async function createServerCert(ca: { cert: x509.X509Certificate; privateKey: CryptoKey }, host: string, now: number): Promise<{ certPem: string; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=localhost, O=FastRoute',
    issuer: ca.cert.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + SERVER_DAYS * DAY),
    signingKey: ca.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(hostNames(host)),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await pkcs8Pem(keys.privateKey) };
}

function serverCertUsable(certPem: string, caPem: string, host: string, now: number): boolean {
  try {
    const cert = new X509Certificate(certPem);
    if (!cert.verify(new X509Certificate(caPem).publicKey)) return false;
    if (Date.parse(cert.validTo) - now < RENEW_BEFORE_DAYS * DAY) return false;
    return isIP(host) === 0 ? cert.checkHost(host) !== undefined : cert.checkIP(host) !== undefined;
  } catch {
    return false;
  }
}

/**
 * The CA and server certificate in `<dir>` (created on first use). With `dir` undefined (an
 * in-memory server) everything is fresh and only the CA certificate is written, to a temporary
 * file, so clients still have a path to trust (its directory goes when the server closes).
 */
export async function ensureTls(dir: string | undefined, host: string, now = Date.now()): Promise<TlsMaterial> {
  if (dir === undefined) {
    const ca = await createCa(now);
    const caPem = ca.cert.toString('pem');
    const temporaryDir = mkdtempSync(path.join(tmpdir(), 'fastroute-ca-'));
    const caPath = path.join(temporaryDir, 'ca.pem');
    writeFileSync(caPath, caPem);
    return { caPath, caPem, temporaryDir, ...(await createServerCert({ cert: ca.cert, privateKey: ca.keys.privateKey }, host, now)) };
  }
  mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  if (!existsSync(file('ca.pem')) || !existsSync(file('ca-key.pem'))) {
    const ca = await createCa(now);
    writeFileAtomic(file('ca-key.pem'), await pkcs8Pem(ca.keys.privateKey), 0o600);
    writeFileAtomic(file('ca.pem'), ca.cert.toString('pem'));
  }
  const caPem = readFileSync(file('ca.pem'), 'utf8');
  let certPem = existsSync(file('server.pem')) ? readFileSync(file('server.pem'), 'utf8') : '';
  let keyPem = existsSync(file('server-key.pem')) ? readFileSync(file('server-key.pem'), 'utf8') : '';
  if (!serverCertUsable(certPem, caPem, host, now) || keyPem === '') {
    const ca = { cert: new x509.X509Certificate(caPem), privateKey: await importPkcs8(readFileSync(file('ca-key.pem'), 'utf8')) };
    ({ certPem, keyPem } = await createServerCert(ca, host, now));
    writeFileAtomic(file('server-key.pem'), keyPem, 0o600);
    writeFileAtomic(file('server.pem'), certPem);
  }
  return { caPath: caPathIn(dir), caPem, certPem, keyPem };
}
