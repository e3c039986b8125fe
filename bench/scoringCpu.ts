// Leads scored per second of CPU time, for a machine shared with other work (where wall-clock
// figures measure the neighbours too). Run: node --import tsx bench/scoringCpu.ts, and for the
// built package: npm run build && node --import tsx bench/scoringCpu.ts --dist
import { from, LEADS, parsed, score, text } from './scoringData.js';

console.log(`scorer from ${from}/`);

for (const [label, leads] of [
  ['event times as Dates', parsed],
  ['event times as ISO strings', text],
] as const) {
  const rates: number[] = [];
  for (let round = 0; round < 7; round += 1) {
    const start = process.cpuUsage();
    for (const lead of leads) score(lead);
    const used = process.cpuUsage(start);
    rates.push(LEADS / ((used.user + used.system) / 1e6));
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)] ?? 0;
  console.log(
    `${label}: ${Math.round(median).toLocaleString('en')} leads per CPU second (median of 7 rounds of ${LEADS.toLocaleString('en')})`,
  );
}
