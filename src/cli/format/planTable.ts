import type { Decimal } from '../../money/money.js';
import type { Pipeline } from '../../pipeline/types.js';
import type { PlanStage, RevenuePlan } from '../../planning/planFromRevenue.js';
import { formatCount, formatDays, formatMoney, formatPercent } from './numbers.js';
import { textTable } from './table.js';

/** What the plan table says besides the plan's own figures. */
export interface PlanTableContext {
  /** The pipeline planned. */
  readonly pipeline: Pipeline;
  /** The revenue goal, as read. */
  readonly revenueGoal: Decimal;
  /** The average won deal, as read. */
  readonly averageDealSize: Decimal;
  /** Where the input came from, e.g. the file name. */
  readonly source?: string;
}

interface Column {
  readonly title: string;
  readonly cell: (row: PlanStage) => string;
}

const count = (value: number | null): string => (value === null ? '—' : formatCount(value));

/**
 * A revenue plan as text: one row per planned stage (rate, required, at confidence, existing,
 * net new, latest entry, cost, people), then the totals. A column appears when the input asked
 * for its figure (confidence, existing, deadline, costs, capacity): a column of dashes says
 * nothing.
 */
export function renderPlanTable(plan: RevenuePlan, context: PlanTableContext): string {
  const { assumptions } = plan;
  const confidence = assumptions.confidence;
  const atConfidence = confidence === null ? '' : `at ${formatPercent(confidence)}`;
  const has = (pick: (row: PlanStage) => unknown) =>
    plan.stages.some((row) => pick(row) !== null && pick(row) !== 0);
  const columns: Column[] = [
    { title: 'stage', cell: (row) => row.stage },
    { title: 'rate', cell: (row) => formatPercent(row.rate) },
    { title: 'required', cell: (row) => formatCount(row.required) },
  ];
  if (confidence !== null)
    columns.push({ title: atConfidence, cell: (row) => count(row.requiredAtConfidence) });
  if (has((row) => row.existing))
    columns.push({ title: 'existing', cell: (row) => formatCount(row.existing) });
  columns.push({ title: 'net new', cell: (row) => formatCount(row.netNew) });
  if (has((row) => row.latestEntry))
    columns.push({
      title: 'latest entry',
      cell: (row) => row.latestEntry?.toISOString().slice(0, 10) ?? '—',
    });
  if (plan.totalCost !== null) {
    columns.push({ title: 'cost', cell: (row) => formatMoney(row.cost) });
    if (confidence !== null)
      columns.push({
        title: `cost ${atConfidence}`,
        cell: (row) => formatMoney(row.costAtConfidence),
      });
  }
  if (has((row) => row.people)) {
    columns.push({ title: 'people', cell: (row) => count(row.people) });
    if (confidence !== null)
      columns.push({
        title: `people ${atConfidence}`,
        cell: (row) => count(row.peopleAtConfidence),
      });
  }

  const deadline = plan.stages.at(-1)?.latestEntry ?? null;
  const out: string[] = [
    `Plan: ${formatMoney(context.revenueGoal)} of revenue at ${formatMoney(context.averageDealSize)} a deal = ${formatCount(plan.deals)} deals${context.source ? ` (${context.source})` : ''}`,
    `${context.pipeline.name}, from ${assumptions.from}${deadline === null ? '' : `, deadline ${deadline.toISOString().slice(0, 10)}`}; each stage's rate is its conversion to the next${confidence === null ? '' : `; "${atConfidence}" meets the goal with ${formatPercent(confidence)} probability (${assumptions.confidenceMethod})`}`,
    '',
    textTable(
      columns.map((column) => column.title),
      plan.stages.map((row) => columns.map((column) => column.cell(row))),
    ),
    '',
  ];
  // The pipeline to hold counts every journey the goal needs at that stage, existing ones
  // included (a stage's `required` credits them), so the count is read back from its value.
  const held = plan.pipelineValue.dividedBy(context.averageDealSize).toNumber();
  out.push(
    `Pipeline: ${formatCount(held)} at ${assumptions.pipelineStage} × ${formatMoney(context.averageDealSize)} = ${formatMoney(plan.pipelineValue)}, ${plan.requiredCoverage.toFixed(2)} × the goal`,
  );
  if (plan.totalCost !== null) {
    out.push(
      `Total cost: ${formatMoney(plan.totalCost)}${plan.totalCostAtConfidence === null ? '' : ` (${atConfidence}: ${formatMoney(plan.totalCostAtConfidence)})`}`,
    );
  }
  if (has((row) => row.people)) {
    const sum = (pick: (row: PlanStage) => number | null) =>
      plan.stages.reduce((total, row) => total + (pick(row) ?? 0), 0);
    out.push(
      `People: ${formatCount(sum((row) => row.people))}${confidence === null ? '' : ` (${atConfidence}: ${formatCount(sum((row) => row.peopleAtConfidence))})`} over ${formatDays(assumptions.months)} months`,
    );
  }
  for (const late of plan.tooLate) {
    out.push(
      `Too late: entries into ${late.stage} were due by ${late.latestEntry.toISOString().slice(0, 10)}, ${formatDays(late.daysLate)} days before asOf`,
    );
  }
  return `${out.join('\n')}\n`;
}
