import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIngest } from './ingest.js';
import { runRetrieve } from './retrieve.js';
import { openStore } from './store.js';

const home = mkdtempSync(join(tmpdir(), 'finagent-prune-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('re-ingest with --prune', () => {
  it('removes the articles of files deleted from the folder, and only with --prune', async () => {
    const docs = join(home, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'a.md'), '# 甲行费用规则\n\n第一条 差旅住宿标准为每晚五百元。\n\n第二条 报销应当在三十日内提交。\n');
    writeFileSync(join(docs, 'b.md'), '# 甲行印章规则\n\n第一条 公章由办公室专人保管。\n');
    expect(await runIngest({ home, store: 'p', paths: [docs] })).toMatchObject({ documents: 2, articles: 3, removed: 0 });

    rmSync(join(docs, 'b.md'));
    expect(await runIngest({ home, store: 'p', paths: [docs] })).toMatchObject({ unchanged: 1, removed: 0 });
    const kept = openStore({ home, name: 'p' });
    expect(kept.counts()).toEqual({ documents: 2, chunks: 3 });
    kept.close();

    expect(await runIngest({ home, store: 'p', paths: [docs], prune: true })).toMatchObject({ unchanged: 1, removed: 1 });
    const pruned = openStore({ home, name: 'p' });
    expect(pruned.counts()).toEqual({ documents: 1, chunks: 2 });
    pruned.close();
    const hits = (await runRetrieve({ home, store: 'p', query: '公章 保管', k: 5 })).hits;
    expect(hits.some((h) => h.doc.includes('印章'))).toBe(false);
  });
});
