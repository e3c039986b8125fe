import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { customerValue, entryPoints, recycling, summarizeJourney } from '../../src/index.js';
import { nonFinitePaths } from '../helpers.js';
import { asOfArb, journeysArb, pipeline } from '../metrics/arbitraries.js';
import { keysArb, permute } from './arbitraries.js';

const RUNS = 150;
const periodArb = fc.constantFrom<'year' | 'quarter' | 'month'>('year', 'quarter', 'month');

describe('customerValue, recycling and entryPoints', () => {
  test.prop([journeysArb({ maxLength: 30 }), asOfArb, periodArb, keysArb], { numRuns: RUNS })(
    'do not depend on the order of the journeys',
    (journeys, asOf, period, keys) => {
      const shuffled = permute(journeys, keys);
      const same = (run: (list: typeof journeys) => unknown) =>
        expect(JSON.stringify(run(shuffled))).toBe(JSON.stringify(run(journeys)));
      same((list) => customerValue(list, { pipeline, asOf, account: 'industry' }));
      same((list) => recycling(pipeline, list, { asOf }));
      same((list) => entryPoints(pipeline, list, { asOf, period }));
    },
  );

  test.prop([journeysArb({ maxLength: 30 }), asOfArb], { numRuns: RUNS })(
    'customerValue counts every won journey once, as the summary says',
    (journeys, asOf) => {
      const won = journeys.filter(
        (journey) => summarizeJourney(pipeline, journey, { asOf }).status === 'won',
      ).length;
      const result = customerValue(journeys, { pipeline, asOf, account: 'industry' });
      expect(result.purchases + result.wonWithoutAccount).toBe(won);
      expect(result.accounts.reduce((sum, row) => sum + row.purchases, 0)).toBe(result.purchases);
      expect(nonFinitePaths(result)).toEqual([]);
    },
  );

  test.prop([journeysArb({ maxLength: 30 }), asOfArb], { numRuns: RUNS })(
    'recycling: the outcomes partition the recycled journeys, shares in [0, 1]',
    (journeys, asOf) => {
      const result = recycling(pipeline, journeys, { asOf });
      const recycledJourneys = journeys.filter(
        (journey) => summarizeJourney(pipeline, journey, { asOf }).recycles > 0,
      ).length;
      expect(result.recycled).toBe(recycledJourneys);
      const { won, lost, disqualified, nurturing, backInFunnel, reentered } = result.afterwards;
      expect(won + lost + disqualified + nurturing + backInFunnel).toBe(result.recycled);
      expect(reentered).toBeLessThanOrEqual(result.recycled);
      for (const row of result.stages) {
        expect(row.recycled).toBeLessThanOrEqual(row.reached);
      }
      expect(result.groups.reduce((sum, group) => sum + group.journeys, 0)).toBe(journeys.length);
      expect(nonFinitePaths(result)).toEqual([]);
    },
  );

  test.prop([journeysArb({ maxLength: 30 }), asOfArb, periodArb], { numRuns: RUNS })(
    'entryPoints places every staged journey once, in one stage and one period',
    (journeys, asOf, period) => {
      const result = entryPoints(pipeline, journeys, { asOf, period });
      expect(result.journeys + result.unstaged).toBe(journeys.length);
      const sum = (rows: readonly { count: number }[]) =>
        rows.reduce((total, row) => total + row.count, 0);
      expect(sum(result.stages)).toBe(result.journeys);
      expect(result.periods.reduce((total, row) => total + row.journeys, 0)).toBe(result.journeys);
      for (const row of result.periods) {
        expect(sum(row.sources)).toBe(row.journeys);
        expect(row.end.getTime()).toBeGreaterThan(row.start.getTime());
      }
      result.periods.forEach((row, index) => {
        if (index > 0) expect(row.start.getTime()).toBe(result.periods[index - 1]?.end.getTime());
      });
    },
  );
});
