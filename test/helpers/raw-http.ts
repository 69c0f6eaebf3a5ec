// Test helper: one HTTP(S) request with exactly the headers given, Host included (fetch cannot set
// Host, which the same-origin and DNS-rebinding tests must), answered with status, headers and the
// body parsed as JSON when it is JSON.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkServerIdentity } from 'node:tls';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: Record<string, unknown> | undefined;
}

/** `ca`: the CA to trust for an https URL (FastRoute's ARM CA); the certificate is checked against the URL's host, whatever Host is sent. */
export function rawRequest(url: string, method: string, headers: Record<string, string>, body?: string, ca?: string): Promise<RawAnswer> {
  const all = { ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) };
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: all, ...(ca === undefined ? {} : { ca, checkServerIdentity: (_: string, cert: Parameters<typeof checkServerIdentity>[1]) => checkServerIdentity(new URL(url).hostname, cert) }) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let parsed: Record<string, unknown> | undefined;
        try {
          parsed = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
