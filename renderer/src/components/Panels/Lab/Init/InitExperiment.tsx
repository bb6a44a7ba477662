/** CONTRACT STUB: replaced by its helper. */
export function InitExperiment() {
  return <div data-testid="lab-stub">InitExperiment</div>;
}
