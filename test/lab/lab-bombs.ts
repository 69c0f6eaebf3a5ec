// Hostile labs shared by the lab-limit tests (parser and admin API).

/** 9 levels of 9 aliases each: 9^9 (387 million) strings once expanded; under 1 KB of text. */
export const BILLION_LAUGHS = ['name: lol', 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i] ?? ''}`).join(', ')}]`)].join('\n');
