/** Every built-in node kind, registered in palette order by importing this module. */
export * from './data';
export * from './dataFile';
export * from './layers';
export * from './activations';
export * from './losses';
export * from './optimizers';
export * from './training';
