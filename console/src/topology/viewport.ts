// Pan and zoom of the drawing, as pure arithmetic: a view maps drawing coordinates to screen
// pixels (screen = drawing × k + (x, y)). "Fit" shows the whole drawing as large as the canvas
// allows in both directions, centred, and never blows a small lab up beyond MAX_FIT.
export interface View { k: number; x: number; y: number }
export interface Size { width: number; height: number }

/** A small lab is scaled up to fill the canvas, but not beyond this (text would look shouted). */
export const MAX_FIT = 1.6;
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 4;
/** Room left around the drawing when fitted. */
const FIT_PAD = 8;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The scale at which the drawing fits the canvas in both directions. */
function fitScale(content: Size, screen: Size): number {
  if (content.width <= 0 || content.height <= 0) return 1;
  const k = Math.min((screen.width - 2 * FIT_PAD) / content.width, (screen.height - 2 * FIT_PAD) / content.height);
  return clamp(k, MIN_ZOOM, MAX_FIT);
}

export function fitView(content: Size, screen: Size): View {
  const k = fitScale(content, screen);
  return { k, x: (screen.width - content.width * k) / 2, y: (screen.height - content.height * k) / 2 };
}

/** Zooms by `factor` keeping the drawing point under `at` (screen pixels) where it is. */
export function zoomAt(v: View, factor: number, at: { x: number; y: number }): View {
  const k = clamp(v.k * factor, MIN_ZOOM, MAX_ZOOM);
  const f = k / v.k;
  return { k, x: at.x - (at.x - v.x) * f, y: at.y - (at.y - v.y) * f };
}

export const panBy = (v: View, dx: number, dy: number): View => ({ k: v.k, x: v.x + dx, y: v.y + dy });

/**
 * How tall a canvas that shows the drawing in full should be: as tall as the drawing at the scale
 * the width allows, but no taller than `maxHeight` (the part of the window below the canvas's top).
 */
export function canvasHeight(content: Size, width: number, maxHeight: number, minHeight = 200): number {
  if (content.width <= 0) return minHeight;
  const k = clamp((width - 2 * FIT_PAD) / content.width, MIN_ZOOM, MAX_FIT);
  return Math.round(clamp(content.height * k + 2 * FIT_PAD, minHeight, Math.max(minHeight, maxHeight)));
}
