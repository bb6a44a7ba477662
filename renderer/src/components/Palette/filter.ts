/**
 * The palette's search: which node kinds match what was typed, in the current language.
 */
import { i18n, type graph as g } from '../../../../engine';

/** Lower-case, width- and composition-folded text, so 'Ｄｅｎｓｅ' finds Dense and 한글 matches however typed. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** What a kind can be found by: its label, help and category in `locale`, and its id. */
function haystack(def: g.NodeDef, locale: i18n.Locale): string {
  return fold([def.id, i18n.nodeLabel(locale, def.id), i18n.nodeHelp(locale, def.id), i18n.categoryLabel(locale, def.category)].join('\n'));
}

/**
 * The kinds in `defs` (order kept) whose label, help, category or id contains every word of
 * `query`, ignoring case; all of them for an empty query.
 */
export function filterPalette(defs: readonly g.NodeDef[], query: string, locale: i18n.Locale): g.NodeDef[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...defs];
  return defs.filter((def) => {
    const text = haystack(def, locale);
    return words.every((w) => text.includes(w));
  });
}
