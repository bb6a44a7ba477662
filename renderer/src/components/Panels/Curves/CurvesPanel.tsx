/** The curves panel (placeholder until built). */
export function CurvesPanel() {
  return <div className="dw-panel-empty" data-testid="panel-curves" />;
}
