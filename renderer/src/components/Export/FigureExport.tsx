/**
 * The "PNG" and "SVG" buttons every chart carries (UI.md). The panel says how to get its
 * picture: `png` returns the canvas to save (its own, or several composed), and `svg` builds the
 * vector drawing from the chart's data; without `png`, the PNG is the SVG drawn at twice the
 * size. Saved as a download in a browser, through main's dialog in the desktop app.
 */
import { useState } from 'react';
import { errorText, tmsg, useLocale } from '../../i18n';
import { TextError } from '../../i18n/TextError';
import { cssVar } from '../Panels/canvas';
import { showToast } from '../Toast/Toast';
import { saveFile } from './download';
import { canvasToPng, svgToCanvas } from './png';
import type { SvgTheme } from './svg';
import './Export.css';

export interface FigureExportProps {
  /** File name without extension ("curves", "decision-boundary"). */
  readonly name: string;
  /** Builds the SVG document, or null when there is nothing to draw yet. */
  readonly svg: () => string | null;
  /** The canvas to save as PNG; absent: the SVG, rasterised. */
  readonly png?: () => HTMLCanvasElement | null;
  readonly disabled?: boolean;
  /** Test ids: `<testId>-png` and `<testId>-svg`. */
  readonly testId: string;
}

/** The theme in effect at `el`, for an SVG drawn like the screen. */
export function svgTheme(el: Element): SvgTheme {
  const style = getComputedStyle(el);
  const v = cssVar(style);
  return {
    background: v('--dw-panel', '#ffffff'), fg: v('--dw-fg', '#1e2328'), muted: v('--dw-muted', '#6b7280'),
    grid: v('--dw-border', '#d9dce1'), fontFamily: style.fontFamily || 'sans-serif',
  };
}

const lastSegment = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function FigureExport({ name, svg, png, disabled, testId }: FigureExportProps) {
  const { t } = useLocale();
  const [busy, setBusy] = useState(false);

  const save = async (kind: 'png' | 'svg') => {
    setBusy(true);
    try {
      let bytes: Uint8Array;
      if (kind === 'svg') {
        const doc = svg();
        if (doc === null) throw new TextError(tmsg('figure.nothing'));
        bytes = new TextEncoder().encode(doc);
      } else {
        const doc = png ? null : svg();
        const canvas = png ? png() : doc === null ? null : await svgToCanvas(doc);
        if (!canvas) throw new TextError(tmsg('figure.nothing'));
        bytes = await canvasToPng(canvas);
      }
      const where = await saveFile(`${name}.${kind}`, bytes, kind);
      // A download shows itself; a file written by the desktop app says where it went.
      if (where && globalThis.window?.deepwire) showToast(tmsg('export.done', { name: lastSegment(where) }));
    } catch (e) {
      showToast(tmsg('figure.failed', { message: errorText(e) }), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="dw-figure-export">
      <button type="button" disabled={disabled || busy} title={t('figure.pngHint')} onClick={() => void save('png')} data-testid={`${testId}-png`}>
        {t('figure.png')}
      </button>
      <button type="button" disabled={disabled || busy} title={t('figure.svgHint')} onClick={() => void save('svg')} data-testid={`${testId}-svg`}>
        {t('figure.svg')}
      </button>
    </span>
  );
}
