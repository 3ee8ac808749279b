/**
 * File readers: Markdown, plain text and HTML, folders walked recursively. Anything that cannot be
 * read as text is reported with a reason (and counted by the caller), never silently dropped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { UserInputError } from '../runtime/errors.js';
import { htmlToText } from './html-text.js';

export type ReadResult = { ok: true; path: string; text: string; raw: string } | { ok: false; path: string; reason: string };

const TEXT_EXT = new Set(['.md', '.markdown', '.txt', '.text']);
const HTML_EXT = new Set(['.html', '.htm', '.xhtml']);

/** Expand files and folders (recursively, sorted, hidden entries skipped) into file paths. */
export function listFiles(paths: string[]): string[] {
  const out: string[] = [];
  const visit = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UserInputError(`no such file or folder: ${p}`);
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) visit(join(p, name));
    } else if (st.isFile()) out.push(p);
  };
  for (const p of paths) visit(resolve(p));
  return [...new Set(out)];
}

/** Read one file as text; `raw` is the decoded source (hashed for idempotent re-ingest). */
export function readSource(path: string): ReadResult {
  const ext = extname(path).toLowerCase();
  if (ext === '.pdf') return { ok: false, path, reason: 'PDF not supported (no PDF text extractor installed)' };
  if (!TEXT_EXT.has(ext) && !HTML_EXT.has(ext)) {
    return { ok: false, path, reason: `unsupported file type "${ext || '(none)'}" (expected .md, .txt or .html)` };
  }
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    return { ok: false, path, reason: `cannot read: ${(e as Error).message}` };
  }
  if (buf.subarray(0, 8192).includes(0)) return { ok: false, path, reason: 'binary file (contains NUL bytes)' };
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { ok: false, path, reason: 'not valid UTF-8 text' };
  }
  raw = raw.replace(/^\uFEFF/, '');
  if (raw.trim() === '') return { ok: false, path, reason: 'empty file' };
  const text = HTML_EXT.has(ext) ? htmlToText(raw) : raw;
  return { ok: true, path, text, raw };
}
