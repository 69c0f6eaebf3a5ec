// GET /alerts: the shipped alerting rules (src/alerts/rules.ts, the same as
// monitoring/prometheus/fastroute-alerts.yml) evaluated on FastRoute's own metric history, settled
// and sampled first like a scrape: each active alert pending or firing, since when, its labels and
// summary. `?state=firing|pending` keeps one state.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { activeAlerts } from '../../alerts/from-history.ts';
import { ALERT_RULES } from '../../alerts/rules.ts';
import type { AlertsResponse } from '../../alerts/types.ts';
import { capacityValues } from '../../metrics/capacity.ts';
import { metricsFor } from '../../metrics/sampler.ts';
import { displayNamesIn } from '../../model/display-names.ts';
import type { AdminContext } from './context.ts';
import { API_PREFIX } from './contract.ts';
import { parseInput } from './validate.ts';

const query = z.strictObject({ state: z.enum(['pending', 'firing']).optional() });

export function registerAlertRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { engine } = ctx;
  app.get(`${API_PREFIX}/alerts`, async (req): Promise<AlertsResponse> => {
    const { state } = parseInput(query, req.query, 'query');
    const history = await metricsFor(engine).current();
    return engine.read((view): AlertsResponse => {
      const now = engine.now();
      const alerts = activeAlerts(history, capacityValues(view), now).filter((a) => state === undefined || a.state === state);
      return { evaluatedAt: new Date(now).toISOString(), rules: ALERT_RULES.length, alerts, names: displayNamesIn(view, alerts) };
    });
  });
}
