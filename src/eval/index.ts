/**
 * `finagent/eval`: the evaluation harness — versioned JSONL suites, state-based success, tool-call
 * F1 and argument match, pass^k, retrieval and citation metrics, reports (terminal, JSON, HTML,
 * JUnit), baselines and the CI gate. Point it at any runtime and any assistants.
 */
export { runEval, DEFAULT_START, type RunEvalOptions } from './runner.js';
export { evalCommand, type EvalCommandDeps, type EvalCommandOptions } from './eval-command.js';
export { realRuntime } from './runtime-adapter.js';
export { createSpecRuntime } from './spec-runtime.js';
export type { EvalRuntime, RuntimeFactory, RuntimeFactoryOptions } from './runtime-port.js';
export { loadSuiteFile, parseSuiteText, selectSuites } from './suite-loader.js';
export * from './suite-schema.js';
export { EvalReportSchema, type EvalReport } from './report-schema.js';
export { evaluateGate, loadGate } from './gate.js';
export { renderHtml } from './report-html.js';
export { renderJunit } from './report-junit.js';
export { renderTerminal, renderGate } from './report-terminal.js';
