import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunker.js';
import { htmlToText } from './html-text.js';
import { listFiles, readSource } from './readers.js';

describe('htmlToText', () => {
  it('keeps headings and block structure, strips tags and scripts, decodes entities', () => {
    const t = htmlToText(
      '<html><head><title>x</title><script>var a=1</script></head><body><h1>示范 <b>规则</b></h1>' +
        '<h2>第一章 总则</h2><p>第一条 甲&amp;乙&#x3001;丙。</p><p>第二条 依照本规则第一条<br>办理。</p></body></html>',
    );
    expect(t).toBe('# 示范 规则\n\n## 第一章 总则\n\n第一条 甲&乙、丙。\n\n第二条 依照本规则第一条\n办理。\n');
    const doc = chunkDocument({ text: t, source: 'r.html' });
    expect(doc.chunks.map((c) => c.label)).toEqual(['《示范 规则》第一条', '《示范 规则》第二条']);
  });
});

describe('readers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fa-read-'));
  mkdirSync(join(dir, 'sub'));
  mkdirSync(join(dir, '.hidden'));
  writeFileSync(join(dir, 'a.md'), '# A\n\n第一条 甲。\n');
  writeFileSync(join(dir, 'sub', 'b.txt'), 'B\n第一条 乙。\n');
  writeFileSync(join(dir, 'sub', 'c.bin.txt'), Buffer.from([0x41, 0x00, 0x42]));
  writeFileSync(join(dir, 'sub', 'd.txt'), Buffer.from([0xff, 0xfe, 0xfa]));
  writeFileSync(join(dir, 'e.pdf'), '%PDF-1.4');
  writeFileSync(join(dir, '.hidden', 'x.md'), '# hidden');

  it('walks folders recursively, sorted, skipping hidden entries', () => {
    const files = listFiles([dir]).map((f) => f.slice(dir.length + 1));
    expect(files).toEqual(['a.md', 'e.pdf', 'sub/b.txt', 'sub/c.bin.txt', 'sub/d.txt']);
  });

  it('reads text and explains every skip', () => {
    const r = listFiles([dir]).map(readSource);
    expect(r.filter((x) => x.ok).length).toBe(2);
    const reasons = r.flatMap((x) => (x.ok ? [] : [x.reason]));
    expect(reasons).toEqual([
      'PDF not supported (no PDF text extractor installed)',
      'binary file (contains NUL bytes)',
      'not valid UTF-8 text',
    ]);
  });

  it('names a missing path', () => {
    expect(() => listFiles([join(dir, 'nope')])).toThrow(/no such file or folder: .*nope/);
  });
});
