/** Trains an example project's graph on MNIST with the Node data source (shared by the MNIST tests). */
import { EXAMPLES } from '../assets/examples/definitions';
import { compileGraph } from '../engine/graph/compile';
import type { Graph } from '../engine/graph/schema';
import { nodeDatasetSources } from '../engine/hosts/node/mnist';
import { prepareData } from '../engine/train/prepareData';
import { Trainer } from '../engine/train/Trainer';

export const graphOf = (name: string): Graph => structuredClone(EXAMPLES.find((e) => e.name === name)!.graph);

export async function trainExample(name: string, epochs?: number) {
  const compiled = compileGraph(graphOf(name));
  const trainer = new Trainer(compiled, await prepareData(compiled, nodeDatasetSources), { epochs });
  const result = await trainer.run();
  return { trainer, result };
}
