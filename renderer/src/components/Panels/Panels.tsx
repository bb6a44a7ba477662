/**
 * The panels under the canvas (UI.md): tabs for curves, distributions, confusion matrix,
 * decision boundary, predictions, the run history and the learning lab; the strip's height is dragged from its
 * top edge and remembered. Only the open tab renders, so hidden panels cost nothing while a run
 * streams in.
 */
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useLocale } from '../../i18n';
import { BoundaryPanel } from './Boundary/BoundaryPanel';
import { ConfusionPanel } from './Confusion/ConfusionPanel';
import { CurvesPanel } from './Curves/CurvesPanel';
import { DistributionsPanel } from './Distributions/DistributionsPanel';
import { LabPanel } from './Lab/LabPanel';
import { PredictionsPanel } from './Predictions/PredictionsPanel';
import { RunsPanel } from './Runs/RunsPanel';
import './Panels.css';

export const PANEL_TABS = ['curves', 'distributions', 'confusion', 'boundary', 'predictions', 'runs', 'lab'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

const COMPONENTS: Record<PanelTab, () => React.JSX.Element> = {
  curves: CurvesPanel,
  distributions: DistributionsPanel,
  confusion: ConfusionPanel,
  boundary: BoundaryPanel,
  predictions: PredictionsPanel,
  runs: RunsPanel,
  lab: LabPanel,
};

const HEIGHT_KEY = 'deepwire.panels.height';
const MIN_HEIGHT = 120;

function savedHeight(): number {
  const v = Number(globalThis.localStorage?.getItem(HEIGHT_KEY));
  return Number.isFinite(v) && v >= MIN_HEIGHT ? v : 280;
}

/** `collapsed` belongs to the editor (the desktop app's View menu toggles it too). */
export function Panels({ tab, onTab, collapsed, setCollapsed }: {
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  collapsed: boolean;
  setCollapsed: (collapsed: boolean) => void;
}) {
  const { t } = useLocale();
  const [height, setHeight] = useState(savedHeight);
  const drag = useRef<{ startY: number; startH: number } | null>(null);

  useEffect(() => {
    globalThis.localStorage?.setItem(HEIGHT_KEY, String(Math.round(height)));
  }, [height]);

  const onDown = useCallback((e: ReactPointerEvent<HTMLDivElement>) => {
    drag.current = { startY: e.clientY, startH: height };
    e.currentTarget.setPointerCapture(e.pointerId);
  }, [height]);
  const onMove = useCallback((e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const max = Math.max(MIN_HEIGHT, window.innerHeight - 200);
    setHeight(Math.min(max, Math.max(MIN_HEIGHT, d.startH + d.startY - e.clientY)));
  }, []);
  const onUp = useCallback(() => {
    drag.current = null;
  }, []);

  const Active = COMPONENTS[tab];
  return (
    <section className="dw-panels" data-testid="panels" style={{ height: collapsed ? undefined : height }}>
      {!collapsed && (
        <div className="dw-panels-resize" role="separator" aria-orientation="horizontal" aria-label={t('panels.resize')}
          onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} />
      )}
      <div className="dw-panels-tabs" role="tablist">
        {PANEL_TABS.map((id) => (
          <button key={id} role="tab" aria-selected={id === tab && !collapsed} className={id === tab ? 'active' : ''}
            data-testid={`tab-${id}`} onClick={() => {
              onTab(id);
              setCollapsed(false);
            }}>
            {t(`panel.${id}.title`)}
          </button>
        ))}
        <span className="spacer" />
        <button className="dw-panels-collapse" onClick={() => setCollapsed(!collapsed)} data-testid="panels-collapse"
          aria-label={collapsed ? t('panels.expand') : t('panels.collapse')} title={collapsed ? t('panels.expand') : t('panels.collapse')}>
          {collapsed ? '▴' : '▾'}
        </button>
      </div>
      {!collapsed && <div className="dw-panels-body" role="tabpanel"><Active /></div>}
    </section>
  );
}
