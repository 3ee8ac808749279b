import { editDistance } from '../../util/edit-distance.js';
import type { CatalogBond, InstrumentCatalog } from './catalog.js';

export interface InstrumentMatch {
  code: string;
  shortName: string;
  /** Edit distance between the query and the nearest of the bond's code / short name / aliases. */
  distance: number;
}

export { editDistance };

/**
 * The n catalog bonds nearest to what the user typed, for "unknown bond 220299; closest: 220205
 * 22国开05, …". Ties keep catalog order so the answer is deterministic.
 */
export function closestInstruments(query: string, catalog: InstrumentCatalog, n = 3): InstrumentMatch[] {
  const q = query.normalize('NFKC').trim().replace(/\.(ib|sh|sz)$/i, '');
  if (!q) return [];
  const scored = catalog.bonds.map((b: CatalogBond, idx) => {
    const names = [b.code, b.shortName, ...b.aliases];
    const distance = Math.min(...names.map((x) => editDistance(q, x)));
    return { code: b.code, shortName: b.shortName, distance, idx };
  });
  scored.sort((x, y) => x.distance - y.distance || x.idx - y.idx);
  return scored.slice(0, Math.max(0, n)).map(({ code, shortName, distance }) => ({ code, shortName, distance }));
}

/** The code/short name the user typed when it is not in the catalog (the parse keeps it and lists it in `unparsed`). */
export function unknownInstrument(r: {
  instrument: { kind: string; code: string | null; name: string | null } | null;
  unparsed: string[];
}): string | null {
  const i = r.instrument;
  if (!i || (i.kind !== 'bond' && i.kind !== 'ncd') || i.name !== null || i.code === null) return null;
  return r.unparsed.some((u) => u.replace(/\.(ib|sh|sz)$/i, '') === i.code) ? i.code : null;
}
