import { writeFileSync } from 'node:fs';
import type { AgentSpec } from '../runtime/agent-spec.js';
import { FinagentError, UserInputError } from '../runtime/errors.js';
import { computeDeltas, loadReport } from './baseline.js';
import { evaluateGate, loadGate } from './gate.js';
import type { Judge } from './judge.js';
import { progressBar } from './progress-bar.js';
import { renderHtml } from './report-html.js';
import { renderJunit } from './report-junit.js';
import type { EvalReport } from './report-schema.js';
import { renderGate, renderTerminal } from './report-terminal.js';
import { runEval } from './runner.js';
import type { RuntimeFactory } from './runtime-port.js';
import { selectSuites } from './suite-loader.js';

/** `finagent eval` options as commander hands them over (numbers may arrive as strings). */
export interface EvalCommandOptions {
  suites?: string[];
  agent?: string;
  provider?: string;
  repeat?: number | string;
  concurrency?: number | string;
  /** Path for the JSON report; `true` or "-" prints it to stdout instead of the summary. */
  json?: string | boolean;
  report?: string;
  junit?: string;
  baseline?: string;
  gate?: string;
  /** Suite manifest (default data/eval/suites.json). */
  manifest?: string;
  /** Parent folder for the run's temporary FINAGENT_HOME. */
  home?: string;
  /** Grade policy answers with the LLM judge (needs a non-offline provider). */
  judge?: boolean;
  /** Run every n-th case of each suite only (a quick check; the gate needs the full run). */
  sample?: number | string;
}

/** Injection points for tests and embedding; the CLI passes none. */
export interface EvalCommandDeps {
  runtime?: RuntimeFactory;
  /** Exactly the assistants to evaluate (tests); otherwise the built-ins the cases need plus `extraAgents`. */
  agents?: AgentSpec[];
  /** Plug-in assistants from the configuration, available to cases beside the built-ins. */
  extraAgents?: AgentSpec[];
  judge?: Judge;
  out?: (s: string) => void;
  err?: (s: string) => void;
  isTTY?: boolean;
}

export const EXIT_PASS = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_USAGE = 2;

function positiveInt(name: string, v: number | string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UserInputError(`--${name} must be an integer from 1 to 1000, got "${v}"`, { field: name, value: v });
  return n;
}

const PROVIDERS = ['offline', 'openai', 'ollama'];

export async function evalCommand(opts: EvalCommandOptions, deps: EvalCommandDeps = {}): Promise<number> {
  const out = deps.out ?? ((s: string) => void process.stdout.write(s));
  const err = deps.err ?? ((s: string) => void process.stderr.write(s));
  try {
    const repeat = positiveInt('repeat', opts.repeat, 1);
    const concurrency = positiveInt('concurrency', opts.concurrency, 1);
    if (opts.provider && !PROVIDERS.includes(opts.provider)) {
      throw new UserInputError(`--provider must be one of ${PROVIDERS.join(', ')}, got "${opts.provider}"`, { field: 'provider', value: opts.provider });
    }

    const skipped: EvalReport['skipped'] = [];
    const suites = selectSuites({
      select: opts.suites ?? [],
      ...(opts.manifest ? { manifest: opts.manifest } : {}),
      onSkip: (m, suite) => {
        err(`finagent eval: ${m}\n`);
        skipped.push({ suite, reason: 'file not found (not written yet)' });
      },
    });
    const sample = positiveInt('sample', opts.sample, 1);
    if (sample > 1) {
      if (opts.gate) throw new UserInputError('--sample cannot be combined with --gate: the gate is judged on the full suites', { field: 'sample', value: opts.sample });
      for (const s of suites) s.cases = s.cases.filter((_, i) => i % sample === 0);
    }
    const gate = opts.gate ? loadGate(opts.gate) : undefined;
    const baseline = opts.baseline ? loadReport(opts.baseline) : undefined;
    let judge = deps.judge;
    if (opts.judge && !judge) {
      if (!opts.provider || opts.provider === 'offline') throw new UserInputError('--judge needs --provider openai or ollama');
      judge = await (await import('./judge-provider.js')).createProviderJudge(opts.provider);
    }
    const runtime = deps.runtime ?? (await import('./runtime-adapter.js')).realRuntime;
    let agents = deps.agents;
    if (!agents) {
      const wanted = suites.flatMap((s) => s.cases.map((c) => c.agent)).filter((a) => !opts.agent || a === opts.agent);
      const loaded = await (await import('./load-agents.js')).loadNeededAgents(wanted, deps.extraAgents ?? []);
      if (opts.agent && !loaded.agents.some((a) => a.name === opts.agent) && !loaded.unavailable.has(opts.agent)) {
        const known = [...new Set([...Object.keys((await import('../agents/registry.js')).BUILTIN_AGENT_LOADERS), ...(deps.extraAgents ?? []).map((a) => a.name)])];
        throw new UserInputError(`--agent must be one of ${known.join(', ')}, got "${opts.agent}"`, { field: 'agent', value: opts.agent });
      }
      agents = loaded.agents;
      for (const [name, reason] of loaded.unavailable) {
        err(`finagent eval: assistant ${name} is not available (${reason}); its cases are skipped\n`);
      }
      for (let i = suites.length - 1; i >= 0; i--) {
        const s = suites[i]!;
        s.cases = s.cases.filter((c) => !loaded.unavailable.has(c.agent));
        if (s.cases.length === 0) {
          skipped.push({ suite: s.name, reason: 'its assistant is not available' });
          suites.splice(i, 1);
        }
      }
    }
    if (opts.agent && deps.agents && !deps.agents.some((a) => a.name === opts.agent)) {
      throw new UserInputError(`--agent must be one of ${deps.agents.map((a) => a.name).join(', ')}, got "${opts.agent}"`, { field: 'agent', value: opts.agent });
    }
    const bar = progressBar(err, deps.isTTY ?? process.stderr.isTTY === true);
    const report = await runEval({
      suites,
      ...(opts.agent ? { agent: opts.agent } : {}),
      provider: opts.provider ?? 'offline',
      repeat,
      concurrency,
      ...(opts.home ? { home: opts.home } : {}),
      runtime,
      agents,
      ...(judge ? { judge } : {}),
      skipped,
      onProgress: (p) => bar.update(p),
    });
    bar.done();
    if (baseline && opts.baseline) report.baseline = { file: opts.baseline, deltas: computeDeltas(report, baseline) };
    // A run narrowed to some suites or one assistant is gated on what it ran; the full run must run every suite.
    const narrowed = (opts.suites?.length ?? 0) > 0 || opts.agent !== undefined;
    const effectiveGate = gate && narrowed ? { ...gate, requireSuites: false } : gate;
    const gateResult = effectiveGate && opts.gate ? { file: opts.gate, ...evaluateGate(report, effectiveGate, baseline) } : undefined;
    if (gateResult) report.gate = gateResult;

    const jsonText = `${JSON.stringify(report, null, 2)}\n`;
    const jsonToStdout = opts.json === true || opts.json === '-';
    if (typeof opts.json === 'string' && !jsonToStdout) writeFileSync(opts.json, jsonText);
    if (opts.report) writeFileSync(opts.report, renderHtml(report));
    if (opts.junit) writeFileSync(opts.junit, renderJunit(report));
    if (jsonToStdout) out(jsonText);
    else out(`${renderTerminal(report)}\n`);
    if (gateResult) (jsonToStdout ? err : out)(`${renderGate(gateResult)}\n`);
    return gateResult && !gateResult.passed ? EXIT_GATE_FAILED : EXIT_PASS;
  } catch (e) {
    if (FinagentError.isInstance(e) && e.code === 'bad_input') {
      err(`finagent eval: ${e.message}\n`);
      return EXIT_USAGE;
    }
    err(`finagent eval: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_GATE_FAILED;
  }
}
