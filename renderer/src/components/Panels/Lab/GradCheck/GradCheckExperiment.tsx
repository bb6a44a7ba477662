/** CONTRACT STUB: replaced by its helper. */
export function GradCheckExperiment() {
  return <div data-testid="lab-stub">GradCheckExperiment</div>;
}
