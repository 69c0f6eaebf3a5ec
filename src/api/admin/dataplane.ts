// The data plane under the admin API: GET its status, POST to bring it up (optionally for one lab),
// DELETE to take it down. Up checks the machine first and, when something is missing, answers 503
// DataplanePrerequisitesMissing naming each miss and how to get it, having changed nothing.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Dataplane } from '../../dataplane/service.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type DataplaneStatus, type DataplaneUpReport } from './contract.ts';
import { parseInput } from './validate.ts';

const upBody = z.strictObject({ lab: z.string().min(1).optional() }).optional();

export function registerDataplaneRoutes(app: FastifyInstance, ctx: AdminContext): void {
  let own: Dataplane | undefined;
  const dataplane = (): Dataplane => ctx.dataplane ?? (own ??= new Dataplane(ctx.engine, undefined));
  if (!ctx.dataplane) app.addHook('onClose', async () => own?.close());

  app.get(`${API_PREFIX}/dataplane`, (): Promise<DataplaneStatus> => dataplane().statusWithLinks());

  app.post(`${API_PREFIX}/dataplane`, async (req, reply) => {
    const body = parseInput(upBody, req.body, 'body');
    const report: DataplaneUpReport = await dataplane().up(body?.lab === undefined ? {} : { lab: body.lab });
    return reply.code(201).send(report);
  });

  app.delete(`${API_PREFIX}/dataplane`, async () => dataplane().down());
}
