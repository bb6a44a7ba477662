/** Parsers that turn the user's own data files (CSV/TSV, IDX, image folders) into Datasets. */
export * from './source';
export * from './csv';
export * from './idx';
export * from './images';
