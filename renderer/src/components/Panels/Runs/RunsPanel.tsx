/** The runs panel (placeholder until built). */
export function RunsPanel() {
  return <div className="dw-panel-empty" data-testid="panel-runs" />;
}
