import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  createFunnelAccumulator,
  type FunnelAccumulator,
  type FunnelAccumulatorJSON,
  funnelAccumulatorFromJSON,
  funnelReport,
} from '../../src/index.js';
import {
  funnelAccumulatorFromOwnJSON,
  funnelAccumulatorFromTransfer,
  funnelAccumulatorToTransfer,
  settleFunnelAccumulator,
} from '../../src/metrics/accumulator.js';
import { nonFinitePaths } from '../helpers.js';
import { journeysArb, optionsArb, pipeline } from './arbitraries.js';

const RUNS = 250;

/** Sorts items by random keys: a permutation that shrinks well. */
function permute<Item>(items: readonly Item[], keys: readonly number[]): Item[] {
  return items
    .map((item, index) => ({ item, key: keys[index] ?? 0, index }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map(({ item }) => item);
}

const keysArb = fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 50 });

describe('funnelReport', () => {
  test.prop([journeysArb({ maxLength: 50 }), optionsArb, keysArb], { numRuns: RUNS })(
    'does not depend on the order of the journeys',
    (journeys, options, keys) => {
      const shuffled = permute(journeys, keys);
      expect(JSON.stringify(funnelReport(pipeline, shuffled, options))).toBe(
        JSON.stringify(funnelReport(pipeline, journeys, options)),
      );
    },
  );

  test.prop(
    [
      journeysArb({ maxLength: 50 }),
      optionsArb,
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }),
    ],
    { numRuns: RUNS },
  )(
    'accumulators over any split, through JSON and merged in any order, equal one pass exactly',
    (journeys, options, cuts, order) => {
      const points = cuts
        .map((cut) => Math.floor(cut * (journeys.length + 1)))
        .sort((a, b) => a - b);
      const bounds = [0, ...points, journeys.length];
      const parts = bounds.slice(1).map((end, index) => journeys.slice(bounds[index] ?? 0, end));
      const accumulators = parts.map((part) => {
        const accumulator = createFunnelAccumulator(pipeline, options);
        for (const journey of part) accumulator.add(journey);
        const json = JSON.parse(JSON.stringify(accumulator.toJSON())) as FunnelAccumulatorJSON;
        return funnelAccumulatorFromJSON(pipeline, json);
      });
      const [first, ...rest] = permute(accumulators, order);
      const merged = rest.reduce(
        (into: FunnelAccumulator, other) => into.merge(other),
        first as FunnelAccumulator,
      );
      expect(JSON.stringify(merged.result())).toBe(
        JSON.stringify(funnelReport(pipeline, journeys, options)),
      );
    },
  );

  test.prop(
    [
      journeysArb({ maxLength: 50 }),
      optionsArb,
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
      fc.array(
        fc.constantFrom('plain', 'settled', 'transferred', 'json after settling', 'own json'),
        {
          minLength: 4,
          maxLength: 4,
        },
      ),
    ],
    { numRuns: RUNS },
  )(
    "accumulators settled, or sent the worker threads' way (sorted, transferred), merged, equal one pass exactly",
    (journeys, options, cuts, ways) => {
      const points = cuts
        .map((cut) => Math.floor(cut * (journeys.length + 1)))
        .sort((a, b) => a - b);
      const bounds = [0, ...points, journeys.length];
      const parts = bounds.slice(1).map((end, index) => journeys.slice(bounds[index] ?? 0, end));
      const accumulators = parts.map((part, index) => {
        const accumulator = createFunnelAccumulator(pipeline, options);
        for (const journey of part) accumulator.add(journey);
        const way = ways[index];
        if (way === 'settled') settleFunnelAccumulator(accumulator);
        if (way === 'json after settling') {
          settleFunnelAccumulator(accumulator);
          return funnelAccumulatorFromJSON(
            pipeline,
            JSON.parse(JSON.stringify(accumulator.toJSON())) as FunnelAccumulatorJSON,
          );
        }
        if (way === 'own json') {
          const json = JSON.parse(JSON.stringify(accumulator.toJSON())) as FunnelAccumulatorJSON;
          return funnelAccumulatorFromOwnJSON(pipeline, json);
        }
        if (way !== 'transferred') return accumulator;
        const { transfer, buffers } = funnelAccumulatorToTransfer(accumulator);
        return funnelAccumulatorFromTransfer(
          pipeline,
          structuredClone(transfer, { transfer: buffers }),
        );
      });
      const [first, ...rest] = accumulators;
      const merged = rest.reduce(
        (into: FunnelAccumulator, other) => into.merge(other),
        first as FunnelAccumulator,
      );
      const expected = JSON.stringify(funnelReport(pipeline, journeys, options));
      expect(JSON.stringify(merged.result())).toBe(expected);
      // The result does not use the lists up: asking again, or after settling, gives it again.
      settleFunnelAccumulator(merged);
      expect(JSON.stringify(merged.result())).toBe(expected);
    },
  );

  test.prop([journeysArb(), optionsArb], { numRuns: RUNS })(
    'never gives NaN or Infinity',
    (journeys, options) => {
      const report = funnelReport(pipeline, journeys, options);
      expect(nonFinitePaths(report)).toEqual([]);
      const text = JSON.stringify(report);
      expect(text).not.toMatch(/NaN|Infinity/);
      expect(nonFinitePaths(JSON.parse(text))).toEqual([]);
    },
  );
});
