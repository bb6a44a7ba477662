/**
 * Data: the Dataset type, the built-in sets, splits, normalisation and mini-batching.
 * Host-specific loaders (MNIST from the `mnist` package) live in `engine/hosts/`.
 */
export * from './Dataset';
export * from './params';
export * from './synthetic';
export * from './iris';
export * from './mnist';
export * from './builtins';
export * from './split';
export * from './normalize';
export * from './batcher';
export { logicGate, spirals, type ToyData } from './toy';
export { packMnist, unpackMnist } from './mnistPack';
export * from './fileRef';
export * from './fileDataset';
export * from './importData';
export * from './files';
