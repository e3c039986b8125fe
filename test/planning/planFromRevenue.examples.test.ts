import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  conversion,
  definePipeline,
  type JourneyInput,
  type PlanFromRevenueInput,
  planFromRevenue,
  presets,
  projectForward,
  requiredTrials,
  velocity,
} from '../../src/index.js';
import { logBeta, logGamma } from '../../src/stats/incompleteBeta.js';
import { json, nonFinitePaths } from '../helpers.js';

const pipeline = presets.buyingPipeline;

/** Seed 002's two-stage view: opportunities that close at a rate. */
const opportunities = definePipeline({
  stages: [
    { id: 'opportunity', owner: 'sales' },
    { id: 'won', owner: 'sales' },
  ],
  handoff: 'opportunity',
});

const counts = (plan: ReturnType<typeof planFromRevenue>) =>
  plan.stages.map((row) => [row.stage, row.required]);

describe('planFromRevenue: the seeds', () => {
  it('seed 002: a 50% close rate and a 100,000 quota need 200,000 in the pipeline', () => {
    // 100,000 ÷ 10,000 = 10 deals; 10 ÷ 0.5 = 20 opportunities; 20 × 10,000 = 200,000 = 2 × quota.
    const plan = planFromRevenue(opportunities, {
      revenueGoal: 100_000,
      averageDealSize: 10_000,
      rates: { opportunity: 0.5 },
    });
    expect(plan.deals).toBe(10);
    expect(counts(plan)).toEqual([
      ['opportunity', 20],
      ['won', 10],
    ]);
    expect(plan.pipelineValue.toString()).toBe('200000');
    expect(plan.requiredCoverage).toBe(2);
    expect(plan.assumptions.pipelineStage).toBe('opportunity');
  });

  it('seed 001: a 30% win rate and 5 more deals to win need 17 opportunities', () => {
    // 5 ÷ 0.3 = 16.67 → 17. Seed: "If your funnel has only five opportunities then your 30% win
    // rate could expect to win between one and two": 5 × 0.3 = 1.5; 12 more are needed.
    const plan = planFromRevenue(pipeline, {
      revenueGoal: 250_000,
      averageDealSize: 50_000,
      rates: { prospect: 0.3 },
    });
    expect(plan.deals).toBe(5);
    expect(counts(plan)).toEqual([
      ['prospect', 17],
      ['customer', 5],
    ]);
    // The plan starts after the handoff, so the pipeline is counted at its first stage.
    expect(plan.assumptions.pipelineStage).toBe('prospect');
    expect(plan.pipelineValue.toString()).toBe('850000');

    const withFive = planFromRevenue(pipeline, {
      revenueGoal: 250_000,
      averageDealSize: 50_000,
      rates: { prospect: 0.3 },
      existing: { prospect: 5 },
    });
    expect(withFive.stages[0]).toMatchObject({ required: 17, existing: 5, netNew: 12 });
    const five = projectForward(pipeline, {
      counts: { prospect: 5 },
      rates: { prospect: 0.3 },
      averageDealSize: 50_000,
    });
    expect(five.expectedDeals).toBe(1.5);
    expect(five.wholeDeals).toBe(1);
  });

  it('uses exact decimal arithmetic: 21 deals at 70% need 30, not 31', () => {
    // In binary floating point 21 / 0.7 = 30.000000000000004, whose ceiling is 31.
    expect(Math.ceil(21 / 0.7)).toBe(31);
    const plan = planFromRevenue(pipeline, {
      revenueGoal: '21000',
      averageDealSize: '1000',
      rates: { prospect: 0.7 },
    });
    expect(counts(plan)).toEqual([
      ['prospect', 30],
      ['customer', 21],
    ]);
  });

  it('rounds the deals up: 100,000 at an average of 30,000 needs 4 deals', () => {
    const plan = planFromRevenue(opportunities, {
      revenueGoal: 100_000,
      averageDealSize: 30_000,
      rates: { opportunity: 0.5 },
    });
    // 3.33 → 4 deals, 8 opportunities, 240,000 of pipeline: 2.4 × the goal.
    expect(plan.deals).toBe(4);
    expect(plan.pipelineValue.toString()).toBe('240000');
    expect(plan.requiredCoverage).toBe(2.4);
  });
});

describe('planFromRevenue: a full seven-stage plan checked by hand', () => {
  const input: PlanFromRevenueInput = {
    revenueGoal: 1_200_000,
    averageDealSize: 25_000,
    rates: {
      target: 0.25,
      contact: 0.4,
      suspect: 0.5,
      lead: 0.3,
      qualified_lead: 0.6,
      prospect: 0.35,
    },
    costPerEntry: { target: 3, lead: '120.50' },
    capacity: { qualified_lead: 20, prospect: 8 },
    durations: { target: 30, contact: 20, suspect: 15, lead: 10, qualified_lead: 7, prospect: 45 },
    asOf: '2026-01-01',
    deadline: '2026-12-31',
  };

  it('needs 48 deals and, back up the pipeline, 15,340 targets', () => {
    // deals = 1,200,000 ÷ 25,000 = 48
    // prospect       = ⌈48 ÷ 0.35⌉   = ⌈137.14⌉ = 138
    // qualified lead = ⌈138 ÷ 0.6⌉   = 230
    // lead           = ⌈230 ÷ 0.3⌉   = ⌈766.67⌉ = 767
    // suspect        = ⌈767 ÷ 0.5⌉   = 1,534
    // contact        = ⌈1,534 ÷ 0.4⌉ = 3,835
    // target         = ⌈3,835 ÷ 0.25⌉ = 15,340
    const plan = planFromRevenue(pipeline, input);
    expect(plan.deals).toBe(48);
    expect(counts(plan)).toEqual([
      ['target', 15_340],
      ['contact', 3_835],
      ['suspect', 1_534],
      ['lead', 767],
      ['qualified_lead', 230],
      ['prospect', 138],
      ['customer', 48],
    ]);
    expect(plan.stages.map((row) => row.netNew)).toEqual(plan.stages.map((row) => row.required));
    expect(plan.stages.map((row) => row.rate)).toEqual([0.25, 0.4, 0.5, 0.3, 0.6, 0.35, null]);
  });

  it('prices the plan: 3 per target and 120.50 per lead', () => {
    // 15,340 × 3 = 46,020; 767 × 120.50 = 92,423.50; total 138,443.50.
    const plan = planFromRevenue(pipeline, input);
    expect(plan.stages.map((row) => row.cost?.toFixed(2) ?? null)).toEqual([
      '46020.00',
      null,
      null,
      '92423.50',
      null,
      null,
      null,
    ]);
    expect(plan.totalCost?.toFixed(2)).toBe('138443.50');
    expect(plan.totalCostAtConfidence).toBeNull();
    // The pipeline is counted at the handoff: 230 qualified leads × 25,000 = 5,750,000.
    expect(plan.pipelineValue.toString()).toBe('5750000');
    expect(plan.requiredCoverage).toBeCloseTo(5_750_000 / 1_200_000, 15);
  });

  it('dates the latest entries back from the deadline and staffs the stages', () => {
    // 31 Dec − 45 = 16 Nov (prospect), − 7 = 9 Nov, − 10 = 30 Oct, − 15 = 15 Oct, − 20 = 25 Sep,
    // − 30 = 26 Aug (target).
    const plan = planFromRevenue(pipeline, input);
    expect(plan.stages.map((row) => row.latestEntry?.toISOString().slice(0, 10))).toEqual([
      '2026-08-26',
      '2026-09-25',
      '2026-10-15',
      '2026-10-30',
      '2026-11-09',
      '2026-11-16',
      '2026-12-31',
    ]);
    expect(plan.tooLate).toEqual([]);
    // New targets can enter from 1 Jan to 26 Aug: 237 days = 237 ÷ 30.436875 = 7.7866 months.
    // Qualified leads: 230 ÷ (20 × 7.7866) = 1.48 → 2 people; prospects: 138 ÷ (8 × 7.7866) = 2.22 → 3.
    expect(plan.assumptions.months).toBeCloseTo(237 / 30.436875, 12);
    expect(plan.stages.map((row) => row.people)).toEqual([null, null, null, null, 2, 3, null]);
    // With a whole year given instead: 230 ÷ 240 → 1, 138 ÷ 96 → 2.
    const year = planFromRevenue(pipeline, { ...input, months: 12 });
    expect(year.stages.map((row) => row.people)).toEqual([null, null, null, null, 1, 2, null]);
  });

  it('reports a deadline that is already too late as data, naming the stages', () => {
    // Deadline 1 Mar: prospect 15 Jan, qualified lead 8 Jan, lead 29 Dec 2025 (3 days before
    // asOf), suspect 14 Dec (18), contact 24 Nov (38), target 25 Oct (68).
    const plan = planFromRevenue(pipeline, { ...input, deadline: '2026-03-01' });
    expect(plan.tooLate.map((late) => [late.stage, late.daysLate])).toEqual([
      ['target', 68],
      ['contact', 38],
      ['suspect', 18],
      ['lead', 3],
    ]);
    expect(plan.tooLate[0]?.latestEntry.toISOString()).toBe('2025-10-25T00:00:00.000Z');
    // No time is left for new entries: people cannot be computed from the dates.
    expect(plan.assumptions.months).toBeNull();
    expect(plan.stages.map((row) => row.people)).toEqual(plan.stages.map(() => null));
  });

  it('serialises to JSON with money as strings and no NaN or Infinity', () => {
    const plan = planFromRevenue(pipeline, { ...input, confidence: 0.9 });
    expect(nonFinitePaths(plan)).toEqual([]);
    const text = json(plan) as { totalCost: unknown; stages: { cost: unknown }[] };
    expect(text.totalCost).toBe('138443.5');
    expect(text.stages[0]?.cost).toBe('46020');
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(input);
    planFromRevenue(pipeline, { ...input, existing: { lead: 3 }, confidence: 0.8 });
    expect(input).toEqual(copy);
  });
});

describe('planFromRevenue: existing pipeline', () => {
  it('credits the existing journeys stage by stage', () => {
    // Goal 10 deals at 25,000. prospect: ⌈10 ÷ 0.5⌉ = 20, 8 exist → 12 new.
    // qualified lead: ⌈12 ÷ 0.6⌉ = 20, 5 exist → 15 new. lead: ⌈15 ÷ 0.3⌉ = 50, none exist.
    const plan = planFromRevenue(pipeline, {
      revenueGoal: 250_000,
      averageDealSize: 25_000,
      rates: { lead: 0.3, qualified_lead: 0.6, prospect: 0.5 },
      existing: { qualified_lead: 5, prospect: 8 },
    });
    expect(plan.stages.map((row) => [row.stage, row.required, row.existing, row.netNew])).toEqual([
      ['lead', 50, 0, 50],
      ['qualified_lead', 20, 5, 15],
      ['prospect', 20, 8, 12],
      ['customer', 10, 0, 10],
    ]);
  });

  it('asks for nothing new when the existing journeys are enough', () => {
    const plan = planFromRevenue(pipeline, {
      revenueGoal: 100_000,
      averageDealSize: 25_000,
      rates: { qualified_lead: 0.6, prospect: 0.5 },
      existing: { prospect: 9 },
      costPerEntry: { qualified_lead: 400 },
      confidence: 0.5,
    });
    // 4 deals need 8 prospects; 9 exist.
    expect(plan.stages.map((row) => row.netNew)).toEqual([0, 0, 4]);
    expect(plan.totalCost?.toString()).toBe('0');
    // P(Bin(9, 0.5) ≥ 4) = 0.746 ≥ 0.5: no new qualified lead is needed at 50% either.
    expect(plan.stages[0]?.requiredAtConfidence).toBe(0);
  });

  it('keeps the pipeline to hold whatever part of it already exists', () => {
    // The pipeline value is what the goal needs at the handoff, existing journeys or not:
    // 4 deals ÷ 0.5 = 8 prospects, ⌈8 ÷ 0.6⌉ = 14 qualified leads × 25,000 = 350,000, 3.5 × the
    // goal (1 ÷ (0.6 × 0.5) = 3.33 before rounding). The 9 existing prospects fill it; they do
    // not make the pipeline to hold 0 (required at the handoff is 0 here, as nothing new is needed).
    const base = {
      revenueGoal: 100_000,
      averageDealSize: 25_000,
      rates: { qualified_lead: 0.6, prospect: 0.5 },
    };
    const withExisting = planFromRevenue(pipeline, { ...base, existing: { prospect: 9 } });
    const without = planFromRevenue(pipeline, base);
    expect(without.pipelineValue.toString()).toBe('350000');
    expect(withExisting.stages[0]?.required).toBe(0);
    expect(withExisting.pipelineValue.toString()).toBe('350000');
    expect(withExisting.requiredCoverage).toBe(3.5);
  });
});

describe('planFromRevenue: confidence', () => {
  it('10 wins at p = 0.25 need 55 trials at 90% and 39 at 50%', () => {
    // P(Bin(54, ¼) ≥ 10) = 0.8991 < 0.9 ≤ P(Bin(55, ¼) ≥ 10) = 0.9112;
    // P(Bin(38, ¼) ≥ 10) = 0.4874 < 0.5 ≤ P(Bin(39, ¼) ≥ 10) = 0.5244.
    expect(requiredTrials(10, 0.25, 0.9)).toBe(55);
    expect(requiredTrials(10, 0.25, 0.5)).toBe(39);
    const plan = (confidence: number) =>
      planFromRevenue(pipeline, {
        revenueGoal: 100_000,
        averageDealSize: 10_000,
        rates: { prospect: 0.25 },
        confidence,
      });
    expect(plan(0.9).stages[0]).toMatchObject({
      required: 40,
      requiredAtConfidence: 55,
      netNewAtConfidence: 55,
    });
    expect(plan(0.5).stages[0]?.requiredAtConfidence).toBe(39);
    expect(plan(0.9).assumptions).toMatchObject({
      confidence: 0.9,
      confidenceMethod: 'binomial',
      prior: null,
      draws: null,
    });
  });

  it('uses the product of the remaining rates at every stage', () => {
    const rates = { lead: 0.3, qualified_lead: 0.6, prospect: 0.35 };
    const plan = planFromRevenue(pipeline, {
      revenueGoal: 480_000,
      averageDealSize: 40_000,
      rates,
      confidence: 0.9,
      costPerEntry: 100,
      capacity: { prospect: 2 },
      months: 6,
    });
    expect(plan.stages.map((row) => row.requiredAtConfidence)).toEqual([
      requiredTrials(12, 0.3 * 0.6 * 0.35, 0.9),
      requiredTrials(12, 0.6 * 0.35, 0.9),
      requiredTrials(12, 0.35, 0.9),
      12,
    ]);
    // One amount is the cost of a new entry at the first planned stage (here, a lead).
    const leads = plan.stages[0]?.requiredAtConfidence ?? 0;
    expect(plan.totalCostAtConfidence?.toString()).toBe(String(leads * 100));
    expect(plan.totalCost?.toString()).toBe(String((plan.stages[0]?.required ?? 0) * 100));
    const prospects = plan.stages[2]?.requiredAtConfidence ?? 0;
    expect(plan.stages[2]?.peopleAtConfidence).toBe(Math.ceil(prospects / 12));
  });

  it('counts the wins of existing journeys as random too', () => {
    // 3 prospects exist (each wins with 0.5); new qualified leads win with 0.6 × 0.5 = 0.3.
    // The smallest n with P(Bin(n, 0.3) + Bin(3, 0.5) ≥ 4) ≥ 0.9, summed term by term here.
    const pmf = (n: number, p: number, k: number) => {
      let choose = 1;
      for (let j = 0; j < k; j += 1) choose = (choose * (n - j)) / (j + 1);
      return choose * p ** k * (1 - p) ** (n - k);
    };
    const probability = (n: number) => {
      let total = 0;
      for (let w = 0; w <= 3; w += 1) {
        for (let v = 0; v <= n; v += 1) if (v + w >= 4) total += pmf(3, 0.5, w) * pmf(n, 0.3, v);
      }
      return total;
    };
    let expected = 0;
    while (probability(expected) < 0.9) expected += 1;
    const plan = planFromRevenue(pipeline, {
      revenueGoal: 4,
      averageDealSize: 1,
      rates: { qualified_lead: 0.6, prospect: 0.5 },
      existing: { prospect: 3 },
      confidence: 0.9,
    });
    expect(plan.stages[0]?.requiredAtConfidence).toBe(expected);
    // The prospects themselves: P(Bin(m, 0.5) ≥ 4) ≥ 0.9 → m = requiredTrials(4, 0.5, 0.9).
    expect(plan.stages[1]?.requiredAtConfidence).toBe(requiredTrials(4, 0.5, 0.9));
    expect(plan.stages[1]?.netNewAtConfidence).toBe(requiredTrials(4, 0.5, 0.9) - 3);
  });

  it('at 50% is the median, which can be below the expected-value plan', () => {
    // One deal at 1%: the expected-value plan asks for 100 entries, but 1 − 0.99^69 = 0.50:
    // half the time 69 are enough. From 1 − 1/e ≈ 0.632 on it is never below ⌊deals ÷ p⌋.
    expect(requiredTrials(1, 0.01, 0.5)).toBe(69);
    expect(requiredTrials(1, 0.01, 0.64)).toBe(102);
  });

  it('widens the plan when rates come as evidence (seeded beta-binomial simulation)', () => {
    const base = {
      revenueGoal: 100_000,
      averageDealSize: 10_000,
      confidence: 0.9,
    } as const;
    const known = planFromRevenue(pipeline, { ...base, rates: { prospect: 0.25 } });
    // Overwhelming evidence for 25%: the same answer as the known rate, up to the simulation.
    const strong = planFromRevenue(pipeline, {
      ...base,
      rates: { prospect: { successes: 2_500_000, trials: 10_000_000 } },
    });
    expect(strong.stages[0]?.required).toBe(40);
    expect(Math.abs((strong.stages[0]?.requiredAtConfidence ?? 0) - 55)).toBeLessThanOrEqual(1);
    // 5 wins of 20: the same point rate, much less certain, so more prospects for 90%.
    const weak = planFromRevenue(pipeline, {
      ...base,
      rates: { prospect: { successes: 5, trials: 20 } },
    });
    expect(weak.stages[0]?.required).toBe(40);
    expect(weak.stages[0]?.requiredAtConfidence).toBeGreaterThan(
      (known.stages[0]?.requiredAtConfidence ?? 0) + 10,
    );
    expect(weak.assumptions).toMatchObject({
      confidenceMethod: 'beta-binomial simulation',
      prior: { alpha: 0.5, beta: 0.5 },
      rateSources: { prospect: 'evidence' },
    });
    // Seeded: the same input gives the same plan.
    expect(
      planFromRevenue(pipeline, { ...base, rates: { prospect: { successes: 5, trials: 20 } } }),
    ).toEqual(weak);
  });
});

describe('planFromRevenue: the simulation against the exact beta-binomial', () => {
  /** P(BetaBinomial(n, a, b) ≥ s), summed term by term. */
  const betaBinomialTail = (n: number, a: number, b: number, s: number) => {
    let total = 0;
    for (let k = s; k <= n; k += 1) {
      const logChoose = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
      total += Math.exp(logChoose + logBeta(k + a, n - k + b) - logBeta(a, b));
    }
    return total;
  };
  /** The smallest n with P(BB(n, x + ½, trials − x + ½) ≥ deals) ≥ confidence (Jeffreys prior). */
  const exactEntries = (deals: number, x: number, trials: number, confidence: number) => {
    let n = deals;
    while (betaBinomialTail(n, x + 0.5, trials - x + 0.5, deals) < confidence) n += 1;
    return n;
  };

  it.each([
    [10, 5, 20, 0.9],
    [10, 30, 120, 0.9],
    [5, 3, 10, 0.8],
    [20, 50, 100, 0.95],
    [10, 5, 20, 0.5],
  ])('%i deals, %i of %i won, %f confidence: within one entry', (deals, x, trials, confidence) => {
    const plan = planFromRevenue(pipeline, {
      revenueGoal: deals * 1_000,
      averageDealSize: 1_000,
      rates: { prospect: { successes: x, trials } },
      confidence,
    });
    const simulated = plan.stages[0]?.requiredAtConfidence ?? Number.NaN;
    expect(Math.abs(simulated - exactEntries(deals, x, trials, confidence))).toBeLessThanOrEqual(1);
  });
});

describe('planFromRevenue: rates and durations measured by the metrics', () => {
  const journeys: JourneyInput[] = JSON.parse(
    readFileSync(new URL('../../examples/data/journeys.json', import.meta.url), 'utf8'),
  );
  const asOf = '2026-06-30';

  it('takes a conversion() result (advanced of reached) and a velocity() result (medians)', () => {
    const measured = conversion(pipeline, journeys, { asOf });
    const speed = velocity(pipeline, journeys, { asOf });
    const plan = planFromRevenue(pipeline, {
      revenueGoal: 500_000,
      averageDealSize: 25_000,
      rates: measured,
      durations: speed,
      asOf,
      deadline: '2027-06-30',
    });
    const rated = measured.stages.filter((row) => row.rate !== null);
    expect(plan.assumptions.from).toBe(rated[0]?.stage);
    for (const row of plan.stages.slice(0, -1)) {
      const source = measured.stages.find((candidate) => candidate.stage === row.stage);
      expect(row.rate).toBe((source?.advanced ?? 0) / (source?.reached ?? 1));
      expect(plan.assumptions.rateSources[row.stage]).toBe('conversion');
    }
    expect(plan.assumptions.durations).toBe('velocity median');
    const prospect = plan.stages.find((row) => row.stage === 'prospect');
    const days = speed.stages.find((row) => row.stage === 'prospect')?.toNext?.median ?? 0;
    expect(prospect?.latestEntry?.getTime()).toBe(
      Date.parse('2027-06-30') - Math.round(days * 86_400_000),
    );
  });

  it('takes single rows of a conversion() result per stage', () => {
    const measured = conversion(pipeline, journeys, { asOf });
    const row = measured.stages.find((candidate) => candidate.stage === 'prospect');
    if (row === undefined) throw new Error('no prospect row');
    const plan = planFromRevenue(pipeline, {
      revenueGoal: 100_000,
      averageDealSize: 25_000,
      rates: { prospect: row },
    });
    expect(plan.stages[0]?.rate).toBe(row.advanced / row.reached);
    // 4 deals ÷ (advanced ÷ reached) = 4 × reached ÷ advanced, rounded up in integers.
    expect(plan.stages[0]?.required).toBe(
      Math.floor((4 * row.reached + row.advanced - 1) / row.advanced),
    );
  });
});

describe('projectForward', () => {
  it('projects expected and whole entries, deals and revenue', () => {
    // 1,000 leads × 0.3 = 300 QL (+ 20 there now) = 320; × 0.6 = 192 prospects; × 0.35 = 67.2 deals.
    // Whole: 300 + 20 = 320 → 192 → ⌊67.2⌋ = 67.
    const projection = projectForward(pipeline, {
      counts: { lead: 1_000, qualified_lead: 20 },
      rates: { lead: 0.3, qualified_lead: 0.6, prospect: 0.35 },
      averageDealSize: '25000.50',
    });
    expect(projection.stages.map((row) => [row.stage, row.count, row.expected, row.whole])).toEqual(
      [
        ['lead', 1_000, 1_000, 1_000],
        ['qualified_lead', 20, 320, 320],
        ['prospect', 0, 192, 192],
        ['customer', 0, 67.2, 67],
      ],
    );
    expect(projection.expectedDeals).toBe(67.2);
    expect(projection.wholeDeals).toBe(67);
    // 67.2 × 25,000.50 = 1,680,033.60; 67 × 25,000.50 = 1,675,033.50 — exact.
    expect(projection.revenue.toFixed(2)).toBe('1680033.60');
    expect(projection.wholeRevenue.toFixed(2)).toBe('1675033.50');
  });

  it('keeps thirds exact: 3 × (1 of 3) is 1 whole deal', () => {
    const projection = projectForward(pipeline, {
      counts: { prospect: 3 },
      rates: { prospect: { successes: 1, trials: 3 } },
      averageDealSize: 900,
    });
    expect(projection.wholeDeals).toBe(1);
    expect(projection.expectedDeals).toBe(1);
    expect(projection.revenue.toString()).toBe('900');
  });
});
