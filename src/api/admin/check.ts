// POST /check: a lab's expectations and the doctor, evaluated in a private in-memory engine. The
// server's own world is neither read nor changed, so a check can run while any lab is up.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkLabText } from '../../check/check.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type CheckReport } from './contract.ts';
import { parseInput } from './validate.ts';

const checkBody = z.strictObject({
  yaml: z.string().min(1),
  /** Shown in error messages; the client's file name. */
  file: z.string().min(1).optional(),
});

export function registerCheckRoutes(app: FastifyInstance, _ctx: AdminContext): void {
  app.post(`${API_PREFIX}/check`, async (req): Promise<CheckReport> => {
    const body = parseInput(checkBody, req.body, 'body');
    return checkLabText(body.yaml, body.file ?? 'lab.yaml');
  });
}
