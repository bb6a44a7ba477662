/**
 * PNG exports of charts: a canvas encoded as PNG bytes, several canvases composed into one
 * picture (the lab's helper), and an SVG drawing rasterised for panels that are not canvases
 * (the confusion table, the runs, the predictions grid).
 */
import { tmsg } from '../../i18n';
import { TextError } from '../../i18n/TextError';
import { composeCanvases } from '../Panels/Lab/Paths/exportPlots';

export { composeCanvases };

/** The PNG encoding of a canvas. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) {
        reject(new TextError(tmsg('app.png.encode')));
        return;
      }
      blob.arrayBuffer().then((b) => resolve(new Uint8Array(b)), reject);
    }, 'image/png');
  });
}

/** The width and height an SVG document declares on its root. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0) || !(height > 0)) throw new TextError(tmsg('app.png.noSize'));
  return { width, height };
}

/**
 * Draws an SVG document onto a new canvas at `scale` device pixels per unit (at least 2, so
 * the picture stays sharp when viewed larger).
 */
export async function svgToCanvas(svg: string, scale = Math.max(2, globalThis.devicePixelRatio || 1)): Promise<HTMLCanvasElement> {
  const { width, height } = svgSize(svg);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new TextError(tmsg('app.png.noCanvas'));
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas;
  } finally {
    URL.revokeObjectURL(url);
  }
}
