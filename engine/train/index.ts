/** Training: the loop, its events and probes, data preparation, the whole-graph gradient check. */
export * from './Trainer';
export * from './prepareData';
export * from './histogram';
export * from './gradcheck';
