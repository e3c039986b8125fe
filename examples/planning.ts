// From a revenue goal back to the targets, leads, budget and people it needs — with the rates and
// durations measured on journeys — then the same plan projected forward.
import { readFileSync } from 'node:fs';
import {
  conversion,
  type JourneyInput,
  planFromRevenue,
  presets,
  projectForward,
  requiredTrials,
  velocity,
} from 'buying-pipeline';

const pipeline = presets.buyingPipeline;
const journeys: JourneyInput[] = JSON.parse(
  readFileSync(new URL('./data/journeys.json', import.meta.url), 'utf8'),
);
const asOf = '2026-06-30';

// Rates chosen by hand (seed 000's steps 6–8): deals, stages, budget and people.
const rates = {
  target: 0.2,
  contact: 0.25,
  suspect: 0.4,
  lead: 0.5,
  qualified_lead: 0.6,
  prospect: 0.3,
};
const plan = planFromRevenue(pipeline, {
  revenueGoal: 1_200_000,
  averageDealSize: 24_000,
  rates,
  costPerEntry: { target: 4, contact: 10, lead: 50 },
  capacity: { lead: 20, qualified_lead: 10, prospect: 4 },
  months: 12,
  confidence: 0.9,
});
console.log(`deals to win: ${plan.deals}`);
for (const row of plan.stages) {
  console.log(
    `${row.stage.padEnd(15)} ${String(row.required).padStart(6)} (90%: ${String(row.requiredAtConfidence).padStart(6)})` +
      `  cost ${row.cost?.toFixed(0) ?? '-'}  people ${row.people ?? '-'}`,
  );
}
console.log(
  `budget ${plan.totalCost?.toFixed(2)} (90%: ${plan.totalCostAtConfidence?.toFixed(2)})`,
);
console.log(`pipeline to hold ${plan.pipelineValue.toFixed(0)}, coverage ${plan.requiredCoverage}`);

// Seed 002: a 50% close rate and a 100,000 quota need 200,000 in the pipeline.
const quota = planFromRevenue(pipeline, {
  revenueGoal: 100_000,
  averageDealSize: 10_000,
  rates: { prospect: 0.5 },
});
console.log(`seed 002: pipeline for a 100,000 quota: ${quota.pipelineValue.toFixed(0)}`);
console.log(`10 wins at 25% with 90% confidence: ${requiredTrials(10, 0.25, 0.9)} opportunities`);

// The same plan with rates and durations measured on the example journeys, and a deadline.
const measured = planFromRevenue(pipeline, {
  revenueGoal: 500_000,
  averageDealSize: 25_000,
  rates: conversion(pipeline, journeys, { asOf }),
  durations: velocity(pipeline, journeys, { asOf }),
  asOf,
  deadline: '2026-12-31',
  confidence: 0.8,
});
console.log(
  `measured plan from ${measured.assumptions.from} (${measured.assumptions.confidenceMethod}):`,
);
for (const row of measured.stages) {
  console.log(
    `  ${row.stage.padEnd(15)} ${String(row.required).padStart(5)} (80%: ${row.requiredAtConfidence})` +
      ` latest entry ${row.latestEntry?.toISOString().slice(0, 10)}`,
  );
}
console.log(`too late: ${measured.tooLate.map((late) => late.stage).join(', ') || 'nothing'}`);

// Forward: what the leads of the plan deliver.
const forward = projectForward(pipeline, {
  counts: { lead: plan.stages.find((row) => row.stage === 'lead')?.required ?? 0 },
  rates,
  averageDealSize: 24_000,
});
console.log(
  `forward from the planned leads: ${forward.expectedDeals} deals expected, ${forward.wholeDeals} whole, revenue ${forward.revenue.toFixed(2)}`,
);
