// utcNow([format]) and newGuid(): the two functions ARM allows only in a parameter's defaultValue
// ("can only be used in the default value of a parameter", template-functions-date / -string).
// utcNow's format is a .NET date format; the tokens templates use are served (yyyy, yy, MM, M, dd, d,
// HH, H, hh, h, mm, m, ss, s, fff, tt, and the standard forms 'u', 's', 'o', 'd'), the default being
// 'yyyyMMddTHHmmssZ'.
import { randomUUID } from 'node:crypto';
import { invalidTemplate, type Json } from './template-expressions.ts';
import { arity, str, type Call } from './template-fn-common.ts';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const STANDARD: Record<string, string> = { u: "yyyy-MM-dd HH:mm:ss'Z'", s: 'yyyy-MM-ddTHH:mm:ss', o: "yyyy-MM-ddTHH:mm:ss.fffffff'Z'", d: 'M/d/yyyy' };

/** A date in a .NET standard or custom format (UTC). */
export function formatDate(date: Date, format: string): string {
  const pattern = format.length === 1 ? (STANDARD[format] ?? format) : format;
  const tokens: Record<string, () => string> = {
    yyyy: () => String(date.getUTCFullYear()), yy: () => pad(date.getUTCFullYear() % 100), MM: () => pad(date.getUTCMonth() + 1), M: () => String(date.getUTCMonth() + 1),
    dd: () => pad(date.getUTCDate()), d: () => String(date.getUTCDate()), HH: () => pad(date.getUTCHours()), H: () => String(date.getUTCHours()),
    hh: () => pad(date.getUTCHours() % 12 || 12), h: () => String(date.getUTCHours() % 12 || 12), mm: () => pad(date.getUTCMinutes()), m: () => String(date.getUTCMinutes()),
    ss: () => pad(date.getUTCSeconds()), s: () => String(date.getUTCSeconds()),
    fffffff: () => pad(date.getUTCMilliseconds(), 3) + '0000', fff: () => pad(date.getUTCMilliseconds(), 3), tt: () => (date.getUTCHours() < 12 ? 'AM' : 'PM'),
  };
  return pattern.replace(/'([^']*)'|yyyy|yy|fffffff|fff|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|tt/g, (m: string, quoted: string | undefined) => quoted ?? tokens[m]?.() ?? m);
}

/** The scope's flag that the expression is a parameter's default value, and its clock. */
export interface TimeScope {
  parameterDefault?: boolean;
  now?(): number;
}

function onlyInDefault(call: Call, scope: TimeScope): void {
  if (scope.parameterDefault !== true) throw invalidTemplate(`The template function '${call.name}' is not expected at this location. It can only be used in the default value of a parameter. Please see https://aka.ms/arm-functions for usage details`);
}

export function utcNow(args: readonly Json[], call: Call, scope: TimeScope): Json {
  onlyInDefault(call, scope);
  arity(args, call, 0, 1);
  return formatDate(new Date(scope.now?.() ?? Date.now()), args.length > 0 ? str(args, 0, call) : 'yyyyMMddTHHmmssZ');
}

export function newGuid(args: readonly Json[], call: Call, scope: TimeScope): Json {
  onlyInDefault(call, scope);
  arity(args, call, 0);
  return randomUUID();
}
