/** The boundary panel (placeholder until built). */
export function BoundaryPanel() {
  return <div className="dw-panel-empty" data-testid="panel-boundary" />;
}
