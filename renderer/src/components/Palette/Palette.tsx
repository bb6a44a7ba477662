/**
 * The palette: every node kind, grouped by category and searchable in the current language.
 * Drag an item onto the canvas, or press it (click, Enter, Space) to add the node beside the
 * others. The registry's declaration order is the palette's order.
 */
import { useStoreApi } from '@xyflow/react';
import { useMemo, useState, type DragEvent } from 'react';
import { graph as g, i18n } from '../../../../engine';
import { useLocale } from '../../i18n';
import { useEditor } from '../../store/editorStore';
import { NODE_DRAG_TYPE } from '../Canvas/Canvas';
import { CATEGORY_COLORS } from '../Canvas/portColors';
import { filterPalette } from './filter';
import { freePosition, type ViewRect } from './placement';
import './Palette.css';

function onDragStart(event: DragEvent, kind: string): void {
  event.dataTransfer.setData(NODE_DRAG_TYPE, kind);
  event.dataTransfer.effectAllowed = 'copy';
}

/** The canvas's visible part in flow coordinates, or undefined before it has a size. */
function visibleRect(flow: ReturnType<typeof useStoreApi>): ViewRect | undefined {
  const { width, height, transform: [tx, ty, zoom] } = flow.getState();
  if (!width || !height || !zoom) return undefined;
  return { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
}

/**
 * Needs the canvas's ReactFlowProvider above it (App has one around the whole editor): a node
 * added by click or Enter is placed where the canvas shows it.
 */
export function Palette() {
  const { locale, t } = useLocale();
  const flow = useStoreApi();
  const addBesideOthers = (kind: string) => {
    const store = useEditor.getState();
    store.addNode(kind, freePosition(store.graph.nodes, visibleRect(flow)));
  };
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<g.Category>>(new Set());
  const shown = useMemo(() => filterPalette(g.listNodeDefs(), query, locale), [query, locale]);
  const groups = g.CATEGORIES
    .map((category) => ({ category, defs: shown.filter((d) => d.category === category) }))
    .filter((group) => group.defs.length > 0);
  // While searching every group with a match is open, so nothing found hides behind a fold.
  const searching = query.trim() !== '';
  const toggle = (category: g.Category) => {
    const next = new Set(collapsed);
    if (!next.delete(category)) next.add(category);
    setCollapsed(next);
  };

  return (
    <nav className="dw-palette" data-testid="palette" aria-label={t('palette.title')}>
      <h2 className="dw-palette-title">{t('palette.title')}</h2>
      <input className="dw-palette-search" type="search" value={query} placeholder={t('palette.search')} aria-label={t('palette.search')}
        data-testid="palette-search" onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) {
            e.preventDefault();
            setQuery('');
          }
        }} />
      {groups.length === 0 && <p className="dw-palette-empty" role="status">{t('palette.empty', { query: query.trim() })}</p>}
      {groups.map(({ category, defs }) => {
        const open = searching || !collapsed.has(category);
        const listId = `dw-palette-${category}`;
        return (
          <section key={category} className="dw-palette-group" data-testid={`palette-group-${category}`}>
            <h3>
              <button type="button" className="dw-palette-toggle" aria-expanded={open} aria-controls={listId}
                disabled={searching} onClick={() => toggle(category)}>
                <span className="dw-palette-chevron" aria-hidden>{open ? '▾' : '▸'}</span>
                <span className="dw-palette-dot" style={{ background: CATEGORY_COLORS[category] }} aria-hidden />
                <span className="dw-palette-category">{i18n.categoryLabel(locale, category)}</span>
                <span className="dw-palette-count" aria-hidden>{defs.length}</span>
              </button>
            </h3>
            {open && (
              <ul id={listId} className="dw-palette-items">
                {defs.map((def) => {
                  const label = i18n.nodeLabel(locale, def.id);
                  return (
                    <li key={def.id}>
                      <button type="button" className="dw-palette-item" draggable aria-label={label} title={i18n.nodeHelp(locale, def.id)}
                        style={{ borderLeftColor: CATEGORY_COLORS[category] }} data-testid={`palette-item-${def.id}`}
                        onDragStart={(e) => onDragStart(e, def.id)} onClick={() => addBesideOthers(def.id)}>
                        {label}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </nav>
  );
}
