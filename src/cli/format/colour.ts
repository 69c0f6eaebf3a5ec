// Colour for the few words that matter (a verdict, a severity), and only when a person is looking:
// stdout is a terminal and NO_COLOR is not set. Piped output and CI logs stay plain.
export type Colour = 'green' | 'red' | 'yellow' | 'bold' | 'dim';

const CODES: Record<Colour, [number, number]> = { green: [32, 39], red: [31, 39], yellow: [33, 39], bold: [1, 22], dim: [2, 22] };

export function colourEnabled(stream: { isTTY?: boolean } = process.stdout, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export function paint(text: string, colour: Colour, enabled: boolean = colourEnabled()): string {
  if (!enabled) return text;
  const [open, close] = CODES[colour];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}
