// A certificate for the bare HTTPS baseline, made the same way as FastRoute's (same key type), so
// the ratio compares the API's work, not the TLS handshake.
import { ensureTls } from '../../src/server/tls.ts';

export async function bareHttps(): Promise<{ key: string; cert: string }> {
  const m = await ensureTls(undefined, '127.0.0.1');
  return { key: m.keyPem, cert: m.certPem };
}
