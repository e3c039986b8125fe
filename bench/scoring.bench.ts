// How fast leads are scored. Run: npm run bench -- scoring (and, on a shared machine, the
// CPU-time figure: node --import tsx bench/scoringCpu.ts). leads/s = hz × LEADS.
// Last measured (docs/scoring.md, "Scoring many leads"), 2026-11-23 on a shared 2-core machine:
// this bench 0.94–0.98 M leads/s (Dates), 0.54–0.58 M (ISO strings); npm run bench:scoring (CPU time)
// 0.84–0.96 M and 0.49–0.59 M; npm run bench:scoring-floor (interleaved) 0.82–1.10 M.
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
