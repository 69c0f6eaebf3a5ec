// Reset: empty the world (store and memory) back to the default tenancy and subscription.
import type { FastifyInstance } from 'fastify';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type ResetResponse } from './contract.ts';

export function registerResetRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.post(`${API_PREFIX}/reset`, async (): Promise<ResetResponse> => {
    await ctx.engine.reset();
    return { reset: true, clock: ctx.engine.clockStatus() };
  });
}
