import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  dealMetrics,
  funnelReport,
  type JourneyInput,
  summarizeJourney,
  winRate,
} from '../../src/index.js';
import {
  asOfArb,
  centsOf,
  formatCents,
  HANDOFF,
  journeysArb,
  msOf,
  pipeline,
  stageIds,
} from './arbitraries.js';

const RUNS = 300;

/**
 * Whether the journey reached the handoff by asOf: entered it or a later stage, or was won (a win
 * is an entry into the last stage, even when a loss at the same instant or later closes it again).
 */
function reachedHandoff(journey: JourneyInput, asOfMs: number): boolean {
  return journey.events.some(
    (event) =>
      msOf(event.at) <= asOfMs &&
      ((event.type === 'stage' && stageIds.indexOf(event.stage) >= HANDOFF) ||
        (event.type === 'outcome' && event.outcome === 'won')),
  );
}

describe('money totals equal the sum in integer cents', () => {
  test.prop([journeysArb({ maxLength: 40 }), asOfArb], { numRuns: RUNS })(
    'won and lost values of the win rate, and the deal total',
    (journeys, asOf) => {
      const asOfMs = msOf(asOf);
      let wonAtHandoff = 0n;
      let lostAtHandoff = 0n;
      let wonCount = 0;
      let lostCount = 0;
      let dealTotal = 0n;
      let dealCount = 0;
      let withValue = 0;
      for (const journey of journeys) {
        const { status } = summarizeJourney(pipeline, journey, { asOf });
        const cents = journey.amount === undefined ? null : centsOf(journey.amount);
        if (status === 'won') {
          dealCount += 1;
          if (cents !== null) {
            dealTotal += cents;
            withValue += 1;
          }
        }
        if (!reachedHandoff(journey, asOfMs)) continue;
        if (status === 'won') {
          wonCount += 1;
          wonAtHandoff += cents ?? 0n;
        } else if (status === 'lost') {
          lostCount += 1;
          lostAtHandoff += cents ?? 0n;
        }
      }

      const report = funnelReport(pipeline, journeys, { asOf });
      const standalone = winRate(pipeline, journeys, { asOf });
      for (const figures of [report.winRate, standalone]) {
        expect(figures.won).toBe(wonCount);
        expect(figures.lost).toBe(lostCount);
        expect(figures.wonValue.toFixed(2)).toBe(formatCents(wonAtHandoff));
        expect(figures.lostValue.toFixed(2)).toBe(formatCents(lostAtHandoff));
      }
      const deals = dealMetrics(pipeline, journeys, { asOf });
      for (const figures of [report.deals, deals]) {
        expect(figures.count).toBe(dealCount);
        expect(figures.withValue).toBe(withValue);
        expect(figures.total.toFixed(2)).toBe(formatCents(dealTotal));
        expect(figures.existing.value.plus(figures.new.value).toFixed(2)).toBe(
          formatCents(dealTotal),
        );
      }
    },
  );
});
