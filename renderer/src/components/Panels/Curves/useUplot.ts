/**
 * One uPlot chart in a host element: built when `key` changes (a different set of curves, the
 * log axis, the theme or language), resized with its host, destroyed on unmount. Data updates
 * do not come through here: the caller holds the returned ref and calls `setData`, so a run
 * streaming in never rebuilds a chart.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';

/** Builds the chart's options for a size, or null when there is no chart to show. */
export type MakeOptions = (width: number, height: number) => uPlot.Options | null;

const MIN_HEIGHT = 60;
const MIN_WIDTH = 120;

/** The plot size that fills `host` once the legend below the plot has taken its share. */
function plotSize(host: HTMLElement, chart: uPlot | null): { width: number; height: number } {
  const legend = chart?.root.querySelector<HTMLElement>('.u-legend');
  // Many overlaid runs make a tall legend: it scrolls past 40% of the height, the plot keeps the rest.
  if (legend) legend.style.maxHeight = `${Math.floor(host.clientHeight * 0.4)}px`;
  const legendHeight = legend ? legend.offsetHeight : 0;
  return {
    width: Math.max(MIN_WIDTH, Math.floor(host.clientWidth)),
    height: Math.max(MIN_HEIGHT, Math.floor(host.clientHeight - legendHeight)),
  };
}

/**
 * Keeps a uPlot chart in `host`. `make` and `data` are read when the chart is (re)built, never
 * captured stale: they may change on every render without rebuilding anything.
 */
export function useUplot(host: RefObject<HTMLDivElement | null>, key: string, make: MakeOptions, data: () => uPlot.AlignedData): RefObject<uPlot | null> {
  const chart = useRef<uPlot | null>(null);
  const latest = useRef({ make, data });
  // Layout effects run before the effect below, so a rebuild sees this render's functions.
  useLayoutEffect(() => {
    latest.current = { make, data };
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const { width, height } = plotSize(el, null);
    const opts = latest.current.make(width, height);
    if (!opts) return;
    const u = new uPlot(opts, latest.current.data(), el);
    chart.current = u;
    // The legend's height is known only once it is in the page, and a new width re-wraps it,
    // which uPlot lays out after setSize returns: fit again a frame later until the two agree.
    let again = 0;
    const fit = () => {
      const size = plotSize(el, u);
      if (size.width === u.width && size.height === u.height) return;
      u.setSize(size);
      cancelAnimationFrame(again);
      again = requestAnimationFrame(fit);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    // Hover values re-wrap the legend too; its height never depends on the plot's, so no loop.
    const legend = u.root.querySelector('.u-legend');
    if (legend) observer.observe(legend);
    return () => {
      cancelAnimationFrame(again);
      observer.disconnect();
      u.destroy();
      if (chart.current === u) chart.current = null;
    };
  }, [host, key]);

  return chart;
}
