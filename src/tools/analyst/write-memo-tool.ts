import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { buildLoanMemo } from '../../analysis/memo/index.js';
import { checkStatementAccess } from './statement-path.js';
import { defineTool } from '../../runtime/tool.js';
import { OperationError } from '../../runtime/errors.js';
import { AnalyzeInputSchema, runAnalysis } from './analysis-input.js';
import { ANALYST_ROLES } from './analyze-tool.js';
import { summarize, writeSession } from './session-store.js';

export const WriteMemoOutputSchema = z.object({
  markdown: z.string(),
  /** Number of footnoted sources. */
  citations: z.number().int(),
  decision: z.enum(['approve', 'approve_with_conditions', 'decline']),
  /** Where the memo was saved (under FINAGENT_HOME/memos). */
  path: z.string(),
});

const safe = (s: string) => s.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'thread';

export const writeLoanMemoTool = defineTool({
  name: 'write_loan_memo',
  description:
    'Drafts the loan-review memo (授信审查报告) in Markdown from the engine\'s analysis: borrower summary, financial tables per period, scores with components, red flags with evidence, loan view and a rule-based opinion with conditions. Every figure carries a footnote to its source line or formula.',
  input: AnalyzeInputSchema,
  output: WriteMemoOutputSchema,
  roles: ANALYST_ROLES,
  execute: async (input, ctx) => {
    checkStatementAccess(input.path, ctx);
    const { analysis, file } = runAnalysis(input);
    const lang = input.lang ?? 'zh';
    const memo = buildLoanMemo(analysis, { lang, file });
    const dir = join(ctx.home, 'memos');
    const path = join(dir, `${safe(ctx.thread)}-${safe(basename(file, extname(file)))}-${lang}.md`);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, memo.markdown, 'utf8');
    } catch (e) {
      throw new OperationError(`could not save the memo to ${path}: ${(e as Error).message}`);
    }
    await writeSession(ctx.stores, ctx.thread, summarize(file, analysis, path), ctx.now());
    return { markdown: memo.markdown, citations: memo.citations, decision: memo.decision, path };
  },
});
