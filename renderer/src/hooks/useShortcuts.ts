/**
 * Keyboard shortcuts: Ctrl/Cmd+Z undo, Shift+Z / Y redo, C copy, V paste, D duplicate, A select
 * all, S save (Shift+S save as, where the editor has a Save As); Delete/Backspace deletes the
 * selection. Ignored while typing in a field.
 */
import { useEffect } from 'react';
import { useEditor } from '../store/editorStore';

export function useShortcuts(save: () => void, saveAs?: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))) return;
      const s = useEditor.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z' && !e.shiftKey) s.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) s.redo();
      else if (mod && key === 'c') s.copy();
      else if (mod && key === 'v') s.paste();
      else if (mod && key === 'd') s.duplicateSelection();
      else if (mod && key === 'a') s.selectAll();
      else if (mod && key === 's') (e.shiftKey && saveAs ? saveAs : save)();
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) s.deleteSelection();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, saveAs]);
}
