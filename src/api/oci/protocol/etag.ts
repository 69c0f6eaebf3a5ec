// Etags are a hash of what the client sees, so any visible change (a rename, a state transition)
// gives a new etag without storing one, and the same state always gives the same etag.
import { createHash } from 'node:crypto';

/** The etag of a resource's serialised public body (text, or the same as UTF-8 bytes: one digest). */
export function etagOf(publicJson: string | Buffer): string {
  return createHash('sha256').update(publicJson).digest('hex').slice(0, 32);
}
