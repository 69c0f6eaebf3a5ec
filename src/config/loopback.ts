// Which addresses are this machine's loopback: the only ones FastRoute serves by default.
import { isIP } from 'node:net';

/** localhost, 127.0.0.0/8 and ::1 (bracketed and IPv4-mapped forms included). */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '').replace(/^::ffff:/, '');
  if (a === 'localhost' || a === '::1') return true;
  return isIP(a) === 4 && a.startsWith('127.');
}
