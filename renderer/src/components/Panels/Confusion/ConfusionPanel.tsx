/** The confusion panel (placeholder until built). */
export function ConfusionPanel() {
  return <div className="dw-panel-empty" data-testid="panel-confusion" />;
}
