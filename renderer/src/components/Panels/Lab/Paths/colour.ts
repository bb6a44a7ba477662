/**
 * The few colour sums the canvas plots need: the theme gives colours as CSS strings (styles.css
 * variables, usually hex), and the contour bands are shades mixed between two of them.
 */

/** r, g, b in 0…255 and alpha in 0…1. */
export type Rgba = readonly [number, number, number, number];

/** Parses `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(…)` and `rgba(…)`; null for anything else. */
export function parseColour(css: string): Rgba | null {
  const s = css.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s);
  if (hex) {
    const h = hex[1];
    if (h.length === 3) return [parseInt(h[0] + h[0], 16), parseInt(h[1] + h[1], 16), parseInt(h[2] + h[2], 16), 1];
    const a = h.length === 8 ? parseInt(h.slice(6, 8), 16) / 255 : 1;
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), a];
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(s);
  if (fn) {
    const alpha = fn[4] === undefined ? 1 : fn[4].endsWith('%') ? parseFloat(fn[4]) / 100 : parseFloat(fn[4]);
    return [+fn[1], +fn[2], +fn[3], Math.min(1, Math.max(0, alpha))];
  }
  return null;
}

/**
 * The colour `t` of the way from `a` to `b` (0 gives a, 1 gives b), as `rgb()`/`rgba()`. A
 * colour that cannot be parsed is returned unmixed (`a` for t < 0.5, else `b`).
 */
export function mixColour(a: string, b: string, t: number): string {
  const ca = parseColour(a);
  const cb = parseColour(b);
  const u = Math.min(1, Math.max(0, t));
  if (!ca || !cb) return u < 0.5 ? a : b;
  const c = ca.map((v, i) => v + (cb[i] - v) * u);
  const [r, g, bl] = c.slice(0, 3).map((v) => Math.round(v));
  const alpha = Math.round(c[3] * 1000) / 1000;
  return alpha >= 1 ? `rgb(${r}, ${g}, ${bl})` : `rgba(${r}, ${g}, ${bl}, ${alpha})`;
}
