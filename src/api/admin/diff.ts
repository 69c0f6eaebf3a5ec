// POST /diff: what a change does before it is made. Both sides come up in private in-memory engines
// (a lab's YAML, or a copy of the running world, which is read and never changed), the change is
// applied to the after side, and every flow, route table and finding that differs is reported.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AdminContext } from './context.ts';
import { API_PREFIX } from './contract.ts';
import { parseInput } from './validate.ts';
import { parseLabOffThread } from '../../engine/parse-lab-off-thread.ts';
import { runDiff, type DiffBase, type DiffChange } from '../../engine/diff-runner.ts';
import { ChangeOperationsSchema } from '../../engine/diff-change.ts';
import type { DiffReport } from '../../diff/types.ts';

const labText = z.strictObject({ yaml: z.string().min(1), file: z.string().min(1).optional() });
const side = z.union([z.literal('running'), labText]);

export const DiffBody = z.strictObject({
  before: side,
  /** Default: the same as before. */
  after: side.optional(),
  change: z.strictObject({
    operations: ChangeOperationsSchema.optional(),
    /** A lab applied on top of the after side. */
    yaml: z.string().min(1).optional(),
    file: z.string().min(1).optional(),
  }).optional(),
  within: z.boolean().optional(),
  failOn: z.enum(['any', 'lost', 'none']).optional(),
});
export type DiffBodyInput = z.input<typeof DiffBody>;

async function baseOf(s: z.infer<typeof side>, fallback: string): Promise<DiffBase> {
  if (s === 'running') return { running: true };
  const file = s.file ?? fallback;
  return { lab: await parseLabOffThread(s.yaml, file), file };
}

export function registerDiffRoutes(app: FastifyInstance, ctx: AdminContext): void {
  app.post(`${API_PREFIX}/diff`, async (req): Promise<DiffReport> => {
    const body = parseInput(DiffBody, req.body, 'body');
    const before = await baseOf(body.before, 'before.yaml');
    const after = body.after === undefined ? undefined : await baseOf(body.after, 'after.yaml');
    const c = body.change;
    const change: DiffChange | undefined = c === undefined ? undefined : {
      ...(c.operations ? { operations: c.operations } : {}),
      ...(c.yaml === undefined ? {} : { lab: await parseLabOffThread(c.yaml, c.file ?? 'change.yaml'), file: c.file ?? 'change.yaml' }),
      ...(c.yaml === undefined && c.file !== undefined ? { file: c.file } : {}),
    };
    return runDiff({ before, ...(after ? { after } : {}), ...(change ? { change } : {}), ...(body.within === undefined ? {} : { within: body.within }), ...(body.failOn ? { failOn: body.failOn } : {}) }, ctx.engine);
  });
}
