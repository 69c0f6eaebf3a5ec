// The `traffic:` section of a lab and the body of POST /fastroute/v1/traffic: the same schema, so
// both refuse the same mistakes with the same words, at the field.
import { z } from 'zod';
import { HOURS_PER_DAY } from './schedule.ts';

/** The most Mbps one flow may declare (10 × a 10 Gbps circuit: far beyond any link, still a number). */
export const MAX_FLOW_MBPS = 100_000;
/** The most flows one lab or request declares (bounds the work of a placement). */
export const MAX_FLOWS = 100_000;

const factor = z.number().min(0, 'an hourly factor is 0 or more').max(100, 'an hourly factor is at most 100');

export const scheduleSchema = z.union(
  [
    z.literal('constant'),
    z.strictObject({ daily: z.array(factor).length(HOURS_PER_DAY, `a daily profile has ${HOURS_PER_DAY} hourly factors (UTC hour 0 first)`).describe('24 hourly factors (0-100), UTC hour 0 first.') }),
  ],
  { error: 'schedule is "constant" or { daily: [24 hourly factors] }' },
).describe('"constant" (default), or { daily: [24 factors] }: the rate is mbps × the factor of the UTC hour.');

const rate = (what: string) => z.number().min(0, `${what} is 0 or more`).max(MAX_FLOW_MBPS, `${what} is at most ${MAX_FLOW_MBPS}`);

export const trafficFlowSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'a flow name is 1-80 letters, digits, ".", "_" or "-"').describe('Flow name, unique.'),
    from: z.string().min(1).describe('Source: a VM name, an IP address, or "onprem:<site>" (as expectations name it).'),
    to: z.string().min(1).describe('Destination: a VM name, an IP address, or "onprem:<site>".'),
    protocol: z.enum(['icmp', 'tcp', 'udp']).describe('icmp, tcp or udp.'),
    port: z.int().min(1).max(65535).optional().describe('Destination port: required for tcp and udp, absent for icmp.'),
    mbps: rate('mbps').describe('The request direction\'s rate in Mbps.'),
    replyMbps: rate('replyMbps').optional().describe('The reply direction\'s rate in Mbps; default 0.'),
    schedule: scheduleSchema.optional().describe('"constant" (default), or { daily: [24 factors] }: the rate is mbps × the factor of the UTC hour.'),
  })
  .superRefine((f, ctx) => {
    if (f.protocol === 'icmp' && f.port !== undefined) ctx.addIssue({ code: 'custom', path: ['port'], message: 'an icmp flow has no port' });
    if (f.protocol !== 'icmp' && f.port === undefined) ctx.addIssue({ code: 'custom', path: ['port'], message: `a ${f.protocol} flow needs a port` });
  })
  .describe('A flow of traffic at a rate, placed on the paths the engine computes.');

/** Flow names are unique in a list; reports each repeat at its name. */
export function repeatedFlowNames(flows: readonly { name: string }[]): { index: number; message: string }[] {
  const seen = new Set<string>();
  const out: { index: number; message: string }[] = [];
  flows.forEach((f, index) => {
    if (seen.has(f.name)) out.push({ index, message: `flow name "${f.name}" is used more than once` });
    seen.add(f.name);
  });
  return out;
}

export const trafficListSchema = z.array(trafficFlowSchema).max(MAX_FLOWS, `at most ${MAX_FLOWS} flows`)
  .superRefine((flows, ctx) => {
    for (const r of repeatedFlowNames(flows)) ctx.addIssue({ code: 'custom', path: [r.index, 'name'], message: r.message });
  });
