// Labs: apply one from YAML text, tear one down, list them. Parsing happens before anything
// changes, so an invalid lab is a 400 with line-accurate issues and the world is untouched. A lab
// that is up is refused (409), unless it was cut off before its connections: then `up` finishes it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { downLab, labCutOff, resumeLab, upLab } from '../../engine/lab-runner.ts';
import { declareTraffic, removeLabTraffic } from '../../engine/traffic-runner.ts';
import { labNames } from '../../lab/apply.ts';
import { parseLabOffThread } from '../../engine/parse-lab-off-thread.ts';
import { fastroute } from '../../model/errors.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type LabDownResponse, type LabsResponse } from './contract.ts';
import { respondWithProgress } from './progress.ts';
import { parseInput } from './validate.ts';

const upBody = z.strictObject({
  yaml: z.string().min(1),
  /** Shown in error messages; the client's file name. */
  file: z.string().min(1).optional(),
});

const downParams = z.strictObject({ name: z.string().min(1) });

export function registerLabRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;
  const present = (): Promise<string[]> => engine.read((view) => labNames(view));

  app.get(`${API_PREFIX}/labs`, async (): Promise<LabsResponse> => ({ labs: await present() }));

  app.post(`${API_PREFIX}/labs`, async (req, reply) => {
    const body = parseInput(upBody, req.body, 'body');
    const lab = await parseLabOffThread(body.yaml, body.file ?? 'lab.yaml');
    // The lab's traffic is declared with it (the flows name its VMs; placement follows the world).
    if (await labCutOff(engine, lab)) {
      declareTraffic(engine, lab.traffic, { lab: lab.name });
      return respondWithProgress(req, reply, 201, (onProgress) => resumeLab(engine, lab, { onProgress }));
    }
    if ((await present()).includes(lab.name)) {
      throw fastroute.conflict(`lab "${lab.name}" is already up; tear it down first (fastroute down ${lab.name})`);
    }
    declareTraffic(engine, lab.traffic, { lab: lab.name });
    return respondWithProgress(req, reply, 201, (onProgress) => upLab(engine, lab, { onProgress }));
  });

  app.delete(`${API_PREFIX}/labs/:name`, async (req, reply) => {
    const { name } = parseInput(downParams, req.params, 'path');
    if (!(await present()).includes(name)) throw fastroute.notFound(`no lab named "${name}" is up`);
    return respondWithProgress(req, reply, 200, async (onProgress): Promise<LabDownResponse> => {
      const result = await downLab(engine, name, { onProgress });
      removeLabTraffic(engine, name);
      return { lab: name, ...result };
    });
  });
}
