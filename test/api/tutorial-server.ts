// Test helper: a real server (in memory, port 0) with the tutorial lab up, and the ids tests need.
import { startTestServer, TUTORIAL, type TestServer } from './server.ts';

export async function startTutorialServer(): Promise<TestServer> {
  const s = await startTestServer({ lab: TUTORIAL });
  const labs = (await s.api('GET', '/labs')).body as { labs: string[] };
  if (!labs.labs.includes('tutorial')) {
    await s.close();
    throw new Error('the tutorial lab did not come up');
  }
  return s;
}

/** Items of one resource kind, as GET /resources?kind= lists them. */
export async function resources<T>(s: TestServer, kind: string): Promise<T[]> {
  const r = await s.api('GET', `/resources?kind=${encodeURIComponent(kind)}`);
  return (r.body as { items: T[] }).items;
}
