// How fast leads are scored. Run: npm run bench -- scoring (and, on a shared machine, the
// CPU-time figure: node --import tsx bench/scoringCpu.ts). leads/s = hz × LEADS.
// Last measured (docs/scoring.md, "Scoring many leads"), with node --import tsx bench/scoringCpu.ts
// on a shared 2-core machine: ~0.56 M leads per CPU second (Dates), ~0.42 M (ISO strings).
import { bench, describe } from 'vitest';
import { LEADS, parsed, score, text } from './scoringData.js';

describe(`${LEADS.toLocaleString('en')} leads, 20 rules, 10 behaviour events each`, () => {
  bench('createScorer, event times as Dates (parsed journeys)', () => {
    for (const lead of parsed) score(lead);
  });
  bench('createScorer, event times as ISO strings', () => {
    for (const lead of text) score(lead);
  });
});
