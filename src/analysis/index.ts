/**
 * `finagent/analysis`: the pure financial-statement engine — statement parsers (CAS and US GAAP CSV,
 * canonical JSON, SEC companyfacts), exact ratios with provenance, Altman/Beneish/Piotroski, red
 * flags, the loan view and the cited loan-review memo.
 */
export * from './engine/index.js';
export * from './memo/index.js';
export { loadStatements } from './input/load-statements.js';
