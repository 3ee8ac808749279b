/**
 * `finagent/policy`: citation-grounded answers over a knowledge store — evidence scoring, answer
 * sentence selection, the citation post-check and policy-answer metrics (pure; no LangChain).
 */
export * from './answer.js';
export * from './citation-check.js';
export * from './schemas.js';
export * from './metrics.js';
