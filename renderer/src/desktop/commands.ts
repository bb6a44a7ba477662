/**
 * The application menu's commands (electron/api.ts MENU_COMMANDS), one line each: what the editor
 * does for each. The table is a Record over MenuCommand, so a command added to the contract and
 * not handled here fails to compile; a name main should never send is reported, not ignored.
 */
import type { LabExperimentId } from '../lab/labStore';
import type { MenuCommand } from './model';

/** What File ▸ Export writes through the engine (the weights have their own command). */
export type CodeExportTarget = 'pytorch' | 'keras' | 'onnx' | 'history';

/** What the editor can do when the menu asks. */
export interface CommandTargets {
  newProject(): void;
  open(): void;
  save(): void;
  saveAs(): void;
  exportWeights(): void;
  /** Code, ONNX or the training history, written by the engine, saved through main. */
  exportProject(target: CodeExportTarget): void;
  templates(): void;
  undo(): void;
  redo(): void;
  selectAll(): void;
  deleteSelection(): void;
  duplicate(): void;
  autoLayout(): void;
  fitView(): void;
  togglePanels(): void;
  train(): void;
  /** Pause while training, resume while paused. */
  pause(): void;
  stop(): void;
  toggleLanguage(): void;
  about(): void;
  /** Shows the learning lab with `experiment` open. */
  openLab(experiment: LabExperimentId): void;
}

export const MENU_ACTIONS: Readonly<Record<MenuCommand, (t: CommandTargets) => void>> = {
  new: (t) => t.newProject(),
  open: (t) => t.open(),
  save: (t) => t.save(),
  saveAs: (t) => t.saveAs(),
  exportWeights: (t) => t.exportWeights(),
  exportPytorch: (t) => t.exportProject('pytorch'),
  exportKeras: (t) => t.exportProject('keras'),
  exportOnnx: (t) => t.exportProject('onnx'),
  exportHistory: (t) => t.exportProject('history'),
  templates: (t) => t.templates(),
  undo: (t) => t.undo(),
  redo: (t) => t.redo(),
  selectAll: (t) => t.selectAll(),
  delete: (t) => t.deleteSelection(),
  duplicate: (t) => t.duplicate(),
  autoLayout: (t) => t.autoLayout(),
  fitView: (t) => t.fitView(),
  togglePanels: (t) => t.togglePanels(),
  train: (t) => t.train(),
  pause: (t) => t.pause(),
  stop: (t) => t.stop(),
  language: (t) => t.toggleLanguage(),
  about: (t) => t.about(),
  labPaths: (t) => t.openLab('paths'),
  labInit: (t) => t.openLab('init'),
  labBatchnorm: (t) => t.openLab('batchnorm'),
  labOverfitting: (t) => t.openLab('overfitting'),
  labGradcheck: (t) => t.openLab('gradcheck'),
  labPerceptron: (t) => t.openLab('perceptron'),
  labSearch: (t) => t.openLab('search'),
  labPaired: (t) => t.openLab('paired'),
};

/** Runs `command`; throws on a name that is not a menu command. */
export function runMenuCommand(command: string, targets: CommandTargets): void {
  if (!Object.hasOwn(MENU_ACTIONS, command)) throw new Error(`unknown menu command '${command}'`);
  MENU_ACTIONS[command as MenuCommand](targets);
}
