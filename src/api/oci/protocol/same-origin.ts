// Browsers attach Origin to cross-site requests; the OCI SDK and CLI send none. A request whose Origin
// is not this server's own (scheme aside, the same host:port as the Host header it was sent to) comes
// from a web page on another site, which must not be able to create or stop anything here.

/** True when the request carries an Origin that is not the server's own. */
export function isForeignOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return false;
  if (host === undefined) return true;
  try {
    const url = new URL(origin);
    return (url.protocol !== 'http:' && url.protocol !== 'https:') || url.host.toLowerCase() !== host.toLowerCase();
  } catch {
    // "null" (sandboxed frames, file: pages) and anything unparsable is foreign.
    return true;
  }
}
