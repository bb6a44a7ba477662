/** CONTRACT STUB: replaced by its helper. */
export function PathsExperiment() {
  return <div data-testid="lab-stub">PathsExperiment</div>;
}
