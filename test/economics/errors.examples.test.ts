import { describe, expect, it } from 'vitest';
import {
  type JourneyInput,
  parseSpend,
  presets,
  programEconomics,
  type SpendInput,
} from '../../src/index.js';
import { issueCodesAndPaths, stage, thrown } from '../helpers.js';

const pipeline = presets.buyingPipeline;
const good: SpendInput = {
  program: 'webinar',
  period: { start: '2026-01-01', end: '2026-04-01' },
  amount: '100',
};
const journeys: JourneyInput[] = [
  { id: 'a', origin: 'webinar', events: [stage('lead', '2026-01-10')] },
];

describe('economics: bad spend throws invalid_spend with the path', () => {
  it.each([
    [
      'a negative amount',
      { ...good, amount: '-0.01' },
      [{ code: 'too_small', path: [1, 'amount'] }],
    ],
    ['a negative number', { ...good, amount: -5 }, [{ code: 'too_small', path: [1, 'amount'] }]],
    [
      'an unreadable amount',
      { ...good, amount: '12,50' },
      [{ code: 'invalid_amount', path: [1, 'amount'] }],
    ],
    [
      'a period that ends before it starts',
      { ...good, period: { start: '2026-04-01', end: '2026-03-31' } },
      [{ code: 'invalid_period', path: [1, 'period', 'end'] }],
    ],
    [
      'an unknown stage',
      { ...good, stage: 'mql' },
      [{ code: 'unknown_stage', path: [1, 'stage'] }],
    ],
    ['an empty program', { ...good, program: ' ' }, [{ code: 'too_small', path: [1, 'program'] }]],
    [
      'an offset-less date-time',
      { ...good, period: { start: '2026-01-01T09:00:00', end: '2026-04-01' } },
      [{ code: 'invalid_date', path: [1, 'period', 'start'] }],
    ],
    ['an unknown key', { ...good, cost: 5 }, [{ code: 'unrecognized_keys', path: [1, 'cost'] }]],
  ])('%s', (_, line, issues) => {
    const error = thrown(() => programEconomics(pipeline, journeys, [good, line as SpendInput]));
    expect(error.code).toBe('invalid_spend');
    expect(issueCodesAndPaths(error)).toEqual(issues);
    expect(error.message).toMatch(/^programEconomics: /);
  });

  it('reports every bad line at once', () => {
    const error = thrown(() =>
      parseSpend(pipeline, [
        { ...good, period: { start: '2026-04-01', end: '2026-03-01' } },
        { ...good, amount: -1 },
        { ...good, stage: 'sql' },
      ]),
    );
    expect(issueCodesAndPaths(error)).toEqual([
      { code: 'invalid_period', path: [0, 'period', 'end'] },
      { code: 'too_small', path: [1, 'amount'] },
      { code: 'unknown_stage', path: [2, 'stage'] },
    ]);
  });

  it('accepts an empty period and a zero amount, and a key set to undefined', () => {
    const [line] = parseSpend(pipeline, [
      {
        ...good,
        period: { start: '2026-01-01', end: '2026-01-01' },
        amount: 0,
        stage: undefined,
      } as unknown as SpendInput,
    ]);
    expect(line?.amount.toString()).toBe('0');
    expect(Object.isFrozen(line)).toBe(true);
  });

  it('rejects a spend that is not a list', () => {
    const error = thrown(() => programEconomics(pipeline, journeys, {} as unknown as SpendInput[]));
    expect([error.code, issueCodesAndPaths(error)]).toEqual([
      'invalid_spend',
      [{ code: 'invalid_type', path: [] }],
    ]);
  });
});

describe('economics: bad journeys and options', () => {
  it('names an unknown stage in a journey by its index', () => {
    const bad: JourneyInput = { id: 'b', events: [stage('mql', '2026-01-01')] };
    const error = thrown(() => programEconomics(pipeline, [...journeys, bad], [good]));
    expect([error.code, issueCodesAndPaths(error)]).toEqual([
      'unknown_stage',
      [{ code: 'unknown_stage', path: [1, 'events', 0, 'stage'] }],
    ]);
  });

  it('rejects unknown and invalid options with their path', () => {
    const cases: [object, string, (string | number)[]][] = [
      [{ bogus: 1 }, 'unrecognized_keys', ['bogus']],
      [{ confidence: 1 }, 'too_big', ['confidence']],
      [{ asOf: 'soon' }, 'invalid_date', ['asOf']],
      [{ skipped: 'loose' }, 'invalid_value', ['skipped']],
    ];
    for (const [options, code, path] of cases) {
      const error = thrown(() => programEconomics(pipeline, journeys, [good], options as never));
      expect([error.code, issueCodesAndPaths(error)]).toEqual([
        'invalid_options',
        [{ code, path }],
      ]);
    }
  });
});
