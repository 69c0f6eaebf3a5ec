// ARM's date functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-date):
// dateTimeAdd(base, duration, [format]) with an ISO 8601 duration, where, as documented, P1Y is 365 days
// and P1M 30 days whatever the calendar says; dateTimeFromEpoch(seconds) and dateTimeToEpoch(dateTime).
// Results without a format are ISO 8601 UTC ('2024-01-01T00:00:00Z'), as the documented examples show.
import { arity, fnError, int, str, type Call, type PureFunction } from './template-fn-common.ts';
import { formatDate } from './template-fn-time.ts';
import type { Json } from './template-expressions.ts';

const SECOND = 1000;
const DAY = 86_400 * SECOND;
/** Seconds in each ISO 8601 duration unit, with ARM's documented year (365 days) and month (30 days). */
const UNIT_MS: Record<string, number> = { Y: 365 * DAY, M: 30 * DAY, W: 7 * DAY, D: DAY, H: 3600 * SECOND, TM: 60 * SECOND, S: SECOND };

/** .NET's DateTime range, which ARM's dates live in. */
const MIN_MS = Date.parse('0001-01-01T00:00:00Z');
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An ISO 8601 timestamp: extended ('2020-04-07T14:53:14Z', 'T' or a space), or basic as utcNow() writes it ('20200407T145314Z'). */
export function parseDateTime(text: string, call: Call): number {
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  const iso = basic ? `${basic[1]}-${basic[2]}-${basic[3]}T${basic[4]}:${basic[5]}:${basic[6]}Z` : text.trim().replace(/^(\d{4}-\d{2}-\d{2})[ T]/, '$1T');
  const ok = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(iso);
  // A time without a zone is UTC, as ARM reads it.
  const ms = ok ? Date.parse(/T/.test(iso) && !/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? `${iso}Z` : iso) : NaN;
  if (Number.isNaN(ms)) throw fnError(call, `the value '${text}' was not recognized as a valid DateTime; use the ISO 8601 format, such as '2020-04-07T14:53:14Z'`);
  return ms;
}

/** '-P9D', 'PT1H', 'P1Y2M3DT4H5M6.5S', 'P2W': milliseconds, negative with a leading '-'. */
function parseDuration(text: string, call: Call): number {
  const m = /^([-+])?P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m) throw fnError(call, `the duration '${text}' is not a valid ISO 8601 duration, such as 'P1D' or 'PT1H'`);
  const parts: [string | undefined, string][] = [[m[2], 'Y'], [m[3], 'M'], [m[4], 'W'], [m[5], 'D'], [m[6], 'H'], [m[7], 'TM'], [m[8], 'S']];
  const ms = parts.reduce((sum, [v, unit]) => sum + (v === undefined ? 0 : Number(v) * (UNIT_MS[unit] ?? 0)), 0);
  return m[1] === '-' ? -ms : ms;
}

function inRange(ms: number, call: Call): Date {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) throw fnError(call, 'the result is outside the range of dates, 0001-01-01 to 9999-12-31');
  return new Date(ms);
}

/** ISO 8601 UTC, with the fraction only when there is one. */
function isoOf(date: Date): string {
  return formatDate(date, date.getUTCMilliseconds() === 0 ? "yyyy-MM-ddTHH:mm:ss'Z'" : "yyyy-MM-ddTHH:mm:ss.fff'Z'");
}

function dateTimeAdd(args: Json[], call: Call): Json {
  arity(args, call, 2, 3);
  const date = inRange(parseDateTime(str(args, 0, call), call) + parseDuration(str(args, 1, call), call), call);
  return args.length > 2 ? formatDate(date, str(args, 2, call)) : isoOf(date);
}

export const DATE_FUNCTIONS: Record<string, PureFunction> = {
  datetimeadd: dateTimeAdd,
  datetimefromepoch: (args, call) => {
    arity(args, call, 1);
    return isoOf(inRange(int(args, 0, call) * SECOND, call));
  },
  datetimetoepoch: (args, call) => {
    arity(args, call, 1);
    return Math.floor(parseDateTime(str(args, 0, call), call) / SECOND);
  },
};
