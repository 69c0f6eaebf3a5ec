// Progress of a lab run. The header ("Applying labs/x.yaml…") is printed with the first progress
// line, so a refused run (already up, not up) shows only its error. While the clock must move
// (`waiting`: an ExpressRoute gateway takes ~18 s at the default scale) a terminal gets one live
// line whose elapsed time keeps counting, replaced by the next line; a pipe or file gets each
// waiting line once, as plain text.
import type { LabProgress } from '../api/admin/contract.ts';
import { formatProgress } from './format/lab.ts';

const REDRAW_MS = 250;
const CLEAR_LINE = '\r\x1b[K';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export class ProgressPrinter {
  private headerShown = false;
  private live: { line: LabProgress; elapsedMs: number; at: number; timer: NodeJS.Timeout } | undefined;

  constructor(private readonly header: string, private readonly out: ProgressOutput = process.stdout) {}

  /** One progress line at `elapsedMs` since the run began. */
  line(p: LabProgress, elapsedMs: number): void {
    this.showHeader();
    this.endLive();
    if (p.phase === 'waiting' && this.out.isTTY === true) {
      const timer = setInterval(() => { this.redraw(); }, REDRAW_MS);
      timer.unref();
      this.live = { line: p, elapsedMs, at: Date.now(), timer };
      this.redraw();
      return;
    }
    this.out.write(`${formatProgress(p, elapsedMs)}\n`);
  }

  /** Ends the live line, if any (call before printing the outcome or an error). */
  finish(): void {
    this.endLive();
  }

  private showHeader(): void {
    if (this.headerShown) return;
    this.headerShown = true;
    this.out.write(`${this.header}\n`);
  }

  private redraw(): void {
    if (this.live === undefined) return;
    this.out.write(`${CLEAR_LINE}${formatProgress(this.live.line, this.live.elapsedMs + Date.now() - this.live.at)}`);
  }

  private endLive(): void {
    if (this.live === undefined) return;
    clearInterval(this.live.timer);
    this.live = undefined;
    this.out.write(CLEAR_LINE);
  }
}
