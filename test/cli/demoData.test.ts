import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  demoAsOf,
  demoColumns,
  demoCsv,
  generateDemoRows,
} from '../../src/cli/demo/generateDemoRows.js';
import { createRandom } from '../../src/cli/demo/random.js';

describe('the demo data set', () => {
  const rows = generateDemoRows();
  const journeys = new Map<string, typeof rows>();
  for (const row of rows)
    journeys.set(row.journey_id, [...(journeys.get(row.journey_id) ?? []), row]);

  it('is the same for the same seed, and different for another', () => {
    expect(demoCsv()).toBe(demoCsv());
    expect(demoCsv({ seed: 7, journeys: 50 })).not.toBe(demoCsv({ seed: 8, journeys: 50 }));
  });

  it('has a few thousand journeys, each row in the generic mapping', () => {
    expect(journeys.size).toBe(3000);
    const parsed: string[][] = parse(demoCsv());
    expect(parsed[0]).toEqual([...demoColumns]);
    expect(parsed.slice(1)).toHaveLength(rows.length);
    expect(new Set(rows.map((row) => row.type))).toEqual(
      new Set(['stage', 'activity', 'outcome', 'forecast', 'behaviour']),
    );
  });

  it('has no event after the export', () => {
    const latest = Math.max(...rows.map((row) => Date.parse(row.at)));
    expect(latest).toBeLessThan(Date.parse(demoAsOf));
  });

  it('has the quirks of a real export', () => {
    const list = [...journeys.values()];
    const count = (test: (events: typeof rows) => boolean) => list.filter(test).length;
    // recycled, and re-entering a stage afterwards
    expect(count((events) => events.some((e) => e.outcome === 'recycled'))).toBeGreaterThan(20);
    expect(
      count((events) => {
        const recycled = events.findIndex((e) => e.outcome === 'recycled');
        return recycled >= 0 && events.slice(recycled).some((e) => e.type === 'stage');
      }),
    ).toBeGreaterThan(5);
    // a won deal without an amount, and a won deal booked before its first stage
    expect(
      count((events) => events.some((e) => e.outcome === 'won') && events[0]?.amount === ''),
    ).toBeGreaterThan(0);
    expect(
      count((events) => {
        const won = events.find((e) => e.outcome === 'won');
        const first = events.find((e) => e.type === 'stage');
        return won !== undefined && first !== undefined && won.at < first.at;
      }),
    ).toBeGreaterThan(0);
    // a win without a customer stage event (won implies the last stage)
    expect(
      count(
        (events) =>
          events.some((e) => e.outcome === 'won') && !events.some((e) => e.stage === 'customer'),
      ),
    ).toBeGreaterThan(0);
    // journeys without any stage, several origins and a missing one
    expect(count((events) => !events.some((e) => e.type === 'stage'))).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.origin))).toEqual(
      new Set(['marketing', 'sales', 'partner', '']),
    );
    // a value that needs CSV quoting
    expect(demoCsv()).toContain('"timing, budget frozen"');
  });
});

describe('createRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const values = Array.from({ length: 1000 }, () => a.next());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
