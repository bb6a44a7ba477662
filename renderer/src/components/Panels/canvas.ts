/**
 * A canvas sized for the screen: its backing store `width` × `height` CSS pixels times the device
 * pixel ratio, and a 2-D context scaled so drawing code works in CSS pixels. The backing store is
 * only reassigned when its size changes (assigning clears the canvas and its state). Null when the
 * canvas has no 2-D context.
 */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = globalThis.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/**
 * Reads theme colours (CSS custom properties, light or dark) from a computed style, with a
 * fallback for a variable that is not set: `cssVar(getComputedStyle(el))('--dw-fg', '#1e2328')`.
 */
export function cssVar(style: CSSStyleDeclaration): (name: string, fallback: string) => string {
  return (name, fallback) => style.getPropertyValue(name).trim() || fallback;
}
