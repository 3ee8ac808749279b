/**
 * The hnswlib index file beside a store's SQLite file. SQLite is the source of truth (it keeps every
 * vector); the .hnsw file is a cache whose point count and sha256 are recorded in SQLite, so a
 * missing, truncated or tampered file is detected and rebuilt instead of silently used.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;
export type Hnsw = InstanceType<typeof HierarchicalNSW>;

export interface IndexRecord {
  count: number;
  sha256: string;
}

export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function newIndex(dim: number, capacity: number): Hnsw {
  const index = new HierarchicalNSW('cosine', dim);
  // Fixed seed: the same corpus gives the same graph (and the same results) on every machine.
  index.initIndex({ maxElements: Math.max(16, capacity), m: 16, efConstruction: 100, randomSeed: 42 });
  return index;
}

/** Load the file if it matches the record; null when missing or not matching (caller rebuilds). */
export function loadVerified(path: string, dim: number, record: IndexRecord | null): { index: Hnsw | null; problem: string | null } {
  if (!record) return { index: null, problem: 'no index recorded' };
  if (!existsSync(path)) return { index: null, problem: `vector index file missing: ${path}` };
  if (fileSha256(path) !== record.sha256) return { index: null, problem: `vector index file does not match its checksum: ${path}` };
  const index = new HierarchicalNSW('cosine', dim);
  try {
    index.readIndexSync(path);
  } catch (e) {
    return { index: null, problem: `vector index file unreadable: ${(e as Error).message}` };
  }
  if (index.getCurrentCount() !== record.count) {
    return { index: null, problem: `vector index holds ${index.getCurrentCount()} points, store recorded ${record.count}` };
  }
  return { index, problem: null };
}

/** Write atomically (temp file + rename) and return the record to keep in SQLite. */
export function saveIndex(index: Hnsw, path: string): IndexRecord {
  const tmp = `${path}.tmp`;
  index.writeIndexSync(tmp);
  renameSync(tmp, path);
  return { count: index.getCurrentCount(), sha256: fileSha256(path) };
}
