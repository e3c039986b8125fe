import { beforeAll, describe, expect, it } from 'vitest';
import {
  calibrateThreshold,
  createScorer,
  defineScoringModel,
  type FitSample,
  type LearnedFitModel,
  learnFitModel,
} from '../../src/index.js';
import { type CsvRow, field, hasData, readCsv } from '../realData/realData.js';

// X Education: 9,240 leads with a Converted flag. Fit points are learned from 80% of the rows and
// judged on the other 20% (every fifth row), which the learning never saw.

const file = 'x_education/Leads.csv';

/** An unchosen drop-down ('Select') and an empty field are both missing. */
const chosen = (value: string): string | null =>
  value === '' || value === 'Select' ? null : value;

const columns = {
  origin: 'Lead Origin',
  source: 'Lead Source',
  lastActivity: 'Last Activity',
  occupation: 'What is your current occupation',
  specialization: 'Specialization',
  doNotEmail: 'Do Not Email',
  lastNotableActivity: 'Last Notable Activity',
} as const;

/** Minutes on the website, in bands: fit rules test values, so a number is binned first. */
function timeOnSite(seconds: string): string | null {
  if (seconds === '') return null;
  const minutes = Number(seconds) / 60;
  if (minutes === 0) return 'none';
  return minutes < 5
    ? 'under 5 min'
    : minutes < 15
      ? '5–15 min'
      : minutes < 30
        ? '15–30 min'
        : '30+ min';
}

function sampleOf(row: CsvRow): FitSample {
  const attributes: Record<string, string | null> = {};
  for (const [name, column] of Object.entries(columns))
    attributes[name] = chosen(field(row, column));
  // 'google' and 'Google' are one source
  if (attributes['source']?.toLowerCase() === 'google') attributes['source'] = 'Google';
  attributes['timeOnSite'] = timeOnSite(field(row, 'Total Time Spent on Website'));
  return { attributes, converted: field(row, 'Converted') === '1' };
}

/** The Mann–Whitney statistic pair by pair (ties ½), written here without the library. */
function pairwiseAuc(scores: readonly number[], converted: readonly boolean[]): number {
  const won = scores.filter((_, i) => converted[i]);
  const lost = scores.filter((_, i) => !converted[i]);
  let sum = 0;
  for (const a of won) for (const b of lost) sum += a > b ? 1 : a === b ? 0.5 : 0;
  return sum / (won.length * lost.length);
}

describe.skipIf(!hasData(file))('learnFitModel on X Education leads (real data)', () => {
  let train: FitSample[] = [];
  let test: FitSample[] = [];
  let learned: LearnedFitModel;

  beforeAll(() => {
    const samples = readCsv(file).map(sampleOf);
    train = samples.filter((_, index) => index % 5 !== 4);
    test = samples.filter((_, index) => index % 5 === 4);
    learned = learnFitModel(train, { fields: [...Object.keys(columns), 'timeOnSite'] });
  });

  it('learns from the training rows only', () => {
    expect([train.length, test.length]).toEqual([7392, 1848]);
    expect(learned.samples).toBe(train.length);
    expect(learned.converted).toBe(train.filter((sample) => sample.converted).length);
    expect(learned.fit.rules.length).toBeGreaterThan(10);
  });

  it('ranks the held-out leads well: ROC AUC above 0.85, equal to the pairwise count', () => {
    const model = defineScoringModel({ id: 'x-education-fit', fit: learned.fit, threshold: 50 });
    const score = createScorer(model, { asOf: '2020-01-01' });
    const scores = test.map((sample) => score(sample).total);
    const outcomes = test.map((sample) => sample.converted);
    const table = calibrateThreshold(
      scores.map((value, index) => ({ score: value, converted: outcomes[index] as boolean })),
      { thresholds: [20, 40, 50, 60, 80] },
    );
    console.info(`X Education held-out ROC AUC of the learned fit model: ${table.auc?.toFixed(4)}`);
    expect(table.auc).toBeCloseTo(pairwiseAuc(scores, outcomes), 10);
    expect(table.auc).toBeGreaterThan(0.85);
    // every line passes leads that convert above the base rate and keeps below it those that do not
    for (const row of table.rows) {
      expect(row.lift).toBeGreaterThan(1);
      expect(row.conversionBelow).toBeLessThan(table.baseRate as number);
    }
  });

  it('scores each held-out lead as the sum of the learned points of its values', () => {
    const model = defineScoringModel({ fit: learned.fit, threshold: 50 });
    const score = createScorer(model, { asOf: '2020-01-01' });
    // Each field's value earns its learned points; a value not kept (rare or never seen) the pool's.
    const pointsOf = (sample: FitSample) =>
      learned.fields.reduce((sum, { field: name, values }) => {
        const value = sample.attributes[name] ?? null;
        const kept = values.find((entry) => entry.value === value && entry.value !== '(other)');
        const pool = values.find((entry) => entry.value === '(other)');
        return sum + Math.round(((kept ?? pool)?.points ?? 0) * 100);
      }, 0);
    for (const sample of test) {
      const result = score(sample);
      expect(Math.round(result.total * 100)).toBe(Math.min(10000, Math.max(0, pointsOf(sample))));
      expect(result.reasons.filter((reason) => reason.kind === 'rule').length).toBeLessThanOrEqual(
        learned.fields.length,
      );
    }
  });
});
