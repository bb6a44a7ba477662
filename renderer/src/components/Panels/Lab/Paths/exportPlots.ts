/**
 * "Export PNG" for the lab's canvas plots: every plot canvas under a container, placed as it is
 * laid out on screen (one plot, or the small multiples' grid), on the panel's background, saved
 * with Curves' download helper. The plots draw their own titles and legends, so the picture
 * needs nothing else.
 */
import { tmsg } from '../../../../i18n';
import { TextError } from '../../../../i18n/TextError';
import { downloadCanvas } from '../../Curves/exportPng';

/** One picture of `canvases` at their on-screen places relative to the first one's top-left. */
export function composeCanvases(canvases: readonly HTMLCanvasElement[], background: string, pad = 8): HTMLCanvasElement {
  const rects = canvases.map((c) => c.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.right));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  const dpr = canvases[0] && rects[0].width > 0 ? canvases[0].width / rects[0].width : 1;
  const out = document.createElement('canvas');
  out.width = Math.ceil((right - left + 2 * pad) * dpr);
  out.height = Math.ceil((bottom - top + 2 * pad) * dpr);
  const ctx = out.getContext('2d');
  if (!ctx) throw new TextError(tmsg('labError.noCanvas'));
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  canvases.forEach((c, i) => {
    const r = rects[i];
    ctx.drawImage(c, (r.left - left + pad) * dpr, (r.top - top + pad) * dpr, r.width * dpr, r.height * dpr);
  });
  return out;
}

/** Saves the plot canvases matching `selector` inside `root` as `name`.png. */
export async function exportPlots(root: HTMLElement, selector: string, name: string): Promise<void> {
  const canvases = Array.from(root.querySelectorAll<HTMLCanvasElement>(selector));
  if (canvases.length === 0) return;
  const background = getComputedStyle(root).getPropertyValue('--dw-panel').trim() || '#ffffff';
  await downloadCanvas(composeCanvases(canvases, background), `${name}.png`);
}
