/**
 * Knowledge-store benchmark: ingest throughput (lawrefbook corpus when ../shared/datasets/lawrefbook
 * exists, else the bundled data/policies), query latency (p50/p95) and peak RSS.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createEmbedder } from '../src/knowledge/embedders/create.js';
import { ingestInto } from '../src/knowledge/ingest.js';
import { listFiles } from '../src/knowledge/readers.js';
import { retrieve } from '../src/knowledge/retrieve.js';
import { openStore } from '../src/knowledge/store.js';
import { dataPath, packageRoot } from '../src/runtime/paths.js';
import { summarize, type BenchResult } from './types.js';

/** Questions in the style staff ask (ours); run against whichever corpus was ingested. */
const QUERIES = [
  '给关系人发放信用贷款可以吗', '借款合同利息约定过高怎么办', '公司拖欠工资怎么办', '离婚后孩子抚养费谁出',
  '银行卡被盗刷谁承担责任', '保证人什么时候承担保证责任', '抵押的房子能卖吗', '客户身份资料保存多少年',
  'How long do we keep KYC records?', 'trading limit breach reporting', '反洗钱可疑交易报告', '租房合同提前解除要赔偿吗',
  '交通事故对方全责怎么赔偿', '网上买到假货可以退一赔三吗', '员工出差住宿费报销标准', '未经授权交易的处理',
];

export async function run(): Promise<BenchResult[]> {
  const lawrefbook = resolve(packageRoot, '..', 'shared', 'datasets', 'lawrefbook');
  const corpus = existsSync(lawrefbook) ? lawrefbook : dataPath('policies');
  if (!existsSync(corpus)) return [{ name: 'knowledge: no corpus found', median: 0, unit: 'ms', note: `${lawrefbook} and ${corpus} missing` }];
  const files = listFiles([corpus]).filter((f) => /\.(md|txt|html?)$/i.test(f));
  const home = mkdtempSync(join(tmpdir(), 'fa-bench-kn-'));
  try {
    const store = openStore({ home, name: 'bench', create: true });
    const t0 = performance.now();
    const summary = await ingestInto(store, files, createEmbedder());
    const seconds = (performance.now() - t0) / 1000;
    const rate = summary.articles / seconds;

    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const q of QUERIES) {
        const t = performance.now();
        await retrieve(store, q, { k: 10 });
        if (round > 0) times.push(performance.now() - t); // round 0 warms caches
      }
    }
    store.close();
    const lat = summarize(times);
    const rss = process.resourceUsage().maxRSS / 1024;
    const where = corpus === lawrefbook ? 'lawrefbook' : 'data/policies';
    return [
      {
        name: `knowledge: ingest throughput (${where}, offline embedder)`,
        median: rate,
        unit: 'articles/s',
        target: '>= 1000 articles/s',
        pass: rate >= 1000,
        samples: 1,
        note: `${summary.articles} chunks from ${summary.documents} files in ${seconds.toFixed(2)} s; ${summary.skipped.length} skipped`,
      },
      {
        name: 'knowledge: hybrid retrieve latency (k=10)',
        median: lat.median,
        p95: lat.p95,
        unit: 'ms',
        target: '< 20 ms',
        pass: lat.median < 20,
        samples: times.length,
      },
      { name: 'knowledge: peak RSS', median: rss, unit: 'MB', samples: 1 },
    ];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
