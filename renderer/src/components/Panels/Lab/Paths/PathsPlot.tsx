/**
 * One canvas of the optimiser-paths experiment: sized to its box's width at the device's pixel
 * ratio, redrawn whenever the data, the animation step, the size, the theme or the language
 * changes. The count of path points drawn is on the canvas as data-points, so a test can tell
 * that paths were drawn and how far.
 */
import { useLayoutEffect, useRef } from 'react';
import type { lab } from '../../../../../../engine';
import { useLocale } from '../../../../i18n';
import { useElementSize } from '../../Boundary/useElementSize';
import { useColorScheme } from '../../Curves/useColorScheme';
import { formatTick } from '../../Distributions/format';
import { drawPathsPlot, type PlotColours } from './drawPaths';
import { pointsAtStep, type Band, type Bounds } from './pathsView';
import { prepareCanvas, cssVar } from '../../canvas';

export interface PlotPathInput {
  readonly kind: lab.PathOptimizerKind;
  readonly label: string;
  readonly points: ArrayLike<number>;
}

export interface PathsPlotProps {
  readonly bounds: Bounds;
  readonly bands: readonly Band[];
  readonly contourStyle: 'bands' | 'lines';
  readonly minimum: { x: number; y: number } | null;
  readonly start: readonly [number, number];
  readonly paths: readonly PlotPathInput[];
  readonly step: number;
  readonly steps: number;
  readonly title?: string;
  /** Height as a share of the width. */
  readonly aspect: number;
  readonly ariaLabel: string;
}

/** The colour of an optimiser's path, also used by the HTML legend and the results table. */
export const pathColourVar = (kind: lab.PathOptimizerKind) => `var(--dw-lab-path-${kind})`;

function readColours(el: Element): { plot: PlotColours; path: (kind: string) => string } {
  const css = getComputedStyle(el);
  const v = cssVar(css);
  return {
    plot: {
      fg: v('--dw-fg', '#1e2328'), muted: v('--dw-muted', '#6b7280'), border: v('--dw-border', '#d9dce1'), panel: v('--dw-panel', '#ffffff'),
      low: v('--dw-lab-paths-low', '#c9dcf5'), high: v('--dw-lab-paths-high', '#ffffff'), line: v('--dw-lab-paths-line', '#9db4d3'),
      minimum: v('--dw-lab-paths-min', '#d63031'),
    },
    path: (kind) => v(`--dw-lab-path-${kind}`, '#2f80ed'),
  };
}

export function PathsPlot(props: PathsPlotProps) {
  const { t, locale } = useLocale();
  const scheme = useColorScheme();
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width } = useElementSize(box);
  const height = Math.round(Math.min(460, Math.max(180, width * props.aspect)));
  const drawn = props.paths.reduce((n, p) => n + pointsAtStep(p.points, props.step), 0);

  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el || width <= 0) return;
    const ctx = prepareCanvas(el, width, height);
    if (!ctx) return;
    const colours = readColours(el);
    drawPathsPlot(ctx, {
      width, height, bounds: props.bounds, bands: props.bands, contourStyle: props.contourStyle, minimum: props.minimum,
      start: props.start, step: props.step, title: props.title, legend: props.paths.length > 1,
      paths: props.paths.map((p) => ({ label: p.label, points: p.points, colour: colours.path(p.kind) })),
      colours: colours.plot, formatTick: (v, step) => formatTick(v, step, locale), minimumLabel: t('lab.paths.minimum'),
    });
  }, [props.bounds, props.bands, props.contourStyle, props.minimum, props.start, props.paths, props.step, props.title, width, height, scheme, locale, t]);

  return (
    <div className="dw-lab-paths-plot" ref={box}>
      <canvas ref={canvas} data-testid="lab-paths-canvas" role="img" aria-label={props.ariaLabel}
        data-steps={props.steps} data-step={props.step} data-paths={props.paths.length} data-points={drawn}
        style={{ width: '100%', height }} />
    </div>
  );
}
