// POST /trace: one flow walked hop by hop across both clouds and back, over the live world.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { displayNamesIn } from '../../model/display-names.ts';
import { trace } from '../../trace/trace.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type TraceResponse } from './contract.ts';
import { parseInput } from './validate.ts';

const port = z.int().min(1).max(65535);

export const traceBody = z
  .strictObject({
    from: z.string().min(1),
    to: z.string().min(1),
    protocol: z.enum(['icmp', 'tcp', 'udp']),
    port: port.optional(),
    sourcePort: port.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.protocol === 'icmp' && (b.port !== undefined || b.sourcePort !== undefined)) ctx.addIssue({ code: 'custom', path: ['port'], message: 'an icmp flow has no ports' });
    if (b.protocol !== 'icmp' && b.port === undefined) ctx.addIssue({ code: 'custom', path: ['port'], message: `a ${b.protocol} flow needs a destination port` });
  });

export function registerTraceRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;
  app.post(`${API_PREFIX}/trace`, async (req): Promise<TraceResponse> => {
    const body = parseInput(traceBody, req.body, 'body');
    return engine.read((view) => {
      const result = trace(engine.routing, body);
      return { ...result, names: displayNamesIn(view, result) };
    });
  });
}
