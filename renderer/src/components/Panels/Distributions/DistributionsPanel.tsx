/** The distributions panel (placeholder until built). */
export function DistributionsPanel() {
  return <div className="dw-panel-empty" data-testid="panel-distributions" />;
}
