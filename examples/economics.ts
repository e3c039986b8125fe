// Campaign economics over the sample journeys: cost per stage, acquisition cost and return by
// program, recycling, entry points, and customer value from repeat orders.
import { readFileSync } from 'node:fs';
import {
  customerValue,
  entryPoints,
  type JourneyInput,
  presets,
  programEconomics,
  recycling,
  type SpendInput,
} from 'buying-pipeline';

const pipeline = presets.buyingPipeline;
const journeys: JourneyInput[] = JSON.parse(
  readFileSync(new URL('./data/journeys.json', import.meta.url), 'utf8'),
);
const asOf = '2026-06-30';

// Marketing's programs by quarter; the Sales team's cost is attributed to the qualified leads it
// took over in the half year (a line with a `stage`); partners cost nothing we know of.
const spend: SpendInput[] = [
  { program: 'marketing', period: { start: '2026-01-01', end: '2026-04-01' }, amount: '21000' },
  { program: 'marketing', period: { start: '2026-04-01', end: '2026-07-01' }, amount: '9000' },
  {
    program: 'sales',
    period: { start: '2026-01-01', end: '2026-07-01' },
    amount: '36000',
    stage: 'qualified_lead',
  },
];

const money = (value: { toFixed(digits: number): string } | null) =>
  value === null ? '—' : value.toFixed(2);
const { programs, total } = programEconomics(pipeline, journeys, spend, { asOf });
for (const row of [...programs, total]) {
  const name = row === total ? 'total' : (row.program ?? 'no program');
  const perLead = row.stages.find((stage) => stage.stage === 'lead');
  const perQualified = row.stages.find((stage) => stage.stage === 'qualified_lead');
  console.log(
    `${name.padEnd(10)} spend ${money(row.spend).padStart(9)}  leads ${perLead?.entries}` +
      ` (${money(perLead?.costPerEntry ?? null)} each)  qualified ${perQualified?.entries}` +
      ` (${money(perQualified?.costPerEntry ?? null)} each)  won ${row.won}` +
      `  CAC ${money(row.acquisitionCost)}  return ${row.returnOnSpend?.toFixed(2) ?? '—'}` +
      `  outside periods ${row.outsidePeriods}`,
  );
}

const recycled = recycling(pipeline, journeys, { asOf });
console.log(
  `recycled: ${recycled.recycled} of ${recycled.journeys};`,
  `afterwards ${JSON.stringify(recycled.afterwards)};`,
  `median days to re-entry ${recycled.timeToReentryDays.median}`,
);

const entries = entryPoints(pipeline, journeys, { asOf, period: 'quarter' });
for (const quarter of entries.periods) {
  console.log(
    `${quarter.period}: ${quarter.journeys} first seen,`,
    `${quarter.atOrAfterHandoff.count} at or after the handoff;`,
    `sources ${quarter.sources.map((source) => `${source.key}:${source.count}`).join(' ')}`,
  );
}

// Repeat orders from two accounts: lifetime value and its ratio to the acquisition cost.
const order = (id: string, account: string, amount: string, at: string): JourneyInput => ({
  id,
  attributes: { account },
  amount,
  events: [
    { type: 'stage', stage: 'prospect', at },
    { type: 'outcome', outcome: 'won', at },
  ],
});
const customers = customerValue(
  [
    order('o1', 'acme-gmbh', '24000', '2025-04-22'),
    order('o2', 'acme-gmbh', '9000', '2025-11-03'),
    order('o3', 'acme-gmbh', '12000', '2026-04-22'),
    order('o4', 'juniper-co', '15000', '2026-05-15'),
  ],
  {
    pipeline,
    spend: [
      { program: 'all', period: { start: '2025-01-01', end: '2026-07-01' }, amount: '18000' },
    ],
  },
);
console.log(
  `customers ${customers.customers}, purchases per customer ${customers.purchasesPerCustomer},`,
  `lifetime value ${money(customers.lifetimeValue)}, CAC ${money(customers.acquisitionCost)},`,
  `LTV:CAC ${customers.valueToCost?.toFixed(2)}`,
);
if (customers.lifetimeValue?.toFixed(2) !== '30000.00') process.exit(1);
