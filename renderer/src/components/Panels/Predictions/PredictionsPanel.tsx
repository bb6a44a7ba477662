/** The predictions panel (placeholder until built). */
export function PredictionsPanel() {
  return <div className="dw-panel-empty" data-testid="panel-predictions" />;
}
