// Which OCI requests a child process sent, as FastRoute answered them: Node's own http server
// diagnostics channel reports every finished response of this process's servers, so the test sees
// the calls an example made (and their status) without a proxy in between (a proxy would change the
// Host header the request signature covers). Examples that swallow an error and print only a fixed
// text still show, here, which operation stopped them. Each call carries the user its signature names,
// so examples run at the same time, each with its own user, are told apart.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { splitRegion } from '../../../src/api/oci/protocol/regions.ts';
import { sdkOperationFor } from '../../../src/api/oci/sdk-catalogue.ts';

export interface OciCall {
  method: string;
  /** The URL without its region prefix, e.g. "/20160918/vcns". */
  url: string;
  status: number;
  /** The user in the signature's keyId ("tenancy/user/fingerprint"), when signed. */
  userId: string | undefined;
  /** The SDK operation the verb and path belong to (from the SDK's catalogue), when any. */
  operation: string | undefined;
}

const CHANNEL = 'http.server.response.finish';

/** Records the requests answered on `port` until `stop()` is called. */
export function recordOciCalls(port: number): { calls: OciCall[]; stop(): void } {
  const calls: OciCall[] = [];
  const onFinish = (message: unknown) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (request.socket.localPort !== port) return;
    const { url } = splitRegion(request.url ?? '/');
    const method = request.method ?? '';
    const userId = /keyId="[^/"]*\/([^/"]*)\//.exec(request.headers.authorization ?? '')?.[1];
    calls.push({ method, url, status: response.statusCode, userId, operation: sdkOperationFor(method, url)?.name });
  };
  subscribe(CHANNEL, onFinish);
  return { calls, stop: () => unsubscribe(CHANNEL, onFinish) };
}
