/**
 * A small live decision-boundary picture of one lab run: the Boundary panel's painter
 * (paintBoundary) on a canvas of its own, repainted whenever the run changes (the lab-runs store
 * hands runs on at most once per animation frame). Before the first grid the plot is blank with
 * the training points, once the run has sent them.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useLocale } from '../../../../i18n';
import type { LiveRun } from '../../../../training/liveRun';
import { classPalette } from '../../Boundary/boundaryImage';
import { paintBoundary, type PaintCache } from '../../Boundary/paintBoundary';
import { useColorScheme } from '../../Curves/useColorScheme';
import { cssVar } from '../../canvas';

export interface BoundaryCanvasProps {
  readonly run: LiveRun | null;
  /** Side in CSS pixels. */
  readonly size: number;
  readonly testId: string;
  readonly label: string;
}

export function BoundaryCanvas({ run, size, testId, label }: BoundaryCanvasProps) {
  const { t, locale } = useLocale();
  // The axes take the theme's colours: repaint when the system flips between light and dark.
  const scheme = useColorScheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  const cache = useRef<PaintCache>({});
  const grids = useRef<{ count: number; last: unknown }>({ count: 0, last: null });
  const points = run?.info?.points ?? null;
  const classes = run?.info?.classes ?? 2;
  const palette = useMemo(() => classPalette(classes), [classes]);
  const format = useMemo(() => {
    const formats = new Map<number, Intl.NumberFormat>();
    return (v: number, decimals: number) => {
      let f = formats.get(decimals);
      if (!f) formats.set(decimals, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
      return f.format(v);
    };
  }, [locale]);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const style = getComputedStyle(el);
    const css = cssVar(style);
    const colors = {
      fg: css('--dw-fg', '#1e2328'), muted: css('--dw-muted', '#6b7280'), border: css('--dw-border', '#d9dce1'),
      bg: css('--dw-bg', '#f7f7f9'), font: style.fontFamily || 'sans-serif',
    };
    const scenePoints = points ?? { xy: new Float32Array(0), labels: new Uint8Array(0), xRange: [-0.5, 1.5] as [number, number], yRange: [-0.5, 1.5] as [number, number] };
    paintBoundary(el, {
      boundary: run?.boundary ?? null, points: scenePoints, palette, size, dpr: window.devicePixelRatio || 1, format,
      axisNames: [t('panel.boundary.axisX'), t('panel.boundary.axisY')], colors,
    }, cache.current);
    if (run?.boundary && run.boundary !== grids.current.last) {
      grids.current = { count: grids.current.count + 1, last: run.boundary };
      el.dataset.updates = String(grids.current.count);
    }
  }, [run, points, palette, size, format, t, scheme]);

  return (
    <canvas ref={canvas} data-testid={testId} data-updates="0" data-ready={!!run?.boundary} role="img" aria-label={label}
      style={{ width: size, height: size }} />
  );
}
