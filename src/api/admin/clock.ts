// Clock control: read it, switch mode/scale, advance the manual clock.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CLOCK_SCALE_MAX, type ClockMode } from '../../lifecycle/delays.ts';
import { fastroute } from '../../model/errors.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type ClockStatus } from './contract.ts';
import { parseInput } from './validate.ts';

const MODES = ['instant', 'realistic', 'manual'] as const satisfies readonly ClockMode[];

const setBody = z.strictObject({ mode: z.enum(MODES), scale: z.number().positive().max(CLOCK_SCALE_MAX).optional() });
// A century is far beyond any transition; the cap only keeps dates representable.
const advanceBody = z.strictObject({ seconds: z.number().positive().max(100 * 365 * 86_400) });

export function registerClockRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;

  app.get(`${API_PREFIX}/clock`, (): ClockStatus => engine.clockStatus());

  app.put(`${API_PREFIX}/clock`, async (req): Promise<ClockStatus> => {
    const body = parseInput(setBody, req.body, 'body');
    return engine.setClock(body.mode, body.scale);
  });

  app.post(`${API_PREFIX}/clock/advance`, async (req): Promise<ClockStatus> => {
    const { seconds } = parseInput(advanceBody, req.body, 'body');
    const mode = engine.clockStatus().mode;
    if (mode !== 'manual') {
      throw fastroute.conflict(`the clock is ${mode}; only a manual clock can be advanced (PUT ${API_PREFIX}/clock {"mode":"manual"})`);
    }
    return engine.advance(seconds);
  });
}
