// The main job on the bundled sample data: the seed's buying pipeline and its funnel report —
// conversion by origin, velocity, win rate, leakage at the handoff and deals. Run: npm run demo
import { fileURLToPath } from 'node:url';
import { funnelReport, presets } from 'buying-pipeline';
import { readJourneysFile } from 'buying-pipeline/node';

const pipeline = presets.buyingPipeline;
const asOf = '2026-06-30T00:00:00Z';
const file = fileURLToPath(new URL('./data/journeys.json', import.meta.url));
const journeys = await readJourneysFile(file, { pipeline });
const report = funnelReport(pipeline, journeys, { asOf, by: 'origin' });

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(0)}%`);
const days = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : value.toFixed(1);
const groups = report.conversion.groups ?? [];

console.log(
  `${pipeline.name} — ${report.journeys} sample journeys as of ${asOf.slice(0, 10)} (examples/data/journeys.json)`,
);
console.log(
  `Marketing owns ${pipeline.stages
    .filter((s) => s.owner === 'marketing')
    .map((s) => s.id)
    .join(', ')}; Sales takes over at "${pipeline.handoff}".\n`,
);

console.log('Conversion (reached → advanced; rate with its 95% Wilson interval)');
console.log(
  table(
    [
      'stage',
      'owner',
      'reached',
      'advanced',
      'exited',
      'open',
      'rate',
      'interval',
      ...groups.map((g) => `${g.key ?? 'no origin'}`),
    ],
    report.conversion.stages.map((row, index) => [
      `${row.stage === pipeline.handoff ? '→ ' : '  '}${row.stage}`,
      pipeline.stages[index]?.owner ?? '',
      String(row.reached),
      String(row.advanced),
      String(row.exited ?? '—'),
      String(row.open ?? '—'),
      percent(row.rate),
      row.interval.lower === null
        ? ''
        : `${percent(row.interval.lower)}–${percent(row.interval.upper)}`,
      ...groups.map((group) => percent(group.stages[index]?.rate ?? null)),
    ]),
  ),
);
const overall = report.conversion.overall;
console.log(
  `overall ${overall.from} → ${overall.to}: ${overall.converted} of ${overall.reached} (${percent(overall.rate)})\n`,
);

const win = report.winRate;
console.log(
  `Win rate from ${win.from}: ${win.won} won, ${win.lost} lost = ${percent(win.rate)} (${percent(win.interval.lower)}–${percent(win.interval.upper)}); by value ${percent(win.valueRate)} of ${win.wonValue.plus(win.lostValue).toFixed(2)}`,
);
for (const group of win.groups ?? [])
  console.log(
    `  ${group.key ?? 'no origin'}: ${group.won} won, ${group.lost} lost, ${percent(group.rate)}`,
  );

console.log('\nVelocity (days; time in stage is Kaplan–Meier with open journeys censored)');
console.log(
  table(
    ['stage', 'to next: n', 'median', 'p90', 'time in stage: median'],
    report.velocity.stages
      .filter((row) => row.toNext)
      .map((row) => [
        row.stage,
        String(row.toNext?.count ?? 0),
        days(row.toNext?.median),
        days(row.toNext?.p90),
        days(row.timeInStage?.median),
      ]),
  ),
);
console.log(
  `cycle to won: median ${days(report.velocity.cycle.median)} days over ${report.velocity.cycle.count} deals`,
);

const handoff = report.leakage.stages.find((row) => row.stage === pipeline.handoff)?.all;
if (handoff) {
  console.log(
    `\nLeakage at the handoff: ${handoff.exited} exited (${handoff.reasons.map((r) => `${r.reason ?? 'no reason'} ×${r.count}`).join(', ') || 'none'}), ${handoff.open} open (mean ${days(handoff.meanOpenAgeDays)} days), follow-up median ${days(handoff.followUpDays.median)} days, ${handoff.withoutFollowUp} never followed up`,
  );
}
const deals = report.deals;
console.log(
  `Deals: ${deals.count} won, total ${deals.total.toFixed(2)}, mean ${deals.mean?.toFixed(2) ?? '—'}, median ${deals.median?.toFixed(2) ?? '—'}`,
);
console.log(
  `Not measured: ${report.unstaged.count} unstaged; anomalies: ${report.anomalies.map((a) => `${a.kind} ×${a.count}`).join(', ') || 'none'}`,
);

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
