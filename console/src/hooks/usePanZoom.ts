// Pan and zoom of a topology canvas: the wheel zooms at the pointer, a drag pans, the buttons zoom
// in, out and back to fit. Until the user pans or zooms, the view follows "fit" (a new drawing size
// or a resized window refits); after that it stays where the user put it, through live updates.
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { canvasHeight, fitView, panBy, type Size, type View, zoomAt } from '../topology/viewport.ts';

/** How the canvas is sized: the rest of the window, or as tall as the drawing needs (at most the window). */
export type CanvasFill = 'window' | 'content';

const BOTTOM_GAP = 20;
const MIN_HEIGHT = 200;
/** A press that moves less than this is a click, not a drag. */
const DRAG_SLOP = 4;
const WHEEL_STEP = 1.0015;
/** Zoom factor of the + and − buttons. */
export const ZOOM_STEP = 1.25;

export interface PanZoom {
  ref: RefObject<HTMLDivElement | null>;
  size: Size;
  view: View;
  fitted: boolean;
  fit: () => void;
  zoom: (factor: number) => void;
}

function useCanvasSize(ref: RefObject<HTMLDivElement | null>, content: Size, fill: CanvasFill): Size {
  const [box, setBox] = useState({ width: 0, top: 0, window: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => {
      const r = el.getBoundingClientRect();
      const next = { width: el.clientWidth, top: r.top + window.scrollY, window: window.innerHeight };
      setBox((cur) => (cur.width === next.width && cur.top === next.top && cur.window === next.window ? cur : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    window.addEventListener('resize', measure);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref]);
  const room = Math.max(MIN_HEIGHT, box.window - box.top - BOTTOM_GAP);
  const height = fill === 'window' ? room : canvasHeight(content, box.width, room, MIN_HEIGHT);
  return { width: box.width, height };
}

export function usePanZoom(content: Size, fill: CanvasFill): PanZoom {
  const ref = useRef<HTMLDivElement | null>(null);
  const size = useCanvasSize(ref, content, fill);
  const [manual, setManual] = useState<View | undefined>(undefined);
  const view = manual ?? fitView(content, size);
  const current = useRef(view);
  current.current = view;

  const zoom = useCallback((factor: number) => {
    setManual(zoomAt(current.current, factor, { x: size.width / 2, y: size.height / 2 }));
  }, [size.width, size.height]);
  const fit = useCallback(() => { setManual(undefined); }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const onWheel = (e: WheelEvent) => {
      // A canvas inside a long page (trace, drills) leaves the wheel to the page unless Ctrl/⌘ is held.
      if (fill === 'content' && !e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      setManual(zoomAt(current.current, WHEEL_STEP ** -delta, { x: e.clientX - r.left, y: e.clientY - r.top }));
    };
    let swallowClick = false;
    const onClick = (e: MouseEvent) => {
      if (!swallowClick) return;
      swallowClick = false;
      e.stopPropagation();
      e.preventDefault();
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      swallowClick = false;
      const start = { x: e.clientX, y: e.clientY, view: current.current };
      let dragging = false;
      const onMove = (m: PointerEvent) => {
        const dx = m.clientX - start.x;
        const dy = m.clientY - start.y;
        if (!dragging && Math.hypot(dx, dy) < DRAG_SLOP) return;
        dragging = true;
        el.classList.add('panning');
        setManual(panBy(start.view, dx, dy));
      };
      const onUp = () => {
        window.removeEventListener('pointermove', onMove);
        window.removeEventListener('pointerup', onUp);
        el.classList.remove('panning');
        // The click that ends a drag must not select (or deselect) anything.
        swallowClick = dragging;
      };
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('click', onClick, true);
    return () => {
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('click', onClick, true);
    };
  }, [fill]);

  return { ref, size, view, fitted: manual === undefined, fit, zoom };
}
