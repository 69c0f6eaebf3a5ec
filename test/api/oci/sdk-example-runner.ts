// Runs one of the OCI SDK's own examples (test/fixtures/oci-examples) unchanged in a child process
// against a FastRoute server. The substitutions, all made at run time and none in the file:
//  - credentials: HOME points at a directory whose ~/.oci/config DEFAULT profile names FastRoute's
//    tenancy, a user, and a freshly made API key registered with FastRoute (the examples build a
//    ConfigFileAuthenticationDetailsProvider, which reads exactly that file);
//  - endpoint: sdk-example-endpoint.ts is preloaded and maps every region to FastRoute's OCI endpoint;
//  - OCIDs: the tenancy / compartment / region the example expects as arguments are passed as argv.
// FastRoute's OCI endpoint is plain http, so no CA needs trusting (NODE_EXTRA_CA_CERTS is not set).
import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const EXAMPLES_DIR = path.join(import.meta.dirname, '../../fixtures/oci-examples');
const PRELOAD = path.join(import.meta.dirname, 'sdk-example-endpoint.ts');

export interface OciProfile {
  home: string;
  tenancyId: string;
  userId: string;
  fingerprint: string;
  publicKeyPem: string;
  privateKeyPem: string;
}

/** A HOME with ~/.oci/config (DEFAULT profile, region us-ashburn-1) and a new RSA key for it. */
export function writeOciProfile(tenancyId: string, userId: string): OciProfile {
  const home = mkdtempSync(path.join(tmpdir(), 'fr-oci-home-'));
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const fingerprint = createHash('md5').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').replace(/(..)(?!$)/g, '$1:');
  const dir = path.join(home, '.oci');
  mkdirSync(dir);
  const keyFile = path.join(dir, 'fastroute-key.pem');
  writeFileSync(keyFile, privateKeyPem, { mode: 0o600 });
  writeFileSync(path.join(dir, 'config'), ['[DEFAULT]', `user=${userId}`, `fingerprint=${fingerprint}`, `key_file=${keyFile}`, `tenancy=${tenancyId}`, 'region=us-ashburn-1', ''].join('\n'));
  return { home, tenancyId, userId, fingerprint, publicKeyPem, privateKeyPem };
}

export interface ExampleRun {
  /** The exit code (null when the process was killed at the time limit). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `file` (relative to the examples directory) with `args`, killed after `timeoutMs`. */
export function runExample(file: string, args: readonly string[], profile: OciProfile, endpoint: string, timeoutMs = 120_000): Promise<ExampleRun> {
  // Only what the child needs: no OCI_* settings, NODE_OPTIONS or CA bundles of the parent leak in.
  const env = { PATH: process.env.PATH ?? '', HOME: profile.home, FASTROUTE_OCI_ENDPOINT: endpoint };
  const argv = ['--import', 'tsx', '--import', PRELOAD, path.join(EXAMPLES_DIR, file), ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { cwd: EXAMPLES_DIR, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}
