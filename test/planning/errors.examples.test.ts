import { describe, expect, it } from 'vitest';
import {
  binomialTail,
  type PlanFromRevenueInput,
  planFromRevenue,
  presets,
  projectForward,
  requiredTrials,
} from '../../src/index.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

const pipeline = presets.buyingPipeline;
const base: PlanFromRevenueInput = {
  revenueGoal: 100_000,
  averageDealSize: 10_000,
  rates: { lead: 0.3, qualified_lead: 0.5, prospect: 0.25 },
};

/** The error's code and its first issue's code and path. */
const first = (run: () => unknown) => {
  const error = thrown(run);
  return { code: error.code, issue: issueCodesAndPaths(error)[0] };
};
const plan = (input: Record<string, unknown>) => () =>
  planFromRevenue(pipeline, { ...base, ...input } as PlanFromRevenueInput);

describe('planFromRevenue: bad input is a typed error naming the field', () => {
  it.each([
    [{ prospect: 0 }, 'too_small'],
    [{ prospect: -0.1 }, 'too_small'],
    [{ prospect: 1.5 }, 'too_big'],
    [{ prospect: Number.NaN }, 'invalid_type'],
    [{ prospect: { successes: 0, trials: 10 } }, 'too_small'],
    [{ prospect: '0.3' }, 'invalid_type'],
  ])('rejects the rate %o (%s) at its stage', (rate, code) => {
    const rates = { lead: 0.3, qualified_lead: 0.5, ...rate };
    expect(first(plan({ rates }))).toEqual({
      code: 'invalid_options',
      issue: { code, path: ['rates', 'prospect'] },
    });
  });

  it('rejects evidence with more successes than trials, and unknown evidence keys', () => {
    const rates = { prospect: { successes: 11, trials: 10 } };
    expect(first(plan({ rates })).issue).toEqual({
      code: 'too_big',
      path: ['rates', 'prospect', 'successes'],
    });
    expect(first(plan({ rates: { prospect: { successes: 1, trails: 10 } } })).issue).toEqual({
      code: 'unrecognized_keys',
      path: ['rates', 'prospect', 'trails'],
    });
  });

  it.each([
    ['revenueGoal', 0],
    ['revenueGoal', -5],
    ['averageDealSize', 0],
    ['averageDealSize', '-1000'],
  ])('rejects a zero or negative %s (%s)', (field, value) => {
    expect(first(plan({ [field]: value }))).toEqual({
      code: 'invalid_options',
      issue: { code: 'too_small', path: [field] },
    });
  });

  it('names a stage without a rate between rated stages', () => {
    const error = thrown(plan({ rates: { lead: 0.3, prospect: 0.25 } }));
    expect(error.code).toBe('invalid_options');
    expect(issueCodesAndPaths(error)).toEqual([
      { code: 'missing_rate', path: ['rates', 'qualified_lead'] },
    ]);
    expect(error.message).toContain('"qualified_lead"');
  });

  it('names the first missing stage when the rates stop before the last stage', () => {
    expect(first(plan({ rates: { lead: 0.3 } })).issue).toEqual({
      code: 'missing_rate',
      path: ['rates', 'qualified_lead'],
    });
    expect(first(plan({ rates: {} })).issue).toEqual({ code: 'missing_rate', path: ['rates'] });
  });

  it('rejects a rate on the last stage, unknown stages and unknown keys', () => {
    expect(first(plan({ rates: { prospect: 0.3, customer: 1 } })).issue).toEqual({
      code: 'last_stage',
      path: ['rates', 'customer'],
    });
    expect(first(plan({ rates: { prospect: 0.3, mql: 0.5 } })).issue).toEqual({
      code: 'unknown_stage',
      path: ['rates', 'mql'],
    });
    expect(first(plan({ revenuGoal: 5 })).issue).toEqual({
      code: 'unrecognized_keys',
      path: ['revenuGoal'],
    });
  });

  it('rejects a confidence outside (0, 1)', () => {
    expect(first(plan({ confidence: 1 })).issue).toEqual({
      code: 'too_big',
      path: ['confidence'],
    });
    expect(first(plan({ confidence: 0 })).issue).toEqual({
      code: 'too_small',
      path: ['confidence'],
    });
  });

  it('rejects existing journeys at unknown, unplanned or last stages, and negative counts', () => {
    expect(first(plan({ existing: { mql: 1 } })).issue).toEqual({
      code: 'unknown_stage',
      path: ['existing', 'mql'],
    });
    expect(first(plan({ existing: { suspect: 1 } })).issue).toEqual({
      code: 'unplanned_stage',
      path: ['existing', 'suspect'],
    });
    expect(first(plan({ existing: { customer: 1 } })).issue).toEqual({
      code: 'unplanned_stage',
      path: ['existing', 'customer'],
    });
    expect(first(plan({ existing: { lead: -1 } })).issue).toEqual({
      code: 'too_small',
      path: ['existing', 'lead'],
    });
  });

  it('needs asOf and every planned duration with a deadline, and months for capacity', () => {
    const durations = { lead: 10, qualified_lead: 7, prospect: 45 };
    expect(first(plan({ deadline: '2026-12-31', durations })).issue).toEqual({
      code: 'missing_as_of',
      path: ['asOf'],
    });
    expect(
      first(
        plan({ deadline: '2026-12-31', asOf: '2026-01-01', durations: { lead: 10, prospect: 45 } }),
      ).issue,
    ).toEqual({ code: 'missing_duration', path: ['durations', 'qualified_lead'] });
    expect(first(plan({ durations: { lead: -1 } })).issue).toEqual({
      code: 'too_small',
      path: ['durations', 'lead'],
    });
    expect(first(plan({ capacity: { prospect: 10 } })).issue).toEqual({
      code: 'missing_months',
      path: ['capacity'],
    });
    expect(first(plan({ capacity: { prospect: 0 }, months: 12 })).issue).toEqual({
      code: 'too_small',
      path: ['capacity', 'prospect'],
    });
    expect(first(plan({ deadline: '2026-12-31T10:00:00' })).issue).toEqual({
      code: 'invalid_date',
      path: ['deadline'],
    });
  });

  it('rejects bad costs at their stage', () => {
    expect(first(plan({ costPerEntry: { lead: -1 } })).issue).toEqual({
      code: 'too_small',
      path: ['costPerEntry', 'lead'],
    });
    expect(first(plan({ costPerEntry: 'ten' })).issue).toEqual({
      code: 'invalid_amount',
      path: ['costPerEntry'],
    });
  });

  it('reports a deadline that is already too late as data, not as an error', () => {
    const result = planFromRevenue(pipeline, {
      ...base,
      asOf: '2026-06-01',
      deadline: '2026-06-30',
      durations: { lead: 10, qualified_lead: 7, prospect: 45 },
    });
    // 30 Jun − 45 = 16 May (prospect): 16 days before asOf; QL 9 May (23); lead 29 Apr (33).
    expect(result.tooLate.map((late) => [late.stage, late.daysLate])).toEqual([
      ['lead', 33],
      ['qualified_lead', 23],
      ['prospect', 16],
    ]);
  });
});

describe('projectForward, requiredTrials and binomialTail: bad input', () => {
  it('projectForward names counts and missing rates', () => {
    const project = (input: Record<string, unknown>) => () =>
      projectForward(pipeline, {
        counts: { lead: 10 },
        rates: { lead: 0.3, qualified_lead: 0.5, prospect: 0.25 },
        averageDealSize: 1_000,
        ...input,
      });
    expect(first(project({ counts: { lead: 1.5 } })).issue).toEqual({
      code: 'invalid_type',
      path: ['counts', 'lead'],
    });
    expect(first(project({ counts: { mql: 1 } })).issue).toEqual({
      code: 'unknown_stage',
      path: ['counts', 'mql'],
    });
    expect(first(project({ counts: {} })).issue).toEqual({ code: 'too_small', path: ['counts'] });
    expect(first(project({ rates: { lead: 0.3, prospect: 0.25 } })).issue).toEqual({
      code: 'missing_rate',
      path: ['rates', 'qualified_lead'],
    });
    expect(first(project({ averageDealSize: 0 })).issue).toEqual({
      code: 'too_small',
      path: ['averageDealSize'],
    });
  });

  it.each([
    [() => requiredTrials(-1, 0.5, 0.9), 'too_small', ['successes']],
    [() => requiredTrials(1.5, 0.5, 0.9), 'invalid_type', ['successes']],
    [() => requiredTrials(3, 0, 0.9), 'too_small', ['probability']],
    [() => requiredTrials(3, 1.2, 0.9), 'too_big', ['probability']],
    [() => requiredTrials(3, 0.5, 1), 'too_big', ['confidence']],
    [() => requiredTrials(3, 0.5, Number.NaN), 'invalid_type', ['confidence']],
    [() => binomialTail(3, 1.5, 1), 'too_big', ['probability']],
    [() => binomialTail(-3, 0.5, 1), 'too_small', ['trials']],
  ])('case %#: %s at %o', (run, code, path) => {
    expect(first(run)).toEqual({ code: 'invalid_options', issue: { code, path } });
  });
});
