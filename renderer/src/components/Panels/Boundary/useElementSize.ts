import { useEffect, useState, type RefObject } from 'react';

/**
 * The content-box size of an element in CSS pixels, kept current by a ResizeObserver (the
 * panel strip is resized by dragging, and the window by the user). Starts at 0 × 0 until the
 * first observation; rounded down so sub-pixel jitter does not re-render.
 */
export function useElementSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (width: number, height: number) => {
      const next = { width: Math.floor(width), height: Math.floor(height) };
      setSize((prev) => (prev.width === next.width && prev.height === next.height ? prev : next));
    };
    update(el.clientWidth, el.clientHeight);
    // Older WebViews lack ResizeObserver: the first measurement then stays.
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      update(box.width, box.height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
