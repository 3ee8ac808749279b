import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../chunker.js';
import { readSource } from '../readers.js';
import { articleName } from './stard.js';
import { defaultLawrefbook, financeFiles, lawrefbookCandidates } from './staff.js';
import { STAFF_AS_OF, STAFF_QUESTIONS } from './staff-questions.js';

describe('staff questions on finance laws', () => {
  it('are ≥ 100 questions with unique ids, article ids as gold, split about evenly in each batch', () => {
    expect(STAFF_QUESTIONS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(STAFF_QUESTIONS.map((q) => q.id)).size).toBe(STAFF_QUESTIONS.length);
    for (const q of STAFF_QUESTIONS) {
      expect(q.gold.length, q.id).toBeGreaterThan(0);
      for (const g of q.gold) expect(g, q.id).toMatch(/^[^《》\s]+第[零一二三四五六七八九十百千]+条$/);
    }
    for (const batch of ['plain', 'jargon'] as const) {
      const qs = STAFF_QUESTIONS.filter((q) => q.batch === batch);
      const holdout = qs.filter((q) => q.split === 'holdout').length;
      expect(Math.abs(qs.length - 2 * holdout), batch).toBeLessThanOrEqual(qs.length / 5);
    }
  });
});

const corpus = defaultLawrefbook();
if (!corpus) console.log(`SKIPPED: staff questions vs the finance laws — lawrefbook not found (looked in ${lawrefbookCandidates().join(', ')})`);
describe.skipIf(!corpus)('staff questions vs the LawRefBook finance laws (SKIPPED when the dataset folder is absent)', () => {
  it(`names only articles of the laws in force on ${STAFF_AS_OF}`, () => {
    const docs = financeFiles(corpus ?? '').flatMap((f) => {
      const r = readSource(f);
      return r.ok ? [chunkDocument({ text: r.text, source: f })] : [];
    });
    // Latest version per title on or before the date; undated files are always in force.
    const latest = new Map<string, string>();
    for (const d of docs) if (d.effective && d.effective <= STAFF_AS_OF && (latest.get(d.title) ?? '') < d.effective) latest.set(d.title, d.effective);
    const names = new Set(
      docs
        .filter((d) => !d.effective || latest.get(d.title) === d.effective)
        .flatMap((d) => d.chunks.filter((c) => c.articleLabel).map((c) => articleName(d.title, c.articleLabel ?? ''))),
    );
    const missing = STAFF_QUESTIONS.flatMap((q) => q.gold.filter((g) => !names.has(g)).map((g) => `${q.id}: ${g}`));
    expect(missing).toEqual([]);
    // The questions are our own: none is a sentence of the laws.
    const text = docs.map((d) => d.chunks.map((c) => c.text).join('\n')).join('\n');
    expect(STAFF_QUESTIONS.filter((q) => q.question.length >= 12 && text.includes(q.question.replace(/[？?]$/, '')))).toEqual([]);
  });
});
