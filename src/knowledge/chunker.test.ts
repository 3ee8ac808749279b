import { describe, expect, it } from 'vitest';
import { chunkDocument, findDate } from './chunker.js';

// Hand-written snippets in statute style (not copied from any real law).
const ZH = `# 示范银行授信管理办法

2023年1月5日 董事会通过

<!-- INFO END -->

## 第一章 总则

第一条 为规范授信业务，制定本办法。

第二条 本办法适用于本行各分支机构。
依照本法第二十条的规定办理的除外。

## 第二章 审查

### 第一节 调查

第三条 客户经理应当实地调查借款人：

（一）经营情况；

（二）财务状况。

第三条之一 调查报告应当存档。

### 第二节 审批

第十二条 审批人不得审批关系人的信用贷款。
`;

describe('chunkDocument (Chinese)', () => {
  const doc = chunkDocument({ text: ZH, source: 'policies/授信管理办法(2023-01-05).md' });

  it('takes the title from the H1 and the effective date from the file name', () => {
    expect(doc.title).toBe('示范银行授信管理办法');
    expect(doc.effective).toBe('2023-01-05');
    expect(doc.language).toBe('zh');
  });

  it('makes one chunk per article with all its paragraphs and items', () => {
    expect(doc.chunks.map((c) => c.articleLabel)).toEqual(['第一条', '第二条', '第三条', '第三条之一', '第十二条']);
    const third = doc.chunks[2];
    expect(third?.text).toContain('（一）经营情况；');
    expect(third?.text).toContain('（二）财务状况。');
  });

  it('keeps an in-body cross-reference inside its article', () => {
    const second = doc.chunks[1];
    expect(second?.article).toBe(2);
    expect(second?.text).toContain('依照本法第二十条');
    expect(doc.chunks.some((c) => c.article === 20)).toBe(false);
  });

  it('records path, number, label and hash', () => {
    const last = doc.chunks[4];
    expect(last?.article).toBe(12);
    expect(last?.path).toEqual(['第二章 审查', '第二节 审批']);
    expect(last?.label).toBe('《示范银行授信管理办法》第十二条');
    expect(last?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.chunks[0]?.path).toEqual(['第一章 总则']);
  });

  it('drops the enactment history before the INFO END marker', () => {
    expect(doc.chunks.some((c) => c.text.includes('董事会通过'))).toBe(false);
  });

  it('recognises plain-text structure without Markdown and 编/分编 levels', () => {
    const plain = chunkDocument({
      text: '示范法\n第一编 通则\n第一分编 一般规定\n第一章 基本原则\n第一条 甲。\n第二章 其他\n第二条 乙。\n',
      source: 'x.txt',
    });
    expect(plain.title).toBe('示范法');
    expect(plain.chunks.map((c) => c.path)).toEqual([
      ['第一编 通则', '第一分编 一般规定', '第一章 基本原则'],
      ['第一编 通则', '第一分编 一般规定', '第二章 其他'],
    ]);
  });

  it('splits an oversized article at paragraph boundaries, repeating its header', () => {
    const paras = Array.from({ length: 6 }, (_, i) => `第${i + 1}款内容`.padEnd(40, '文'));
    const long = chunkDocument({ text: `# 长法\n\n第五条 ${paras.join('\n\n')}\n`, source: 'a.md' }, { maxChars: 100 });
    expect(long.chunks.length).toBeGreaterThan(1);
    expect(long.chunks.every((c) => c.article === 5 && c.parts === long.chunks.length)).toBe(true);
    expect(long.chunks.slice(1).every((c) => c.text.startsWith('第五条\n'))).toBe(true);
    // No paragraph lost or duplicated.
    const bodies = long.chunks.flatMap((c) => c.text.split('\n')).filter((l) => l !== '第五条');
    expect(bodies.join('').replace(/^第五条 /, '')).toBe(paras.join(''));
  });
});

describe('chunkDocument (English)', () => {
  const EN = `---
title: Trading Desk Conduct Rules
effective: 2024-07-01
---

# Chapter 1 General

## Article 1 Purpose

These rules govern the desk.

## Article 2 Scope

They apply to all dealers. See Article 1 for the purpose.

# Chapter II Limits

Article 12. A dealer shall not exceed the limit.
A breach is reported the same day.
`;
  const doc = chunkDocument({ text: EN, source: 'desk.md' });

  it('uses front matter and Article headings', () => {
    expect(doc.title).toBe('Trading Desk Conduct Rules');
    expect(doc.effective).toBe('2024-07-01');
    expect(doc.language).toBe('en');
    expect(doc.chunks.map((c) => c.article)).toEqual([1, 2, 12]);
    expect(doc.chunks[2]?.label).toBe('Trading Desk Conduct Rules, Article 12');
    expect(doc.chunks[2]?.path).toEqual(['Chapter II Limits']);
    expect(doc.chunks[2]?.text).toContain('reported the same day');
    expect(doc.chunks[1]?.text).toContain('See Article 1');
  });

  it('treats Section as the article unit when there are no Articles', () => {
    const s = chunkDocument({ text: '# Expense Policy\n\n## Section 1 Meals\n\nUp to a cap.\n\n## Section 2 Travel\n\nEconomy class.\n', source: 'e.md' });
    expect(s.chunks.map((c) => c.label)).toEqual(['Expense Policy, Section 1', 'Expense Policy, Section 2']);
  });

  it('falls back to heading sections for documents without articles', () => {
    const s = chunkDocument({ text: '# Notes\n\n## Overview\n\nSome text.\n\n## Details\n\nMore text.\n', source: 'n.md' });
    expect(s.chunks.map((c) => [c.article, c.label])).toEqual([
      [null, 'Notes, Overview'],
      [null, 'Notes, Details'],
    ]);
  });
});

describe('findDate', () => {
  it('normalises both styles and rejects impossible dates', () => {
    expect(findDate('商业银行法(2015-08-29)')).toBe('2015-08-29');
    expect(findDate('2020年5月28日通过')).toBe('2020-05-28');
    expect(findDate('2020-13-01')).toBeNull();
  });
});
