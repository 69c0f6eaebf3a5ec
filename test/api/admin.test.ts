// The admin API over real HTTP: status shape, errors as {code, message}, clock, reset, events,
// resources. Labs have their own file (they need the lab runner).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from './server.ts';

type Json = Record<string, unknown>;

void describe('admin API', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => {
    await s.close();
  });

  void describe('GET /status', () => {
    void it('reports version, clock, data location, endpoints, labs, counts and interconnects', async () => {
      const r = await s.api('GET', '/status');
      assert.equal(r.status, 200);
      const body = r.body as Json;
      assert.deepEqual(Object.keys(body).sort(), ['clock', 'dataLocation', 'endpoints', 'interconnects', 'labs', 'resourceCounts', 'version']);
      assert.match(body.version as string, /^\d+\.\d+\.\d+/);
      assert.equal(body.dataLocation, ':memory:');
      assert.deepEqual(body.endpoints, { admin: s.adminUrl, oci: s.endpoints.oci, arm: s.endpoints.arm, armCa: s.endpoints.armCa });
      assert.match(s.endpoints.arm, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.match(s.endpoints.oci, /^http:\/\/127\.0\.0\.1:\d+$/, 'the OCI API is served on the port it listens on');
      assert.notEqual(s.endpoints.oci, 'http://127.0.0.1:0');
      const clock = body.clock as Json;
      assert.equal(clock.mode, 'instant');
      assert.equal(clock.scale, 0.01);
      assert.equal(typeof clock.now, 'string');
      assert.deepEqual(body.labs, []);
      assert.deepEqual(body.interconnects, []);
      const counts = body.resourceCounts as Record<string, number>;
      assert.equal(counts['oci.Tenancy'], 1, 'the default tenancy exists');
      assert.equal(counts['azure.Subscription'], 1, 'the default subscription exists');
    });
  });

  void describe('errors', () => {
    void it('an unknown route is 404 NotFound', async () => {
      const r = await s.api('GET', '/nope');
      assert.equal(r.status, 404);
      assert.equal((r.body as Json).code, 'NotFound');
      assert.equal(typeof (r.body as Json).message, 'string');
      const outside = await fetch(`${s.adminUrl}/elsewhere`);
      assert.equal(outside.status, 404);
      assert.equal(((await outside.json()) as Json).code, 'NotFound');
    });

    void it('malformed JSON is 400, not 500', async () => {
      const r = await s.api('PUT', '/clock', '{"mode": ');
      assert.equal(r.status, 400);
      assert.equal((r.body as Json).code, 'InvalidJson');
    });

    void it('a body failing validation is 400 naming the field', async () => {
      const r = await s.api('PUT', '/clock', { mode: 'fast' });
      assert.equal(r.status, 400);
      assert.equal((r.body as Json).code, 'InvalidParameter');
      assert.match((r.body as Json).message as string, /mode/);
      const extra = await s.api('PUT', '/clock', { mode: 'manual', speed: 2 });
      assert.equal(extra.status, 400, 'unknown fields are refused');
      const missing = await s.api('POST', '/clock/advance');
      assert.equal(missing.status, 400, 'a missing body is a 400');
    });

    void it('a bad query is 400', async () => {
      const r = await s.api('GET', '/events?limit=abc');
      assert.equal(r.status, 400);
      assert.match((r.body as Json).message as string, /limit/);
      assert.equal((await s.api('GET', '/events?newestFirst=maybe')).status, 400);
      assert.equal((await s.api('GET', '/events?colour=blue')).status, 400);
    });
  });

  void describe('resources', () => {
    void it('lists every kind with its count', async () => {
      const r = await s.api('GET', '/resources');
      assert.equal(r.status, 200);
      const kinds = (r.body as { kinds: { kind: string; count: number }[] }).kinds;
      assert.ok(kinds.some((k) => k.kind === 'oci.Vcn' && k.count === 0));
      assert.ok(kinds.some((k) => k.kind === 'oci.Tenancy' && k.count === 1));
    });

    void it('lists the entities of a kind without the internal fr field, and gets one by id', async () => {
      const r = await s.api('GET', '/resources?kind=azure.Subscription');
      assert.equal(r.status, 200);
      const { items, count } = r.body as { items: Json[]; count: number };
      assert.equal(count, 1);
      const sub = items[0]!;
      assert.ok(!('fr' in sub), 'fr is stripped');
      const id = sub.id as string;
      assert.ok(id.startsWith('/subscriptions/'), id);
      const one = await s.api('GET', `/resources/azure.Subscription/${encodeURIComponent(id)}`);
      assert.equal(one.status, 200);
      assert.equal((one.body as Json).id, id);
      const raw = await s.api('GET', `/resources/azure.Subscription/${id}`);
      assert.equal(raw.status, 200, 'an ARM id with its slashes works too');
    });

    void it('an unknown kind is 400, an unknown id 404', async () => {
      const r = await s.api('GET', '/resources?kind=oci.Banana');
      assert.equal(r.status, 400);
      assert.equal((r.body as Json).code, 'UnknownKind');
      assert.equal((await s.api('GET', '/resources/oci.Banana/x')).status, 400);
      const missing = await s.api('GET', '/resources/oci.Vcn/ocid1.vcn.oc1..nope');
      assert.equal(missing.status, 404);
      assert.equal((missing.body as Json).code, 'NotFound');
    });
  });

  void describe('clock', () => {
    void it('advancing a non-manual clock is 409', async () => {
      await s.api('PUT', '/clock', { mode: 'instant' });
      const r = await s.api('POST', '/clock/advance', { seconds: 10 });
      assert.equal(r.status, 409);
      assert.equal((r.body as Json).code, 'Conflict');
    });

    void it('set manual, then advance moves time by exactly that much', async () => {
      const set = await s.api('PUT', '/clock', { mode: 'manual', scale: 0.5 });
      assert.equal(set.status, 200);
      const before = set.body as Json;
      assert.equal(before.mode, 'manual');
      assert.equal(before.scale, 0.5);
      const adv = await s.api('POST', '/clock/advance', { seconds: 90 });
      assert.equal(adv.status, 200);
      const afterAdv = adv.body as Json;
      assert.equal(Date.parse(afterAdv.now as string) - Date.parse(before.now as string), 90_000);
      const got = await s.api('GET', '/clock');
      assert.equal((got.body as Json).now, afterAdv.now, 'a manual clock stands still');
      assert.equal((await s.api('POST', '/clock/advance', { seconds: -1 })).status, 400);
      await s.api('PUT', '/clock', { mode: 'instant' });
    });
  });

  void describe('events and reset', () => {
    void it('lists events with filters, and reset empties the log and re-creates the defaults', async () => {
      const all = await s.api('GET', '/events');
      assert.equal(all.status, 200);
      const events = (all.body as { events: Json[] }).events;
      assert.ok(events.length > 0, 'creating the default tenancy and subscription is recorded');
      for (const e of events) for (const f of ['seq', 'time', 'kind', 'resourceId', 'change', 'cause']) assert.ok(f in e, `event has ${f}`);
      const seqs = events.map((e) => e.seq as number);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'oldest first by default');

      const newest = (await s.api('GET', '/events?newestFirst=true&limit=1')).body as { events: Json[] };
      assert.equal(newest.events.length, 1);
      assert.equal(newest.events[0]!.seq, seqs[seqs.length - 1]);

      const afterFirst = (await s.api('GET', `/events?after=${seqs[0]!}`)).body as { events: Json[] };
      assert.equal(afterFirst.events.length, events.length - 1);

      const byKind = (await s.api('GET', '/events?kind=oci.Tenancy')).body as { events: Json[] };
      assert.ok(byKind.events.length > 0 && byKind.events.every((e) => e.kind === 'oci.Tenancy'));
      const tenancyId = byKind.events[0]!.resourceId as string;
      const byResource = (await s.api('GET', `/events?resourceId=${encodeURIComponent(tenancyId)}`)).body as { events: Json[] };
      assert.ok(byResource.events.length > 0 && byResource.events.every((e) => e.resourceId === tenancyId));
      assert.equal((await s.api('GET', '/events?kind=oci.Banana')).status, 400);

      const reset = await s.api('POST', '/reset');
      assert.equal(reset.status, 200);
      assert.equal((reset.body as Json).reset, true);
      const status = (await s.api('GET', '/status')).body as { resourceCounts: Record<string, number>; labs: string[] };
      assert.equal(status.resourceCounts['oci.Tenancy'], 1);
      assert.deepEqual(status.labs, []);
      const afterReset = (await s.api('GET', '/events')).body as { events: Json[] };
      assert.ok(afterReset.events.every((e) => e.cause === 'fastroute:reset'), 'only the re-created defaults are in the log');
    });
  });
});
