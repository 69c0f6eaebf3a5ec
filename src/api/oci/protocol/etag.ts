// Etags are a hash of what the client sees, so any visible change (a rename, a state transition)
// gives a new etag without storing one, and the same state always gives the same etag.
import { createHash } from 'node:crypto';

export function etagOf(publicBody: unknown): string {
  return createHash('sha256').update(JSON.stringify(publicBody)).digest('hex').slice(0, 32);
}
