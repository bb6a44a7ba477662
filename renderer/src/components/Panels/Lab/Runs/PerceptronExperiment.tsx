/** CONTRACT STUB: replaced by its helper. */
export function PerceptronExperiment() {
  return <div data-testid="lab-stub">PerceptronExperiment</div>;
}
