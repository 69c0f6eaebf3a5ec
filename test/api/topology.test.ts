// The web console's backend over real HTTP: GET /topology on the tutorial lab (and during a drill),
// the live event stream (server-sent events: delivery, catch-up, heartbeats, no listener leaks, a
// clean server close with streams open) and the console's static files at /.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, before, after } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createAdminApp, type AdminAppOptions } from '../../src/api/admin/app.ts';
import { defaultConsoleDir } from '../../src/api/admin/console-static.ts';
import type { Topology, WorldEvent } from '../../src/api/admin/contract.ts';
import { Engine } from '../../src/engine/engine.ts';
import { openStore } from '../../src/store/open.ts';
import { startTestServer, TUTORIAL, type TestServer } from './server.ts';

const tutorialYaml = readFileSync(TUTORIAL, 'utf8');

/** Reads a server-sent event stream: raw text so far, and the events parsed out of it. */
class SseReader {
  text = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  done = false;

  constructor(readonly response: Response) {
    assert.ok(response.body, 'the stream has a body');
    this.reader = response.body.getReader();
  }

  /** Reads until `until(text)` holds or the stream ends; fails after `ms`. */
  async readUntil(until: (text: string) => boolean, ms = 5000): Promise<string> {
    const deadline = Date.now() + ms;
    while (!until(this.text)) {
      if (this.done) throw new Error(`the stream ended first; got: ${this.text}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; got: ${this.text}`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, reject) => { timer = setTimeout(() => { reject(new Error(`timed out; got: ${this.text}`)); }, left); }),
      ]).finally(() => { clearTimeout(timer); });
      if (chunk.done) this.done = true;
      else this.text += this.decoder.decode(chunk.value, { stream: true });
    }
    return this.text;
  }

  /** Waits for the end of the stream (the server closed it). */
  async end(ms = 5000): Promise<void> {
    await this.readUntil(() => this.done, ms).catch((err: unknown) => {
      if (!this.done) throw err;
    });
  }

  events(): (WorldEvent & { id?: number })[] {
    return this.text.split('\n\n').filter((m) => m.includes('data: ')).map((m) => {
      const lines = m.split('\n');
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6) ?? '';
      const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
      return { ...(JSON.parse(data) as WorldEvent), ...(id === undefined ? {} : { id: Number(id) }) };
    });
  }

  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}

async function openStream(baseUrl: string, query = '', headers: Record<string, string> = {}): Promise<SseReader> {
  const res = await fetch(`${baseUrl}/fastroute/v1/events/stream${query}`, { headers: { accept: 'text/event-stream', ...headers } });
  assert.equal(res.status, 200);
  return new SseReader(res);
}

async function eventually(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The admin app alone (no OCI/ARM servers), listening on a free port, with options a test picks. */
async function startAdminOnly(opts: Partial<AdminAppOptions>): Promise<{ url: string; app: FastifyInstance; engine: Engine; close(): Promise<void> }> {
  const engine = await Engine.open({ store: await openStore({ inMemory: true }) });
  const endpoints = { admin: '', oci: '', arm: '', armCa: '' };
  const app = createAdminApp({ engine, version: '0.0.0-test', dataLocation: ':memory:', endpoints: () => endpoints }, { logLevel: 'silent', ...opts });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { url, app, engine, close: async () => { await app.close(); await engine.close(); } };
}

void describe('GET /topology', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    const up = await s.api('POST', '/labs', { yaml: tutorialYaml, file: 'labs/tutorial.yaml' });
    assert.equal(up.status, 201, up.text);
  });
  after(async () => {
    await s.close();
  });

  void it('shows both clouds, both VMs with their IPs and both links up', async () => {
    const r = await s.api('GET', '/topology');
    assert.equal(r.status, 200);
    assert.match(r.contentType, /^application\/json/);
    const t = r.body as Topology;
    assert.deepEqual(Object.keys(t).sort(), ['edges', 'nodes']);
    const vms = t.nodes.filter((n) => n.kind === 'oci.Instance' || n.kind === 'azure.VirtualMachine').map((n) => [n.cloud, n.label, n.ip, n.state]);
    assert.deepEqual(vms, [['oci', 'vm-oci', '10.10.10.10', 'up'], ['azure', 'vm-azure', '10.20.10.10', 'up']]);
    const links = t.edges.filter((e) => e.kind === 'link');
    assert.deepEqual(links.map((e) => [e.path, e.state]), [['Primary', 'up'], ['Secondary', 'up']]);
    const ids = new Set(t.nodes.map((n) => n.id));
    for (const e of t.edges) assert.ok(ids.has(e.from) && ids.has(e.to), `${e.id} joins two nodes`);
    assert.deepEqual(t.edges.map((e) => e.kind), ['attachment', 'circuit', 'link', 'link', 'connection', 'gateway']);
  });

  void it('a link-down drill on the primary path makes that link down, and only it', async () => {
    const drill = await s.api('POST', '/drills', { kind: 'link-down', path: 'primary' });
    assert.equal(drill.status, 201, drill.text);
    try {
      const t = (await s.api('GET', '/topology')).body as Topology;
      assert.deepEqual(t.edges.filter((e) => e.state !== 'up').map((e) => [e.kind, e.path, e.state]), [['link', 'Primary', 'down']]);
      assert.match(t.edges.find((e) => e.path === 'Primary')?.reason ?? '', /drill: primary link down/);
    } finally {
      assert.equal((await s.api('DELETE', '/drills')).status, 200);
    }
    const t = (await s.api('GET', '/topology')).body as Topology;
    assert.ok(t.edges.every((e) => e.state === 'up'));
  });
});

void describe('GET /events/stream', () => {
  void it('sends each committed event as an SSE message, and drops the listener when the client goes', async () => {
    const s = await startTestServer();
    try {
      const listeners = () => s.engine.events.listenerCount('committed');
      const base = listeners();
      const stream = await openStream(s.adminUrl);
      assert.match(stream.response.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(stream.response.headers.get('cache-control'), 'no-cache, no-transform');
      const opening = await stream.readUntil((t) => t.includes('\n\n'));
      assert.match(opening, /^retry: \d+\n: /, 'it opens with a retry hint and a comment');
      assert.equal(listeners(), base + 1);

      const clock = await s.api('PUT', '/clock', { mode: 'manual' });
      assert.equal(clock.status, 200);
      const up = await s.api('POST', '/labs', { yaml: tutorialYaml, file: 'labs/tutorial.yaml' });
      assert.equal(up.status, 201, up.text);
      await stream.readUntil(() => stream.events().some((e) => e.kind === 'oci.Vcn' && e.change === 'created'));
      const created = stream.events().find((e) => e.kind === 'oci.Vcn' && e.change === 'created');
      assert.equal(created?.resourceName, 'vcn-oci');
      assert.equal(created?.id, created?.seq, 'the SSE id is the event seq (for Last-Event-ID)');

      // Advancing the clock commits the VCN's PROVISIONING → AVAILABLE transition: more messages.
      assert.equal((await s.api('POST', '/clock/advance', { seconds: 600 })).status, 200);
      await stream.readUntil(() => stream.events().some((e) => e.kind === 'oci.Vcn' && e.change === 'state' && e.after === 'AVAILABLE'));
      const seqs = stream.events().map((e) => e.seq ?? 0);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'in commit order');
      const logged = ((await s.api('GET', `/events?after=${(seqs[0] ?? 1) - 1}`)).body as { events: WorldEvent[] }).events;
      assert.deepEqual(stream.events().map(({ id: _id, ...e }) => e), logged, 'exactly the events the log holds, nothing missed or doubled');

      await stream.cancel();
      await eventually(() => listeners() === base, 'the listener to be removed after the client disconnected');
    } finally {
      await s.close();
    }
  });

  void it('catches a reconnecting client up from Last-Event-ID (or ?after=) before going live', async () => {
    const s = await startTestServer();
    try {
      const log = ((await s.api('GET', '/events')).body as { events: WorldEvent[] }).events;
      const first = log[0]?.seq ?? 0;
      const viaHeader = await openStream(s.adminUrl, '', { 'last-event-id': String(first) });
      await viaHeader.readUntil(() => viaHeader.events().length >= log.length - 1);
      assert.deepEqual(viaHeader.events().map((e) => e.seq), log.slice(1).map((e) => e.seq));
      const viaQuery = await openStream(s.adminUrl, `?after=${first}`);
      await viaQuery.readUntil(() => viaQuery.events().length >= log.length - 1);
      assert.deepEqual(viaQuery.events().map((e) => e.seq), log.slice(1).map((e) => e.seq));

      // Then live: a reset re-creates the defaults, and both streams see it.
      assert.equal((await s.api('POST', '/reset')).status, 200);
      await viaQuery.readUntil(() => viaQuery.events().some((e) => e.cause === 'fastroute:reset'));
      await viaHeader.readUntil(() => viaHeader.events().some((e) => e.cause === 'fastroute:reset'));
      await Promise.all([viaHeader.cancel(), viaQuery.cancel()]);
      assert.equal((await s.api('GET', '/events/stream?after=-1')).status, 400, 'a bad query is a 400 before the stream opens');
    } finally {
      await s.close();
    }
  });

  void it('closing the server with streams open ends them at once and leaves no listener', async () => {
    const s = await startTestServer();
    // The server's own listeners (the data plane's sync) are there before any stream.
    const base = s.engine.events.listenerCount('committed');
    const a = await openStream(s.adminUrl);
    const b = await openStream(s.adminUrl);
    await Promise.all([a.readUntil((t) => t.includes('\n\n')), b.readUntil((t) => t.includes('\n\n'))]);
    const withStreams = s.engine.events.listenerCount('committed');
    const started = Date.now();
    await s.close();
    assert.equal(withStreams, base + 2, 'one listener per stream');
    assert.ok(Date.now() - started < 2000, `close took ${Date.now() - started} ms`);
    await Promise.all([a.end(), b.end()]);
    assert.equal(s.engine.events.listenerCount('committed'), 0);
  });

  void it('sends heartbeat comments so proxies keep the stream open', async () => {
    const s = await startAdminOnly({ eventStreamHeartbeatMs: 30, consoleDir: mkdtempSync(path.join(tmpdir(), 'fastroute-console-')) });
    try {
      // The server's own listeners (the metrics sampler) are there before any stream.
      const base = s.engine.events.listenerCount('committed');
      const stream = await openStream(s.url);
      await stream.readUntil((t) => (t.match(/^: heartbeat /gm) ?? []).length >= 2, 2000);
      assert.deepEqual(stream.events(), [], 'heartbeats are comments, not events');
      assert.equal(s.engine.events.listenerCount('committed'), base + 1, 'one listener for the stream');
      await stream.cancel();
      await eventually(() => s.engine.events.listenerCount('committed') === base, 'the listener to go');
    } finally {
      await s.close();
    }
  });
});

void describe('the console at /', () => {
  void it('answers 503 with how to build it when the console is not built; the API keeps its JSON 404s', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'fastroute-console-'));
    const s = await startAdminOnly({ consoleDir: empty });
    try {
      const r = await fetch(`${s.url}/`);
      assert.equal(r.status, 503);
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await r.text(), /the console is not built: run <code>npm run build<\/code>/i);
      const api = await fetch(`${s.url}/fastroute/v1/nope`);
      assert.equal(api.status, 404);
      assert.deepEqual(await api.json(), { code: 'NotFound', message: 'no such endpoint: GET /fastroute/v1/nope' });
      const asset = await fetch(`${s.url}/assets/index-abc.js`);
      assert.equal(asset.status, 404);
      assert.equal(((await asset.json()) as { code: string }).code, 'NotFound');
      assert.equal((await fetch(`${s.url}/fastroute/v1/status`)).status, 200, 'the API still works');

      // Built while the server runs: the next request serves it.
      writeFileSync(path.join(empty, 'index.html'), '<!doctype html><title>late</title>');
      const late = await fetch(`${s.url}/`);
      assert.equal(late.status, 200);
      assert.equal(await late.text(), '<!doctype html><title>late</title>');
    } finally {
      await s.close();
    }
  });

  void it('serves index.html (revalidated) and hashed assets (immutable) with their content types', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'fastroute-console-'));
    mkdirSync(path.join(dist, 'assets'));
    const html = '<!doctype html><html><head><script type="module" src="/assets/index-B4x9.js"></script></head><body><div id="root"></div></body></html>';
    writeFileSync(path.join(dist, 'index.html'), html);
    writeFileSync(path.join(dist, 'assets', 'index-B4x9.js'), 'console.log("fastroute");\n');
    writeFileSync(path.join(dist, 'assets', 'index-Q7w2.css'), 'body { margin: 0 }\n');
    writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(tmpdir(), 'fastroute-secret.txt'), 'outside the console');
    const s = await startAdminOnly({ consoleDir: dist });
    try {
      const index = await fetch(`${s.url}/`);
      assert.equal(index.status, 200);
      assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(index.headers.get('cache-control'), 'no-cache');
      assert.equal(await index.text(), html);

      const js = await fetch(`${s.url}/assets/index-B4x9.js`);
      assert.equal(js.status, 200);
      assert.match(js.headers.get('content-type') ?? '', /^(text|application)\/javascript/);
      assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(await js.text(), 'console.log("fastroute");\n');

      const css = await fetch(`${s.url}/assets/index-Q7w2.css`);
      assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
      assert.equal(css.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      await css.text();

      const icon = await fetch(`${s.url}/favicon.svg`);
      assert.equal(icon.status, 200);
      assert.match(icon.headers.get('content-type') ?? '', /^image\/svg\+xml/);
      assert.equal(icon.headers.get('cache-control'), 'no-cache', 'unhashed root files are revalidated');
      await icon.text();

      assert.equal((await fetch(`${s.url}/assets/missing-0000.js`)).status, 404);
      for (const sneaky of ['/assets/..%2f..%2ffastroute-secret.txt', '/..%2ffastroute-secret.txt', '/%2e%2e/fastroute-secret.txt']) {
        const r = await fetch(`${s.url}${sneaky}`);
        assert.notEqual(r.status, 200, sneaky);
        assert.doesNotMatch(await r.text(), /outside the console/, sneaky);
      }
      const api = await fetch(`${s.url}/fastroute/v1/nope`);
      assert.equal(api.status, 404);
      assert.equal(((await api.json()) as { code: string }).code, 'NotFound');
    } finally {
      await s.close();
    }
  });

  void it("by default serves the package's console/dist", () => {
    assert.equal(defaultConsoleDir(), path.join(path.resolve(import.meta.dirname, '../..'), 'console', 'dist'));
  });
});
