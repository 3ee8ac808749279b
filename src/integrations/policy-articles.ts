/**
 * The articles of the policy assistant's knowledge store, addressable one by one: MCP serves them as
 * resources (`finagent://policy/{doc}/{article}`). Read from the same store the policy tools search
 * (ingested from the bundled rules on first use), so a resource and a search hit quote the same text.
 */
import { basename, extname } from 'node:path';
import type { ArticleRow } from '../knowledge/base.js';
import { cnToInt } from '../knowledge/cn-numerals.js';
import type { AgentSpec } from '../runtime/agent-spec.js';
import type { Runtime } from '../runtime/runtime.js';
import { readPolicySettings } from '../tools/policy/policy-settings.js';
import { withPolicyStore } from '../tools/policy/policy-store.js';

export interface PolicyArticleRef {
  /** The document's key: its file name without extension (`2024-01-01-huaxin-credit-granting`). */
  doc: string;
  /** The article's key within the document: `16`, or `16-1` for 第十六条之一. */
  article: string;
  /** The citation label the policy assistant quotes, e.g. 《华信银行授信管理办法》第十六条. */
  label: string;
  title: string;
  effective: string | null;
  /** Chapter / section headings above the article. */
  path: string;
}

export interface PolicyArticle extends PolicyArticleRef {
  text: string;
}

/** The `{doc}` key of a document: its file name without extension, so it is stable across re-ingests. */
export function docKey(source: string): string {
  return basename(source, extname(source)).replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** `16` for 第十六条 / Article 16; `16-1` for 第十六条之一 (sub-articles share the number). */
export function articleKey(num: number, articleLabel: string | null): string {
  const sub = articleLabel ? /之(.+)$/.exec(articleLabel)?.[1] : undefined;
  const n = sub ? cnToInt(sub) : null;
  return n === null ? String(num) : `${num}-${n}`;
}

/** Reads every numbered article of the policy store (parts of a long article joined). */
async function readAll(rt: Runtime, spec: AgentSpec): Promise<PolicyArticle[]> {
  const s = readPolicySettings(rt.settingsFor(spec));
  const rows: ArticleRow[] = await withPolicyStore(rt.home, s.store, s.corpus, async (store) => store.articleRows(), rt.storage);
  const out: PolicyArticle[] = [];
  const byKey = new Map<string, PolicyArticle>();
  const docKeys = new Map<number, string>();
  const usedDocKeys = new Set<string>();
  for (const r of rows) {
    let doc = docKeys.get(r.doc_id);
    if (!doc) {
      // Two folders may hold files of the same name: the later one gets its row id appended.
      doc = docKey(r.source);
      if (usedDocKeys.has(doc)) doc = `${doc}-${r.doc_id}`;
      usedDocKeys.add(doc);
      docKeys.set(r.doc_id, doc);
    }
    const article = articleKey(r.article, r.article_label);
    const key = `${doc}/${article}`;
    const seen = byKey.get(key);
    if (seen) {
      // Every piece after the first repeats the article's header line (see the chunker): drop it.
      if (r.part > 1) seen.text += `\n${r.text.split('\n').slice(1).join('\n')}`;
      continue;
    }
    const a: PolicyArticle = { doc, article, label: r.label, title: r.title, effective: r.effective, path: r.path, text: r.text };
    byKey.set(key, a);
    out.push(a);
  }
  return out;
}

export async function listPolicyArticles(rt: Runtime, spec: AgentSpec): Promise<PolicyArticleRef[]> {
  return (await readAll(rt, spec)).map(({ text: _text, ...ref }) => ref);
}

export async function readPolicyArticle(rt: Runtime, spec: AgentSpec, doc: string, article: string): Promise<PolicyArticle | null> {
  return (await readAll(rt, spec)).find((a) => a.doc === doc && a.article === article) ?? null;
}

/** The resource URI of an article. */
export function policyArticleUri(ref: Pick<PolicyArticleRef, 'doc' | 'article'>): string {
  return `finagent://policy/${encodeURIComponent(ref.doc)}/${encodeURIComponent(ref.article)}`;
}

/** An article as Markdown: the citation label as heading, where it sits, then the rule's own words. */
export function articleMarkdown(a: PolicyArticle): string {
  const where = [a.path, a.effective ? `effective ${a.effective}` : null].filter(Boolean).join(' · ');
  return `# ${a.label}\n\n${where ? `${where}\n\n` : ''}${a.text}\n`;
}
