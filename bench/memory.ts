// Peak memory of funnelReport over 1,000,000 journeys. Run: npm run bench:memory
// Prints the resident set size after building the input, and the peak over the whole run.
import { funnelReport, presets } from '../src/index.js';
import { funnelJourneys } from './funnelData.js';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const pipeline = presets.buyingPipeline;
const journeys = funnelJourneys(pipeline, 1_000_000);
const stageEvents = journeys.reduce(
  (total, journey) => total + journey.events.filter((event) => event.type === 'stage').length,
  0,
);
const input = process.memoryUsage().rss;
const started = performance.now();
const report = funnelReport(pipeline, journeys, { asOf: '2026-06-30T00:00:00Z', by: 'origin' });
const seconds = (performance.now() - started) / 1000;
const peak = process.resourceUsage().maxRSS * 1024;
console.log(`journeys: ${journeys.length}, stage events: ${stageEvents}`);
console.log(`funnelReport: ${seconds.toFixed(2)} s (one run, cold)`);
console.log(
  `rss with the input held: ${mib(input)}; peak rss over the run: ${mib(peak)}; added by the report: ${mib(peak - input)}`,
);
console.log(
  `won ${report.winRate.won}, overall conversion ${report.conversion.overall.rate?.toFixed(4)}`,
);
