// The lab progress printer: the header only once a run has started, a live (redrawn, unterminated)
// waiting line on a terminal that the next line replaces, and plain lines in a pipe.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProgressPrinter } from '../../src/cli/progress.ts';

const CLEAR = '\r\x1b[K';

function output(isTTY: boolean): { writes: string[]; out: { isTTY: boolean; write: (t: string) => void } } {
  const writes: string[] = [];
  return { writes, out: { isTTY, write: (t) => { writes.push(t); } } };
}

void describe('ProgressPrinter', () => {
  void it('prints nothing, not even the header, when no progress came', () => {
    const { writes, out } = output(true);
    new ProgressPrinter('Applying x…', out).finish();
    assert.deepEqual(writes, []);
  });

  void it('on a terminal, keeps the waiting line live until the next line replaces it', () => {
    const { writes, out } = output(true);
    const p = new ProgressPrinter('Applying x…', out);
    p.line({ phase: 'resources', message: 'creating' }, 0);
    p.line({ phase: 'waiting', message: 'waiting for ExpressRoute gateway ergw: Updating, ~18 s at clock scale 0.01' }, 300);
    const live = writes.at(-1) ?? '';
    assert.ok(live.startsWith(CLEAR) && !live.endsWith('\n') && live.includes('ExpressRoute gateway ergw'), JSON.stringify(live));
    p.line({ phase: 'done', message: 'lab x is up' }, 18_000);
    p.finish();
    assert.equal(writes[0], 'Applying x…\n', 'the header once, first');
    assert.deepEqual(writes.slice(-2), [CLEAR, '  [  18.0s] done         lab x is up\n'], 'the live line is cleared, then the next line printed');
  });

  void it('in a pipe, prints each waiting line once, plainly', () => {
    const { writes, out } = output(false);
    const p = new ProgressPrinter('Applying x…', out);
    p.line({ phase: 'waiting', message: 'waiting for connection c: Updating, ~1 s at clock scale 0.01' }, 1500);
    p.finish();
    assert.deepEqual(writes, ['Applying x…\n', '  [   1.5s] waiting      waiting for connection c: Updating, ~1 s at clock scale 0.01\n']);
  });
});
