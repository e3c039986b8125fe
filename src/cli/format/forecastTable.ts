import type { PipelineCoverageResult } from '../../forecasting/pipelineCoverage.js';
import type { WaterfallResult } from '../../forecasting/pipelineWaterfall.js';
import type { PushRateResult } from '../../forecasting/pushRate.js';
import type { SalesVelocityResult } from '../../forecasting/salesVelocity.js';
import type { WeightedPipelineResult } from '../../forecasting/weightedPipeline.js';
import { formatCount, formatDays, formatMoney, formatPercent } from './numbers.js';
import { textTable } from './table.js';

/** What `forecast` computes: one result per calculator, coverage only with a target. */
export interface ForecastFigures {
  /** The moment measured by coverage, velocity and the weighted pipeline. */
  readonly asOf: Date;
  /** The period [start, end). */
  readonly period: { readonly start: Date; readonly end: Date };
  /** {@link pushRate} of the period. */
  readonly pushRate: PushRateResult;
  /** {@link pipelineWaterfall} of the period. */
  readonly waterfall: WaterfallResult;
  /** {@link pipelineCoverage} of the period against `--target`; null without a target. */
  readonly coverage: PipelineCoverageResult | null;
  /** {@link salesVelocity} as of `asOf`. */
  readonly salesVelocity: SalesVelocityResult;
  /** {@link weightedPipeline} as of `asOf`, probabilities learned from the history. */
  readonly weightedPipeline: WeightedPipelineResult;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const plural = (count: number, word: string) =>
  `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;

/**
 * The forecast figures as text for a terminal: push rate, the pipeline waterfall, coverage
 * against the target, sales velocity and the weighted pipeline.
 */
export function renderForecastTable(
  figures: ForecastFigures,
  context: { readonly journeys: number; readonly source?: string },
): string {
  const { pushRate: push, waterfall, coverage, salesVelocity: velocity } = figures;
  const weighted = figures.weightedPipeline;
  const { start, end } = figures.period;
  const out: string[] = [
    `Forecast: ${plural(context.journeys, 'journey')}${context.source ? ` from ${context.source}` : ''}, period ${day(start)} to ${day(end)} (end excluded), as of ${day(figures.asOf)}`,
  ];
  if (figures.asOf.getTime() < end.getTime()) {
    out.push(
      `The period has not ended at ${day(figures.asOf)}: "pushed" and "open at end" count deals still open now.`,
    );
  }

  out.push(
    '',
    `Push rate (deals open at ${day(push.snapshot)} whose latest forecast closes in the period, by where they stand at its end)`,
    textTable(
      ['', 'deals', 'value'],
      [
        ['committed', formatCount(push.committed), formatMoney(push.committedValue)],
        ['won', formatCount(push.won), formatMoney(push.wonValue)],
        ['lost', formatCount(push.lost), formatMoney(push.lostValue)],
        ['pushed', formatCount(push.pushed), formatMoney(push.pushedValue)],
        ['push rate', formatPercent(push.rate), formatPercent(push.valueRate)],
      ],
    ),
    `mean days pushed: ${formatDays(push.meanDaysPushed)} over ${plural(push.pushedWithNewDate, 'deal')} with a later close date${push.withoutValue > 0 ? `; ${plural(push.withoutValue, 'deal')} without an amount` : ''}`,
    ...push.pushedDeals.map(
      (deal) =>
        `  pushed: ${deal.id} ${day(deal.committedCloseDate)} → ${deal.newCloseDate === null ? 'no new date' : `${day(deal.newCloseDate)} (+${formatDays(deal.daysPushed)} days)`}, ${formatMoney(deal.value)}`,
    ),
    '',
    'Pipeline waterfall (open deals whose latest forecast closes in the period)',
    textTable(
      ['', 'deals', 'value'],
      (
        [
          ['  open at start', waterfall.openAtStart],
          ['+ created', waterfall.created],
          ['+ pulled in', waterfall.pulledIn],
          ['− won', waterfall.won],
          ['− lost', waterfall.lost],
          ['− pushed out', waterfall.pushedOut],
          ['= open at end', waterfall.openAtEnd],
        ] as const
      ).map(([label, bar]) => [label, formatCount(bar.count), formatMoney(bar.value)]),
    ),
  );

  if (coverage !== null) {
    out.push(
      '',
      `Coverage of the target ${formatMoney(coverage.target)} (open value ÷ what remains of the target)`,
      `won ${formatMoney(coverage.won)} in ${plural(coverage.wonDeals, 'deal')}, remaining ${formatMoney(coverage.remaining)}${coverage.attained ? ' (attained)' : ''}; open ${formatMoney(coverage.openValue)} in ${plural(coverage.openDeals, 'deal')}${coverage.openWithoutForecast > 0 ? ` (and ${plural(coverage.openWithoutForecast, 'open journey')} without a forecast)` : ''}`,
      `coverage ${coverage.coverage === null ? '—' : `${coverage.coverage.toFixed(2)}×`}; required ${coverage.requiredCoverage === null ? '—' : `${coverage.requiredCoverage.toFixed(2)}×`} (1 ÷ the value win rate ${formatPercent(coverage.valueWinRate)}) = ${formatMoney(coverage.requiredPipeline)} of pipeline, shortfall ${formatMoney(coverage.shortfall)}`,
    );
  }

  out.push(
    '',
    `Sales velocity (opportunities from ${velocity.from}): ${formatCount(velocity.openOpportunities)} open × ${formatPercent(velocity.winRate)} win rate (${velocity.won} won, ${velocity.lost} lost) × ${formatMoney(velocity.averageDealSize)} average deal ÷ ${formatDays(velocity.averageCycleDays)} days = ${formatMoney(velocity.perDay)} per day`,
    '',
    `Weighted pipeline (open deals × their stage's win probability, ${weighted.probabilitiesFrom === 'history' ? 'learned from the history' : 'given'})`,
    textTable(
      ['stage', 'deals', 'value', 'probability', 'weighted'],
      [
        ...weighted.stages
          .filter((row) => row.count > 0)
          .map((row) => [
            row.stage,
            formatCount(row.count),
            formatMoney(row.value),
            formatPercent(row.probability),
            formatMoney(row.weightedValue),
          ]),
        [
          'total',
          formatCount(weighted.count),
          formatMoney(weighted.value),
          '',
          formatMoney(weighted.weightedValue),
        ],
      ],
    ),
  );
  const notes = [
    weighted.withoutProbability > 0
      ? `${plural(weighted.withoutProbability, 'deal')} at a stage without a probability (not weighted)`
      : '',
    weighted.withoutValue > 0
      ? `${plural(weighted.withoutValue, 'open deal')} without an amount`
      : '',
    weighted.unstaged > 0 ? `${plural(weighted.unstaged, 'open journey')} without a stage` : '',
  ].filter(Boolean);
  if (notes.length > 0) out.push(`Notes: ${notes.join('; ')}`);
  return `${out.join('\n')}\n`;
}
