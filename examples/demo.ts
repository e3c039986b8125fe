// The main job on the bundled sample data: the seed's buying pipeline, and where each sample
// journey stands. Run it with `npm run demo`. (Later releases grow it into the full funnel report.)
import { fileURLToPath } from 'node:url';
import { type JourneySummary, presets, summarizeJourney } from 'buying-pipeline';
import { readJourneysFile } from 'buying-pipeline/node';

const pipeline = presets.buyingPipeline;
const asOf = '2026-06-30T00:00:00Z';
const file = fileURLToPath(new URL('./data/journeys.json', import.meta.url));
const journeys = await readJourneysFile(file, { pipeline });
const summaries = journeys.map((journey) => summarizeJourney(pipeline, journey, { asOf }));

console.log(
  `${pipeline.name}: ${pipeline.stages.length} stages, handoff to Sales at "${pipeline.handoff}"\n`,
);
console.log(
  table(
    ['stage', 'owner', 'reached', 'open here now'],
    pipeline.stages.map((stage) => [
      `${stage.id === pipeline.handoff ? '→ ' : '  '}${stage.name}`,
      stage.owner,
      String(summaries.filter((summary) => stage.id in summary.reached).length),
      String(summaries.filter((s) => s.status === 'open' && s.currentStage === stage.id).length),
    ]),
  ),
);

console.log(
  `\n${journeys.length} sample journeys as of ${asOf.slice(0, 10)} (examples/data/journeys.json):\n`,
);
console.log(
  table(
    ['journey', 'origin', 'status', 'furthest stage', 'days in stage', 'amount', 'note'],
    summaries.map((summary) => [
      summary.id,
      summary.origin ?? '—',
      summary.status,
      summary.furthestStage ?? '—',
      summary.ageInStageDays === null ? '—' : summary.ageInStageDays.toFixed(1),
      summary.amount?.toFixed(2) ?? '—',
      note(summary),
    ]),
  ),
);

const won = summaries.filter((summary) => summary.status === 'won');
const wonAmounts = won.flatMap((summary) => (summary.amount ? [summary.amount] : []));
const wonValue = wonAmounts.reduce((total, amount) => total.plus(amount)).toFixed(2);
console.log(
  `\nwon ${won.length}, lost ${count('lost')}, disqualified ${count('disqualified')}, open ${count('open')}; won value ${wonValue}`,
);

function count(status: JourneySummary['status']): number {
  return summaries.filter((summary) => summary.status === status).length;
}

function note(summary: JourneySummary): string {
  const implied = Object.entries(summary.reached)
    .filter(([, at]) => at === null)
    .map(([stage]) => stage);
  const parts = [];
  if (summary.reason) parts.push(`reason: ${summary.reason}`);
  if (summary.recycles > 0) parts.push(`recycled ${summary.recycles}×`);
  if (implied.length > 0) parts.push(`implied: ${implied.join(', ')}`);
  return parts.join('; ');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}
