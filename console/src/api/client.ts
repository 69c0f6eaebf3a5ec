// A typed fetch over the admin API (same origin). Errors come back as `{code, message}`; they are
// thrown as ApiError so views can show the server's own words.
import type { ErrorBody } from './types.ts';

export const API = '/fastroute/v1';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(`${API}${path}`, init);
  } catch (err) {
    throw new ApiError(0, 'Unreachable', `FastRoute is not reachable (${err instanceof Error ? err.message : String(err)})`);
  }
  const text = await res.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  if (!res.ok) {
    const e = (parsed ?? {}) as Partial<ErrorBody>;
    throw new ApiError(res.status, e.code ?? `HTTP${res.status}`, e.message ?? res.statusText);
  }
  return parsed as T;
}

export const getJson = <T>(path: string): Promise<T> => request<T>('GET', path);
export const postJson = <T>(path: string, body: unknown): Promise<T> => request<T>('POST', path, body);
export const deleteJson = <T>(path: string): Promise<T> => request<T>('DELETE', path);

/** The message to show for anything a call threw. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.code === 'Unreachable' ? err.message : `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
