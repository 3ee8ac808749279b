import { describe, expect, it } from 'vitest';
import { dataPath } from '../runtime/paths.js';
import { loadGate } from './gate.js';
import { loadManifest } from './suite-loader.js';

describe('checked-in eval files', () => {
  it('the gate parses, gates violations at zero and names only manifest suites', () => {
    const gate = loadGate(dataPath('eval', 'gate.json'));
    const names = loadManifest(dataPath('eval', 'suites.json')).suites.map((s) => s.name);
    expect(gate.maxViolations).toBe(0);
    expect(Object.keys(gate.suites).filter((s) => !names.includes(s))).toEqual([]);
    expect(names).toEqual(['dealing-parse', 'dealing-dialogues', 'policy', 'policy-answer', 'analyst', 'analyst-chat', 'tool-calls', 'dealing-trust']);
    // Every suite has thresholds: none runs ungated.
    expect(Object.keys(gate.suites).sort()).toEqual([...names].sort());
  });
});
