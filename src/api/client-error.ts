// Requests Node's HTTP parser refuses before any route exists (request line and headers over
// 16 KB, a malformed request, a timeout) are answered by Fastify's clientErrorHandler, whose default
// body ({"error","message","statusCode"}) is no API's. Each server passes its own error body.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

export interface ClientErrorCase {
  status: 400 | 408 | 431;
  /** A code in the API's style (CamelCase), for the API's own body. */
  code: string;
  message: string;
}

function classify(code: string | undefined): ClientErrorCase {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'RequestHeaderFieldsTooLarge', message: 'The request line and headers exceed 16 KB (a URL that long names nothing).' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, code: 'RequestTimeout', message: 'The request was not received in time.' };
  return { status: 400, code: 'InvalidRequest', message: 'The request is not valid HTTP.' };
}

export function clientErrorHandler(bodyFor: (c: ClientErrorCase) => unknown): (err: NodeJS.ErrnoException, socket: Socket) => void {
  return (err, socket) => {
    // A reset connection is gone: nothing to answer (as Fastify's default does).
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const c = classify(err.code);
    const body = JSON.stringify(bodyFor(c));
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${c.status} ${STATUS_CODES[c.status] ?? ''}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy(err);
  };
}
