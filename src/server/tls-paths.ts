// Where a data directory's TLS material lives, without loading the x509 code that creates it: the
// server reports the ARM CA's path before the certificate is made.
import path from 'node:path';

export function caPathIn(tlsDir: string): string {
  return path.join(tlsDir, 'ca.pem');
}
