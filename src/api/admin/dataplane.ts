// The data plane under the admin API: GET its status, POST to bring it up (optionally for one lab),
// DELETE to take it down. Up checks the machine first and, when something is missing, answers 503
// DataplanePrerequisitesMissing naming each miss and how to get it, having changed nothing.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Dataplane } from '../../dataplane/service.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type DataplaneStatus, type DataplaneUpReport } from './contract.ts';
import { parseInput } from './validate.ts';
import { DEFAULT_CAPTURE_SECONDS } from '../../dataplane/capture.ts';
import { MSEE_DAEMONS } from '../../dataplane/bgp-model.ts';

/** BGP on the wire (docs/bgp.md): true for the defaults, or the options to change. */
const bgpBody = z.union([z.boolean(), z.strictObject({
  msee: z.enum(MSEE_DAEMONS).optional(),
  mseeBfd: z.boolean().optional(),
  keepalive: z.number().int().min(1).max(21845).optional(),
  hold: z.number().int().min(3).max(65535).optional(),
  connectRetry: z.number().int().min(1).max(600).optional(),
  bfdIntervalMs: z.number().int().min(10).max(60_000).optional(),
  bfdMultiplier: z.number().int().min(2).max(255).optional(),
  /** The MSEE's prefix limit on the wire instead of the peering's (benchmarks: 100,000 prefixes from a site). */
  prefixLimit: z.number().int().min(1).max(1_000_000).optional(),
})]);
const upBody = z.strictObject({ lab: z.string().min(1).optional(), bgp: bgpBody.optional() }).optional();
/** A capture through the API is held in memory until it ends: at most a minute. */
const captureQuery = z.strictObject({
  target: z.string().min(1),
  seconds: z.coerce.number().int().min(1).max(60).default(DEFAULT_CAPTURE_SECONDS),
  interconnect: z.string().min(1).optional(),
});

export function registerDataplaneRoutes(app: FastifyInstance, ctx: AdminContext): void {
  // One made here is put in the context: the metrics read its kernel counters (metrics.ts).
  const owned = ctx.dataplane === undefined;
  const dataplane = (): Dataplane => (ctx.dataplane ??= new Dataplane(ctx.engine, undefined));
  if (owned) app.addHook('onClose', async () => ctx.dataplane?.close());

  app.get(`${API_PREFIX}/dataplane`, (): Promise<DataplaneStatus> => dataplane().statusWithLinks());

  app.post(`${API_PREFIX}/dataplane`, async (req, reply) => {
    const body = parseInput(upBody, req.body, 'body');
    const report: DataplaneUpReport = await dataplane().up({ ...(body?.lab === undefined ? {} : { lab: body.lab }), ...(body?.bgp === undefined ? {} : { bgp: body.bgp }) });
    return reply.code(201).send(report);
  });

  app.delete(`${API_PREFIX}/dataplane`, async () => dataplane().down());

  // `fastroute capture` for a client elsewhere: the pcap bytes of a bounded tcpdump in the target's namespace.
  app.get(`${API_PREFIX}/dataplane/capture`, async (req, reply) => {
    const q = parseInput(captureQuery, req.query, 'query');
    const pcap = await dataplane().capture(q.target, q.seconds, q.interconnect);
    return reply.type('application/vnd.tcpdump.pcap').header('content-disposition', `attachment; filename="${q.target.replace(/[^A-Za-z0-9._-]/g, '_')}.pcap"`).send(pcap);
  });
}
