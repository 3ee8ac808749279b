/**
 * Statute-aware chunker (pure): one chunk = one article (条 / Article) with all its paragraphs.
 * Headings are recognised only at the start of a line, so a body's "依照本法第二十条" stays a
 * cross-reference. Structural headings (编/分编/章/节, Part/Chapter/Section, Markdown) build the path.
 */
import { createHash } from 'node:crypto';
import { CN_NUMBER_CLASS, cnToInt } from './cn-numerals.js';
import type { Chunk, ParsedDocument } from './schemas.js';

export interface ChunkOptions {
  /** An article longer than this (characters) is split at paragraph boundaries. */
  maxChars?: number;
}

export interface SourceText {
  text: string;
  /** File path or name; used for the fallback title and the effective date. */
  source: string;
}

const N = `${CN_NUMBER_CLASS}+`;
/** Whitespace (incl. ideographic) or end of line must follow a heading keyword. */
const END = '(?=[\\s\\u3000:：]|$)';
const CN_STRUCT = new RegExp(`^第(${N})(分编|编|章|节)${END}[\\s\\u3000]*(.*)$`);
const CN_ARTICLE = new RegExp(`^第(${N})条(?:之(${N}))?${END}[\\s\\u3000:：]*(.*)$`);
const EN_STRUCT = /^(Part|Chapter|Section)\s+(\d+|[IVXLC]+)(?=[\s.:\-—–]|$)[\s.:\-—–]*(.*)$/;
const EN_ARTICLE = /^(?:Article|Art\.)\s+(\d+)(?=[\s.:\-—–)]|$)[\s.:\-—–)]*(.*)$/;
const MD_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const DATE = /(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/;
const CN_LEVEL: Record<string, number> = { 编: 10, 分编: 20, 章: 30, 节: 40 };
const EN_LEVEL: Record<string, number> = { Part: 10, Chapter: 30, Section: 40 };
const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function romanToInt(s: string): number | null {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i] ?? ''];
    const next = ROMAN[s[i + 1] ?? ''] ?? 0;
    if (v === undefined) return null;
    total += v < next ? -v : v;
  }
  return total;
}

/** "2015-8-29" / "2015年8月29日" → "2015-08-29"; null when absent or not a real date. */
export function findDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function baseName(source: string): string {
  const name = source.split(/[\\/]/).pop() ?? source;
  return name.replace(/\.[A-Za-z0-9]+$/, '');
}

/** Strips a file name's version date: 商业银行法(2015-08-29) → 商业银行法. */
function titleFromFileName(source: string): string {
  return baseName(source).replace(/[（(]\s*\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?\s*[)）]/, '').trim() || baseName(source);
}

function parseFrontMatter(lines: string[]): { meta: Record<string, string>; start: number } {
  const meta: Record<string, string> = {};
  if (lines[0]?.trim() !== '---') return { meta, start: 0 };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '---') return { meta, start: i + 1 };
    const m = /^\s*([\w\u4e00-\u9fff-]+)\s*:\s*(.*?)\s*$/.exec(line);
    if (m?.[1] !== undefined) meta[m[1].toLowerCase()] = (m[2] ?? '').replace(/^["']|["']$/g, '');
  }
  return { meta: {}, start: 0 }; // unterminated: not front matter
}

function isChinese(text: string): boolean {
  const sample = text.slice(0, 4000);
  const cjk = sample.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  return cjk > 0 && cjk / Math.max(1, sample.replace(/\s/g, '').length) > 0.1;
}

type Line =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'article'; num: number; label: string; header: string; line: string }
  | { kind: 'text'; text: string };

function classify(raw: string, sectionIsArticle: boolean): Line {
  let line = raw.trim();
  let mdLevel = 0;
  const md = MD_HEADING.exec(line);
  if (md) {
    mdLevel = md[1]?.length ?? 1;
    line = md[2] ?? '';
  }
  line = line.replace(/^\*\*(.+?)\*\*/, '$1'); // **第一条** emphasised labels
  const art = CN_ARTICLE.exec(line);
  if (art) {
    const num = cnToInt(art[1] ?? '');
    if (num !== null) {
      const sub = art[2] ? `之${art[2]}` : '';
      const label = `第${art[1]}条${sub}`;
      return { kind: 'article', num, label, header: label, line: art[3] ? `${label} ${art[3]}` : label };
    }
  }
  const cs = CN_STRUCT.exec(line);
  if (cs && cnToInt(cs[1] ?? '') !== null) return { kind: 'heading', level: CN_LEVEL[cs[2] ?? ''] ?? 30, text: line };
  const ea = EN_ARTICLE.exec(line);
  if (ea) {
    const num = Number(ea[1]);
    return { kind: 'article', num, label: `Article ${num}`, header: line.length <= 80 ? line : `Article ${num}`, line };
  }
  const es = EN_STRUCT.exec(line);
  if (es) {
    const n = /^\d+$/.test(es[2] ?? '') ? Number(es[2]) : romanToInt(es[2] ?? '');
    if (n !== null) {
      if (es[1] === 'Section' && sectionIsArticle) {
        return { kind: 'article', num: n, label: `Section ${n}`, header: line.length <= 80 ? line : `Section ${n}`, line };
      }
      return { kind: 'heading', level: EN_LEVEL[es[1] ?? ''] ?? 30, text: line };
    }
  }
  if (mdLevel) return { kind: 'heading', level: mdLevel * 10, text: line };
  return { kind: 'text', text: line };
}

interface Block {
  article: { num: number; label: string; header: string } | null;
  path: string[];
  paragraphs: string[];
}

/** Parse one document into article chunks. Pure: no I/O. */
export function chunkDocument(src: SourceText, opts: ChunkOptions = {}): ParsedDocument {
  const maxChars = opts.maxChars ?? 2000;
  let text = src.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // LawRefBook-style files put enactment history before this marker: not part of the articles.
  const infoEnd = text.indexOf('<!-- INFO END -->');
  const preamble = infoEnd >= 0 ? text.slice(0, infoEnd) : '';
  if (infoEnd >= 0) text = text.slice(infoEnd);
  text = text.replace(/<!--[\s\S]*?-->/g, '');
  const allLines = (preamble || text).split('\n');
  const { meta, start } = parseFrontMatter(allLines);

  // Title: front matter > first Markdown H1 > first short line > file name.
  const head = allLines.slice(start);
  let title = meta['title'] ?? '';
  let titleLine = -1;
  if (!title) {
    const idx = head.findIndex((l) => /^#\s+\S/.test(l.trim()));
    if (idx >= 0) {
      title = head[idx]?.trim().replace(/^#\s+/, '') ?? '';
      titleLine = idx;
    }
  }
  if (!title) {
    const idx = head.findIndex((l) => l.trim() !== '');
    const first = head[idx]?.trim() ?? '';
    if (first && first.length <= 80 && classify(first, false).kind === 'text' && !/[。.;；]$/.test(first)) {
      title = first;
      titleLine = idx;
    }
  }
  if (!title) title = titleFromFileName(src.source);
  title = title.replace(/^《(.*)》$/, '$1').trim();

  const effective =
    findDate(meta['effective'] ?? meta['effective_date'] ?? meta['effective_from'] ?? meta['生效日期'] ?? meta['施行日期'] ?? '') ??
    findDate(title) ??
    findDate(baseName(src.source));
  const zh = isChinese(title + '\n' + text);

  // Body lines: after front matter and title (or after the INFO END marker).
  const body = preamble ? text.split('\n') : head.filter((_, i) => i !== titleLine);
  const trimmed = body.map((l) => l.trim());
  const hasEnArticle = trimmed.some((l) => EN_ARTICLE.test(l.replace(/^#{1,6}\s+/, '')));
  const hasEnSection = trimmed.some((l) => /^Section\s+\d+/.test(l.replace(/^#{1,6}\s+/, '')));
  const sectionIsArticle = !hasEnArticle && hasEnSection;

  const blocks: Block[] = [];
  const stack: { level: number; text: string }[] = [];
  let current: Block | null = null;
  for (const raw of body) {
    if (raw.trim() === '') continue;
    const line = classify(raw, sectionIsArticle);
    if (line.kind === 'heading') {
      while (stack.length && (stack[stack.length - 1]?.level ?? 0) >= line.level) stack.pop();
      stack.push({ level: line.level, text: line.text.replace(/\s+/g, ' ') });
      current = null;
    } else if (line.kind === 'article') {
      current = {
        article: { num: line.num, label: line.label, header: line.header },
        path: stack.map((s) => s.text),
        paragraphs: [line.line],
      };
      blocks.push(current);
    } else {
      if (!current) {
        current = { article: null, path: stack.map((s) => s.text), paragraphs: [] };
        blocks.push(current);
      }
      current.paragraphs.push(line.text);
    }
  }

  const chunks: Chunk[] = [];
  for (const b of blocks) {
    if (b.paragraphs.length === 0) continue;
    const pieces = splitParagraphs(b.paragraphs, maxChars, b.article?.header ?? b.path[b.path.length - 1] ?? '');
    const where = b.article ? b.article.label : (b.path[b.path.length - 1] ?? '');
    const label = zh ? `《${title}》${where}` : where ? `${title}, ${where}` : title;
    pieces.forEach((t, i) =>
      chunks.push({
        docTitle: title,
        path: b.path,
        article: b.article?.num ?? null,
        articleLabel: b.article?.label ?? null,
        part: i + 1,
        parts: pieces.length,
        label,
        effective,
        text: t,
        hash: sha256(t),
      }),
    );
  }
  return { title, effective, language: zh ? 'zh' : 'en', chunks };
}

/** Greedy packing of whole paragraphs; every piece after the first repeats the header line. */
function splitParagraphs(paragraphs: string[], maxChars: number, header: string): string[] {
  const whole = paragraphs.join('\n');
  if (whole.length <= maxChars) return [whole];
  const pieces: string[] = [];
  let cur: string[] = [];
  let len = 0;
  for (const p of paragraphs) {
    if (cur.length && len + p.length + 1 > maxChars) {
      pieces.push(cur.join('\n'));
      cur = header ? [header] : [];
      len = header.length;
    }
    cur.push(p);
    len += p.length + 1;
  }
  if (cur.length) pieces.push(cur.join('\n'));
  return pieces;
}
