// Etags are a hash of what the client sees, so any visible change (a rename, a state transition)
// gives a new etag without storing one, and the same state always gives the same etag.
import { createHash } from 'node:crypto';

/** The etag of a resource's serialised public body. */
export function etagOf(publicJson: string): string {
  return createHash('sha256').update(publicJson).digest('hex').slice(0, 32);
}
