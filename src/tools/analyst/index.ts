import type { AnyTool } from '../../runtime/tool.js';
import { analyzeStatementsTool } from './analyze-tool.js';
import { comparePeriodsTool } from './compare-tool.js';
import { explainFigureTool } from './explain-tool.js';
import { writeLoanMemoTool } from './write-memo-tool.js';

export { analyzeStatementsTool, AnalyzeOutputSchema, ANALYST_ROLES, type AnalyzeOutput } from './analyze-tool.js';
export { writeLoanMemoTool, WriteMemoOutputSchema } from './write-memo-tool.js';
export { explainFigureTool } from './explain-tool.js';
export { comparePeriodsTool } from './compare-tool.js';
export { AnalyzeInputSchema, runAnalysis, type AnalyzeInput } from './analysis-input.js';
export { AnalystStateSchema, readSession, summarize, type AnalystState } from './session-store.js';
export { analystPlanner } from './planner.js';

export const analystTools: readonly AnyTool[] = [analyzeStatementsTool, writeLoanMemoTool, explainFigureTool, comparePeriodsTool];
