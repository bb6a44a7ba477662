/** CONTRACT STUB: replaced by its helper. */
export function PairedRunExperiment() {
  return <div data-testid="lab-stub">PairedRunExperiment</div>;
}
