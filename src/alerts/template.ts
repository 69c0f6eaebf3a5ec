// The part of Prometheus' alert templating the shipped rules use, so FastRoute's own alerts read
// exactly as Prometheus' do: {{ $labels.name }}, {{ $value }} and {{ $value | humanizePercentage }}.
// Pure.

/** Go's %v of a float64: shortest representation, exponent only from 1e21 (as JavaScript's String). */
function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(v);
}

/** Go's %.4g: four significant digits, trailing zeros dropped, an exponent below 1e-4 or from 1e4. */
function goG4(v: number): string {
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 4) {
    const [mantissa = '', e = '0'] = v.toExponential(3).split('e');
    const n = Number(e);
    return `${String(Number(mantissa))}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(Number(v.toPrecision(4)));
}

/** humanizePercentage: the ratio as a percentage, `%.4g%%`. */
export function humanizePercentage(ratio: number): string {
  return `${goG4(ratio * 100)}%`;
}

const ACTION = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Renders a template with the alert's labels and value; an unknown action is an error (a typo in a rule). */
export function renderTemplate(template: string, labels: Readonly<Record<string, string>>, value: number): string {
  return template.replace(ACTION, (_all, action: string) => {
    const label = /^\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(action);
    if (label) return labels[label[1] ?? ''] ?? '';
    if (action === '$value') return goFloat(value);
    if (/^\$value\s*\|\s*humanizePercentage$/.test(action)) return humanizePercentage(value);
    throw new Error(`unsupported template action {{ ${action} }}`);
  });
}
