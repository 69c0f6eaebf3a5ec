// .NET custom numeric format strings for format()'s '{0:#,##0.00}' items
// (https://learn.microsoft.com/dotnet/standard/base-types/custom-numeric-format-strings), in the invariant
// culture: '0' and '#' placeholders, '.', ',' as group separator (or, right before the point, as a
// thousands scaler), '%', quoted or escaped literals before and after the number, and 'positive;negative;zero'
// sections. Literals between placeholders ('(###) ###-####') and exponents are refused as not modelled.
import { fnError, type Call } from './template-fn-common.ts';

/** One section split into what comes before the number, the number's pattern, and what follows. */
interface Section { prefix: string; integer: string; fraction: string | undefined; suffix: string; percent: boolean }

const PLACEHOLDER = /[0#]/;

function literalsOf(pattern: string, call: Call, spec: string): { text: string; items: { ch: string; literal: boolean }[] } {
  const items: { ch: string; literal: boolean }[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\') {
      items.push({ ch: pattern[++i] ?? '', literal: true });
    } else if (c === "'" || c === '"') {
      const end = pattern.indexOf(c, i + 1);
      if (end < 0) throw fnError(call, `the format specifier '${spec}' has an unterminated quoted literal`);
      for (const ch of pattern.slice(i + 1, end)) items.push({ ch, literal: true });
      i = end;
    } else {
      if (/[eE]/.test(c) && /[0+-]/.test(pattern[i + 1] ?? '')) throw fnError(call, `the format specifier '${spec}' uses an exponent, which FastRoute does not model`);
      items.push({ ch: c, literal: !/[0#.,%]/.test(c) });
    }
  }
  return { text: pattern, items };
}

function sectionOf(pattern: string, call: Call, spec: string): Section {
  const { items } = literalsOf(pattern, call, spec);
  const first = items.findIndex((x) => !x.literal && PLACEHOLDER.test(x.ch));
  const last = items.findLastIndex((x) => !x.literal && (PLACEHOLDER.test(x.ch) || x.ch === '.' || x.ch === ','));
  const text = (xs: typeof items) => xs.map((x) => x.ch).join('');
  const percent = items.some((x) => !x.literal && x.ch === '%');
  if (first < 0) return { prefix: text(items), integer: '', fraction: undefined, suffix: '', percent };
  const body = items.slice(first, last + 1);
  if (body.some((x) => x.literal || x.ch === '%')) throw fnError(call, `the format specifier '${spec}' has literals between its digit placeholders, which FastRoute does not model`);
  const core = text(body);
  const dot = core.indexOf('.');
  return { prefix: text(items.slice(0, first)), integer: dot < 0 ? core : core.slice(0, dot), fraction: dot < 0 ? undefined : core.slice(dot + 1).replace(/,/g, ''), suffix: text(items.slice(last + 1)), percent };
}

function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function render(n: number, s: Section): string {
  const scaleCommas = /,+$/.exec(s.integer)?.[0].length ?? 0;
  const integer = s.integer.slice(0, s.integer.length - scaleCommas);
  const value = Math.abs(n) * (s.percent ? 100 : 1) / 1000 ** scaleCommas;
  const fraction = s.fraction ?? '';
  const [whole = '0', frac = ''] = value.toFixed(fraction.length).split('.');
  const minInt = integer.includes('0') ? integer.length - integer.indexOf('0') - (integer.slice(integer.indexOf('0')).match(/,/g)?.length ?? 0) : 0;
  let int = whole.replace(/^0+/, '').padStart(minInt, '0');
  if (integer.includes(',')) int = grouped(int);
  const keep = fraction.lastIndexOf('0') + 1;
  const fracText = frac.replace(/0+$/, '').padEnd(keep, '0');
  return `${s.prefix}${int}${fracText === '' ? '' : `.${fracText}`}${s.suffix}`;
}

/** n formatted with a custom pattern such as '#,##0.00', '000' or '0.0%;(0.0%);zero'. */
export function customNumber(n: number, spec: string, call: Call): string {
  const sections = spec.split(';');
  if (sections.length > 3) throw fnError(call, `the format specifier '${spec}' has more than three sections`);
  const [positive = '', negative, zero] = sections;
  if (n === 0 && zero !== undefined) return render(0, sectionOf(zero, call, spec));
  if (n < 0 && negative !== undefined && negative !== '') return render(n, sectionOf(negative, call, spec));
  const text = render(n, sectionOf(positive, call, spec));
  // A negative number that does not round to zero keeps its sign, as .NET writes it.
  return n < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}
