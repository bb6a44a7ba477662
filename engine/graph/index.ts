/** Graphs: the node registry, validation with shape inference, compilation, weights. */
export * from './schema';
export * from './types';
export * from './registry';
export * from './nodes';
export * from './validate';
export * from './compile';
export * from './GraphModel';
export * from './makeGraph';
export * from './weights';
export * from './connect';
