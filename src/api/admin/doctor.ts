// GET /doctor: every doctor rule over the live world (rules about a lab's expectations need the
// lab file, so they run in `fastroute check` rather than here; the cost rules price the declared traffic).
import type { FastifyInstance } from 'fastify';
import { runDoctor } from '../../doctor/doctor.ts';
import { trafficFlows } from '../../engine/traffic-runner.ts';
import { displayNamesIn } from '../../model/display-names.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX, type DoctorResponse } from './contract.ts';

export function registerDoctorRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;
  app.get(`${API_PREFIX}/doctor`, async (): Promise<DoctorResponse> => engine.read((view) => {
    const report = runDoctor(engine.routing, undefined, { flows: trafficFlows(engine), at: engine.now() });
    return { ...report, names: displayNamesIn(view, report) };
  }));
}
