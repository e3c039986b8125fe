// Pipeline health and forecasting over a small, hand-made close-date history.
import {
  forecastAccuracy,
  type JourneyInput,
  pipelineCoverage,
  pipelineWaterfall,
  presets,
  pushRate,
  salesVelocity,
  slippage,
  stageWinProbabilities,
  weightedPipeline,
} from 'buying-pipeline';

const pipeline = presets.buyingPipeline;
const q1 = { start: '2026-01-01', end: '2026-04-01' };
const q2 = { start: '2026-04-01', end: '2026-07-01' };
const forecast = (at: string, closeDate: string, amount?: string) =>
  amount === undefined
    ? ({ type: 'forecast', at, closeDate } as const)
    : ({ type: 'forecast', at, closeDate, amount } as const);
const stage = (id: string, at: string) => ({ type: 'stage', stage: id, at }) as const;
const close = (outcome: 'won' | 'lost', at: string) => ({ type: 'outcome', outcome, at }) as const;

const journeys: JourneyInput[] = [
  {
    id: 'acme',
    amount: '10000',
    attributes: { forecastCategory: 'commit' },
    events: [
      stage('prospect', '2026-02-01'),
      forecast('2026-03-01', '2026-05-15', '11000'),
      close('won', '2026-05-10'),
    ],
  },
  {
    id: 'globex',
    amount: '20000',
    attributes: { forecastCategory: 'commit' },
    events: [
      stage('prospect', '2026-02-01'),
      forecast('2026-03-01', '2026-06-15'),
      forecast('2026-06-20', '2026-07-31'),
    ],
  },
  {
    id: 'initech',
    amount: '30000',
    attributes: { forecastCategory: 'best_case' },
    events: [
      stage('qualified_lead', '2026-01-10'),
      stage('prospect', '2026-01-15'),
      forecast('2026-02-01', '2026-04-30'),
      forecast('2026-04-25', '2026-05-31'),
      forecast('2026-05-28', '2026-08-31'),
    ],
  },
  {
    id: 'umbrella',
    amount: '40000',
    attributes: { forecastCategory: 'commit' },
    events: [
      stage('qualified_lead', '2026-02-01'),
      stage('prospect', '2026-02-10'),
      forecast('2026-02-15', '2026-08-15'),
      forecast('2026-04-10', '2026-06-10'),
      close('won', '2026-06-05'),
    ],
  },
  {
    id: 'hooli',
    amount: '15000',
    attributes: { forecastCategory: 'best_case' },
    events: [
      stage('prospect', '2026-01-20'),
      forecast('2026-02-20', '2026-06-30'),
      close('lost', '2026-05-20'),
    ],
  },
  {
    id: 'stark',
    amount: '25000',
    attributes: { forecastCategory: 'closed' },
    events: [
      stage('qualified_lead', '2026-01-01'),
      stage('prospect', '2026-01-05'),
      forecast('2026-01-10', '2026-04-20'),
      close('won', '2026-03-25'),
    ],
  },
  {
    id: 'wayne',
    amount: '12000',
    events: [stage('qualified_lead', '2026-04-15'), forecast('2026-04-16', '2026-06-20', '13000')],
  },
];

const push = pushRate(pipeline, journeys, { period: q2 });
console.log(
  `Q2 push rate: ${push.pushed} of ${push.committed} committed deals (${push.rate}), ${push.meanDaysPushed} days on average`,
);
console.log('worst slippage:', slippage(pipeline, journeys, { asOf: '2026-06-30' })[0]);

const waterfall = pipelineWaterfall(pipeline, journeys, q2);
for (const bar of [
  'openAtStart',
  'created',
  'pulledIn',
  'won',
  'lost',
  'pushedOut',
  'openAtEnd',
] as const) {
  console.log(
    `waterfall ${bar.padEnd(11)} ${waterfall[bar].count}  ${waterfall[bar].value.toFixed(2)}`,
  );
}

const accuracy = forecastAccuracy(pipeline, journeys, { periods: [q1, q2], byCategory: true });
console.log('forecast accuracy: WAPE', accuracy.wape, 'bias', accuracy.bias);
for (const group of accuracy.categories ?? [])
  console.log(`  ${group.category ?? '(none)'}: WAPE ${group.wape}`);

const coverage = pipelineCoverage(pipeline, journeys, {
  asOf: '2026-05-15',
  period: q2,
  target: '100000',
  winRate: 0.5,
});
console.log(
  `coverage ${coverage.coverage?.toFixed(2)}× of the remaining ${coverage.remaining.toFixed(2)}; ` +
    `${coverage.requiredCoverage}× required, short by ${coverage.shortfall?.toFixed(2)}`,
);

const velocity = salesVelocity(pipeline, journeys, { asOf: '2026-06-30', from: 'prospect' });
console.log(`sales velocity: ${velocity.perDay?.toFixed(2)} a day`, velocity);

const chain = stageWinProbabilities(pipeline, journeys, { pseudoCounts: 1 });
console.log(
  chain.stages.map((row) => `${row.stage}: ${row.probability?.toFixed(3) ?? row.gap}`).join(', '),
);
console.log(
  'weighted pipeline:',
  weightedPipeline(pipeline, journeys, {
    asOf: '2026-05-15',
    pseudoCounts: 1,
  }).weightedValue.toFixed(2),
);
