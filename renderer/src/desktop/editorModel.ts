/**
 * The desktop bridge's DocumentModel over the editor's real stores: the project lives in the
 * editor store, its bytes come from io/projectFile.ts, the trained weights from the training
 * store. The revision counts changes of what a save writes (name, graph, runs).
 */
import { project } from '../../../engine';
import { fileNameFor, openBytes, projectBytes } from '../io/projectFile';
import { useEditor, type EditorState } from '../store/editorStore';
import { currentWeights } from '../store/trainingStore';
import type { DocumentModel } from './model';

const changedContent = (s: EditorState, prev: EditorState) => s.graph !== prev.graph || s.runs !== prev.runs || s.projectName !== prev.projectName;

/** A DocumentModel of the editor store; `untitled` names a new project. */
export function editorDocumentModel(untitled: () => string): DocumentModel & { dispose(): void } {
  let revision = 0;
  const stopCounting = useEditor.subscribe((s, prev) => {
    if (changedContent(s, prev)) revision++;
  });
  return {
    name: () => useEditor.getState().projectName,
    rename: (name) => useEditor.setState({ projectName: name }),
    dirty: () => useEditor.getState().dirty,
    markDirty: () => useEditor.setState({ dirty: true }),
    markSaved: () => useEditor.getState().markSaved(),
    revision: () => revision,
    subscribe: (listener) => useEditor.subscribe((s, prev) => {
      if (s.dirty !== prev.dirty || changedContent(s, prev)) listener();
    }),
    bytes: () => projectBytes(),
    suggestedFileName: () => fileNameFor(useEditor.getState().projectName),
    load: (bytes, fileName) => openBytes(bytes, fileName),
    clear: () => useEditor.getState().load(untitled(), { nodes: [], edges: [] }),
    weightsSafetensors: () => {
      const weights = currentWeights();
      return weights && weights.size > 0 ? project.encodeSafetensors(weights) : null;
    },
    dispose: stopCounting,
  };
}
