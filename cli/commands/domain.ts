import type { Command } from 'commander';
import { register as registerAnalyze } from './analyze.js';
import { register as registerAsk } from './ask.js';
import { register as registerDealing } from './dealing.js';
import { register as registerEval } from './eval.js';
import { register as registerKnowledge } from './knowledge.js';

/** The assistants' own commands, in the order `--help` lists them. */
export function registerDomainCommands(program: Command): void {
  registerAsk(program);
  registerAnalyze(program);
  registerKnowledge(program);
  registerEval(program);
  registerDealing(program);
}
