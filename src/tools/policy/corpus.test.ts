import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../knowledge/chunker.js';
import { parseSuite } from '../../policy/metrics.js';
import { dataPath } from '../../runtime/paths.js';
import { corpusFiles } from './policy-store.js';

const docs = corpusFiles(dataPath('policies')).map((f) => chunkDocument({ text: readFileSync(f, 'utf8'), source: f }));
const labels = new Set(docs.flatMap((d) => d.chunks.filter((c) => c.article !== null).map((c) => c.label)));

describe('bundled policy corpus', () => {
  it('holds at least 150 articles in Chinese and English documents, each dated', () => {
    expect(labels.size).toBeGreaterThanOrEqual(150);
    expect(new Set(docs.map((d) => d.language))).toEqual(new Set(['zh', 'en']));
    for (const d of docs) expect(d.effective, d.title).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('numbers the articles of every document 1..N without gaps (cross-references are not headings)', () => {
    for (const d of docs) {
      const nums = d.chunks.filter((c) => c.article !== null).map((c) => c.article);
      expect(nums, d.title).toEqual(nums.map((_, i) => i + 1));
    }
    const credit = docs.find((d) => d.title === '华信银行授信管理办法');
    const art18 = credit?.chunks.find((c) => c.article === 18);
    expect(art18?.text).toContain('依照本办法第四十四条追究责任');
  });

  it.each(['policy.jsonl', 'policy-answer.jsonl'])('gives every gold label of %s a real article', (file) => {
    const cases = parseSuite(readFileSync(dataPath('eval', file), 'utf8'));
    const missing = cases.flatMap((c) => c.gold.filter((g) => !labels.has(g)).map((g) => `${c.id}: ${g}`));
    expect(missing).toEqual([]);
    expect(cases.filter((c) => c.shouldRefuse).every((c) => c.gold.length === 0)).toBe(true);
  });
});
