// The CLI's only way into FastRoute: the admin API over HTTP (`http.ts`). Connection failures
// become one friendly line; API errors keep the server's code and message.
import { API_PREFIX, NDJSON, type ErrorBody, type ProgressLine } from '../api/admin/contract.ts';
import { httpRequest, type HttpAnswer } from './http.ts';
import { adminTokenFromEnv } from './admin-token.ts';

export const DEFAULT_URL = 'http://127.0.0.1:4650';

export function adminUrlFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const url = env.FASTROUTE_URL;
  return (url === undefined || url === '' ? DEFAULT_URL : url).replace(/\/+$/, '');
}

export class NotRunningError extends Error {
  constructor(readonly url: string) {
    super(`FastRoute is not running at ${url} (start it with \`npm start\`)`);
    this.name = 'NotRunningError';
  }
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody) {
    super(`${body.code}: ${body.message}`);
    this.name = 'ApiError';
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

function isUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof AggregateError) return err.errors.some(isUnreachableCause);
  if (isUnreachableCause(err)) return true;
  const cause: unknown = err.cause;
  if (cause instanceof AggregateError) return cause.errors.some(isUnreachableCause);
  return isUnreachableCause(cause);
}

function isUnreachableCause(cause: unknown): boolean {
  return typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' && UNREACHABLE.has(cause.code);
}

function isErrorBody(v: unknown): v is ErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as Partial<ErrorBody>).code === 'string' && typeof (v as Partial<ErrorBody>).message === 'string';
}

export class AdminClient {
  private readonly authorization: Record<string, string>;

  /** `token`: the admin token to send (default: FASTROUTE_ADMIN_TOKEN or the data directory's, admin-token.ts). */
  constructor(readonly baseUrl: string = adminUrlFromEnv(), token: string | undefined = adminTokenFromEnv(baseUrl)) {
    this.authorization = token === undefined ? {} : { authorization: `Bearer ${token}` };
  }

  get<T>(path: string, query?: Readonly<Record<string, string | number | boolean | undefined>>): Promise<T> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
    const qs = params.size > 0 ? `?${params.toString()}` : '';
    return this.request<T>('GET', `${path}${qs}`);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetch(method, path, body, 'application/json');
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new ApiError(res.status, { code: 'BadResponse', message: `${this.baseUrl} answered ${res.status} with something that is not JSON; is it FastRoute?` });
    }
    if (!res.ok) throw new ApiError(res.status, isErrorBody(parsed) ? parsed : { code: `HTTP${res.status}`, message: text });
    return parsed as T;
  }

  /**
   * A lab operation with progress: calls `onProgress` per line and resolves with the final result.
   * Falls back to the plain JSON answer when the server does not stream (errors before streaming).
   */
  async stream<T>(method: string, path: string, body: unknown, onProgress: (line: Extract<ProgressLine, { type: 'progress' }>) => void): Promise<T> {
    const res = await this.fetch(method, path, body, `${NDJSON}, application/json`);
    if (!res.contentType.includes(NDJSON)) {
      const text = await res.text();
      const parsed: unknown = text === '' ? undefined : JSON.parse(text);
      if (!res.ok) throw new ApiError(res.status, isErrorBody(parsed) ? parsed : { code: `HTTP${res.status}`, message: text });
      return parsed as T;
    }
    const decoder = new TextDecoder();
    let buffered = '';
    let outcome: { ok: true; body: T } | { ok: false; error: ApiError } | undefined;
    const handle = (raw: string): void => {
      if (raw.trim() === '') return;
      const line = JSON.parse(raw) as ProgressLine;
      if (line.type === 'progress') onProgress(line);
      else if (line.type === 'result') outcome = { ok: true, body: line.body as T };
      else outcome = { ok: false, error: new ApiError(line.status, line.body) };
    };
    for await (const value of res.chunks()) {
      buffered += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        handle(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
    }
    handle(buffered);
    if (outcome === undefined) throw new ApiError(res.status, { code: 'Interrupted', message: 'the server closed the connection before the operation finished' });
    if (!outcome.ok) throw outcome.error;
    return outcome.body;
  }

  private async fetch(method: string, path: string, body: unknown, accept: string): Promise<HttpAnswer> {
    const url = `${this.baseUrl}${API_PREFIX}${path}`;
    try {
      if (body === undefined) return await httpRequest(url, method, { accept, ...this.authorization });
      return await httpRequest(url, method, { accept, 'content-type': 'application/json', ...this.authorization }, JSON.stringify(body));
    } catch (err) {
      if (isUnreachable(err)) throw new NotRunningError(this.baseUrl);
      throw new Error(`cannot reach FastRoute at ${this.baseUrl}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
