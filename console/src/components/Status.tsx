// Small shared pieces: a coloured state word, an error box, a loading line.
import type { ReactNode } from 'react';

/** Maps the clouds' many state words onto the console's colour classes. */
export function tone(word: string | boolean | undefined): string {
  if (word === true) return 'up';
  if (word === false || word === undefined) return 'down';
  const w = word.toLowerCase();
  if (['up', 'available', 'provisioned', 'active', 'enabled', 'succeeded', 'connected', 'attached', 'running', 'delivered', 'established'].includes(w)) return 'up';
  if (['provisioning', 'pending_provider', 'updating', 'creating', 'notprovisioned', 'connecting', 'attaching', 'verifying'].includes(w)) return 'provisioning';
  if (['failed', 'canceled', 'dropped'].includes(w)) return 'failed';
  if (['deleting', 'terminating', 'deprovisioning', 'detaching'].includes(w)) return 'deleting';
  return 'down';
}

export function StateWord({ word }: { word: string | boolean | undefined }) {
  const text = word === true ? 'UP' : word === false ? 'DOWN' : word ?? '—';
  return <span className={`pill state-${tone(word)}`}>{text}</span>;
}

export function ErrorBox({ error }: { error: string | undefined }) {
  return error === undefined ? null : <p className="error" role="alert">{error}</p>;
}

export function Loading({ when, children }: { when: boolean; children?: ReactNode }) {
  return when ? <p className="muted">{children ?? 'Loading…'}</p> : null;
}
