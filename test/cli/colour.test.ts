// Colour only for a terminal (and never with NO_COLOR): the verdict is green or red there, plain in pipes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { colourEnabled, paint } from '../../src/cli/format/colour.ts';
import { formatVerdict } from '../../src/cli/format/trace.ts';

void describe('CLI colour', () => {
  void it('is on for a terminal unless NO_COLOR is set', () => {
    assert.equal(colourEnabled({ isTTY: true }, {}), true);
    assert.equal(colourEnabled({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(colourEnabled({ isTTY: false }, {}), false);
    assert.equal(colourEnabled({}, {}), false);
  });

  void it('paints the verdict green when delivered and red when dropped', () => {
    assert.equal(formatVerdict({ verdict: 'delivered', reason: 'DELIVERED' }, true).startsWith(`Verdict: ${paint('DELIVERED', 'green', true)}`), true);
    assert.ok(formatVerdict({ verdict: 'dropped', reason: 'NSG_DENY' }, true).includes('\u001b[31mDROPPED\u001b[39m (NSG_DENY)'));
    assert.equal(formatVerdict({ verdict: 'dropped', reason: 'NSG_DENY' }, false), 'Verdict: DROPPED (NSG_DENY): An Azure network security group rule (NIC or subnet) denies the packet.');
  });
});
