/** CONTRACT STUB: replaced by its helper. */
export function SearchExperiment() {
  return <div data-testid="lab-stub">SearchExperiment</div>;
}
