// format(): .NET composite formatting, which ARM's format() documents it uses
// ("{0}, {1}. Formatted number: {2:N0}"): {index[,alignment][:specifier]}, "{{" and "}}" as braces,
// the standard numeric specifiers templates use (N, D, X, F, G) and custom patterns ('#,##0.00',
// template-fn-numformat.ts), in the invariant culture.
import { chargeChars, fnError, type Call } from './template-fn-common.ts';
import { customNumber } from './template-fn-numformat.ts';
import type { Json } from './template-expressions.ts';

function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatNumber(n: number, spec: string, call: Call): string {
  const m = /^([A-Za-z])(\d{0,2})$/.exec(spec);
  if (!m) return customNumber(n, spec, call);
  const letter = m[1] ?? '';
  const precision = m[2] === '' || m[2] === undefined ? undefined : Number(m[2]);
  switch (letter.toUpperCase()) {
    case 'N': {
      const [whole = '', frac] = Math.abs(n).toFixed(precision ?? 2).split('.');
      return `${n < 0 ? '-' : ''}${grouped(whole)}${frac === undefined ? '' : `.${frac}`}`;
    }
    case 'F':
      return n.toFixed(precision ?? 2);
    case 'D':
      if (!Number.isInteger(n)) throw fnError(call, `the format specifier '${spec}' applies to integers only`);
      return `${n < 0 ? '-' : ''}${String(Math.abs(n)).padStart(precision ?? 0, '0')}`;
    case 'X': {
      if (!Number.isInteger(n)) throw fnError(call, `the format specifier '${spec}' applies to integers only`);
      const hex = (n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)).toString(16).padStart(precision ?? 0, '0');
      return letter === 'X' ? hex.toUpperCase() : hex;
    }
    case 'G':
      return String(n);
    default:
      throw fnError(call, `the format specifier '${spec}' is not supported (FastRoute formats numbers with N, D, X, F and G)`);
  }
}

function formatItem(v: Json, spec: string | undefined, call: Call): string {
  if (typeof v === 'number' && spec !== undefined && spec !== '') return formatNumber(v, spec, call);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null) return '';
  return JSON.stringify(v);
}

export function formatString(pattern: string, values: readonly Json[], call: Call): string {
  let out = '';
  let i = 0;
  const bad = () => fnError(call, `the format string '${pattern}' is not valid: 'Input string was not in a correct format.'`);
  while (i < pattern.length) {
    const c = pattern[i] ?? '';
    if ((c === '{' || c === '}') && pattern[i + 1] === c) {
      out += c;
      i += 2;
    } else if (c === '}') {
      throw bad();
    } else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) throw bad();
      const m = /^(\d+)\s*(?:,\s*(-?\d+))?(?::(.*))?$/s.exec(pattern.slice(i + 1, end));
      if (!m) throw bad();
      const index = Number(m[1]);
      if (index >= values.length) throw fnError(call, `the format string '${pattern}' refers to argument ${index}, and only ${values.length} were given: 'Index (zero based) must be greater than or equal to zero and less than the size of the argument list.'`);
      const text = formatItem(values[index] ?? null, m[3], call);
      const width = m[2] === undefined ? 0 : Number(m[2]);
      // .NET refuses an alignment of a million or more, which also bounds what one item can add.
      if (Math.abs(width) >= 1_000_000) throw bad();
      if (Math.abs(width) > text.length) chargeChars(call, Math.abs(width) - text.length);
      out += width < 0 ? text.padEnd(-width) : text.padStart(width);
      i = end + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
