import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type Condition,
  createScorer,
  defineScoringModel,
  type ScoringLead,
  type ScoringModelConfig,
  scoringPresets,
} from '../../src/index.js';
import { compileModel } from '../../src/scoring/compileModel.js';
import { generatedScorer, MAX_GENERATED_RULES } from '../../src/scoring/generateScorer.js';

// The scorer createScorer writes as code for a model (generateScorer.ts) against the
// interpreter, on the cases where the two could most easily part: numbers read from text,
// inherited names, objects without a prototype, the edges of a window, of asOf and of a decay
// step, texts that would break out of a string literal, and a runtime that forbids code
// generation. Random models and leads: createScorer.reference.prop.test.ts.

const asOf = '2026-03-31T00:00:00Z';
const ASOF = Date.parse(asOf);
const DAY = 86_400_000;

/** Both scorers' results for a lead, which must be equal; the generated one's is returned. */
function scoreBoth(config: ScoringModelConfig, lead: ScoringLead) {
  const model = defineScoringModel(config);
  const generated = createScorer(model, { asOf })(lead);
  expect(generated).toStrictEqual(createScorer(model, { asOf, generateCode: false })(lead));
  return generated;
}

/** A model of one fit rule worth 10 points. */
const oneRule = (when: Condition): ScoringModelConfig => ({
  fit: { rules: [{ id: 'r', when, points: 10 }] },
  threshold: 5,
});

describe('the generated scorer, where it could part from the interpreter', () => {
  it.each([
    [{ field: 'employees', op: '=', value: 500 }, '500', 10],
    [{ field: 'employees', op: '>=', value: 100 }, ' 250 ', 10],
    [{ field: 'employees', op: '>=', value: 100 }, 'many', 0],
    [{ field: 'employees', op: 'in', value: [50, 'DE'] }, '50', 10],
    [{ field: 'employees', op: 'notIn', value: [50] }, '50.0', 0],
  ] as const)(
    'reads numbers from text as the condition language does: %j of %j',
    (when, employees, points) => {
      expect(scoreBoth(oneRule(when as Condition), { attributes: { employees } }).total).toBe(
        points,
      );
    },
  );

  it('tests a long `in` list (written as one call, not a chain) as a short one', () => {
    const industries = Array.from({ length: 40 }, (_, index) => `industry ${index}`);
    const among = oneRule({ field: 'industry', op: 'in', value: industries });
    expect(scoreBoth(among, { attributes: { industry: 'industry 39' } }).total).toBe(10);
    expect(scoreBoth(among, { attributes: { industry: 'industry 40' } }).total).toBe(0);
    const notAmong = oneRule({ field: 'industry', op: 'notIn', value: industries });
    expect(scoreBoth(notAmong, { attributes: {} }).total).toBe(10);
  });

  it("takes only a lead's own facts, with or without a prototype", () => {
    const exists = oneRule({ field: 'constructor', op: 'exists' });
    expect(scoreBoth(exists, { attributes: { title: 'VP' } }).total).toBe(0);
    const bare = Object.assign(Object.create(null), { constructor: 'own' });
    expect(scoreBoth(exists, { attributes: bare }).total).toBe(10);
    expect(scoreBoth(exists, { attributes: { constructor: 'own' } }).total).toBe(10);
    class Company {
      readonly employees = 900;
    }
    const large = oneRule({ field: 'employees', op: '>', value: 800 });
    expect(scoreBoth(large, { attributes: new Company() as never }).total).toBe(10);
  });

  it('counts an event exactly at the end of a window and at asOf, not a millisecond past', () => {
    const config: ScoringModelConfig = {
      behaviour: {
        rules: [
          { id: 'visit', event: 'visit', points: 2, repeatable: true, withinDays: 10, cap: 10 },
        ],
      },
      threshold: 1,
    };
    const at = (ms: number) => ({ type: 'behaviour' as const, name: 'visit', at: new Date(ms) });
    const score = (...times: number[]) => scoreBoth(config, { events: times.map(at) }).total;
    expect(score(ASOF - 10 * DAY)).toBe(2);
    expect(score(ASOF - 10 * DAY - 1)).toBe(0);
    expect(score(ASOF)).toBe(2);
    expect(score(ASOF + 1)).toBe(0);
  });

  it('loses a stepped decay at the end of each period, not before', () => {
    const config: ScoringModelConfig = {
      behaviour: {
        rules: [{ id: 'demo', event: 'demo', points: 10 }],
        decay: { percent: 25, everyDays: 7 },
      },
      threshold: 1,
    };
    const demo = (ms: number) => ({
      events: [{ type: 'behaviour' as const, name: 'demo', at: new Date(ms).toISOString() }],
    });
    expect(scoreBoth(config, demo(ASOF - 7 * DAY + 1)).total).toBe(10);
    expect(scoreBoth(config, demo(ASOF - 7 * DAY)).total).toBe(7.5);
    expect(scoreBoth(config, demo(ASOF - 28 * DAY)).total).toBe(0);
  });

  it('writes texts of the model as data, never as code', () => {
    const hostile = '"); throw new Error("injected"); ("\\\u2028`$' + '{1}`';
    const config: ScoringModelConfig = {
      bantt: { dimensions: [{ id: hostile, points: 20, levels: { [hostile]: 1 } }] },
      fit: {
        rules: [{ id: hostile, when: { field: hostile, op: '=', value: hostile }, points: 5 }],
      },
      behaviour: { rules: [{ id: hostile, event: hostile, points: 3 }] },
      threshold: 1,
    };
    const score = scoreBoth(config, {
      answers: { [hostile]: hostile },
      attributes: { [hostile]: hostile },
      events: [{ type: 'behaviour', name: hostile, at: asOf }],
    });
    expect(score.total).toBe(28);
    expect(score.reasons.map((reason) => reason.rule)).toEqual([hostile, hostile, hostile]);
  });

  it('scores a behaviour component without rules (the schema allows an empty list)', () => {
    const events = [{ type: 'behaviour' as const, name: 'visit', at: asOf }];
    const empty: ScoringModelConfig = { behaviour: { rules: [] }, max: 10, threshold: 0 };
    expect(scoreBoth(empty, { events }).components).toStrictEqual({
      behaviour: { points: 0, max: 0 },
    });
    const withBantt: ScoringModelConfig = { bantt: {}, behaviour: { rules: [] }, threshold: 10 };
    expect(scoreBoth(withBantt, { answers: { budget: 'confirmed' }, events }).total).toBe(20);
  });

  it('hands a lead it cannot take to the interpreter, which reports the error with its path', () => {
    const model = defineScoringModel({ bantt: {}, threshold: 50 });
    const score = createScorer(model, { asOf });
    expect(() => score({ answers: { budget: 'maybe' } })).toThrow(
      expect.objectContaining({
        code: 'invalid_lead',
        issues: [expect.objectContaining({ path: ['answers', 'budget'] })],
      }),
    );
    const behaviour = createScorer(
      defineScoringModel({
        behaviour: { rules: [{ id: 'x', event: 'x', points: 1 }] },
        threshold: 1,
      }),
      { asOf },
    );
    expect(() => behaviour({ events: [{ type: 'behaviour', name: 'x', at: 'soon' }] })).toThrow(
      expect.objectContaining({
        code: 'invalid_lead',
        issues: [expect.objectContaining({ path: ['events', 0, 'at'] })],
      }),
    );
  });

  it('scores with the interpreter where the runtime forbids code generation', () => {
    // Node's flag does what a content-security policy without 'unsafe-eval' does in a browser:
    // `new Function` throws an EvalError.
    const index = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
    const script = `
      import { createScorer, scoringPresets } from ${JSON.stringify(index)};
      let blocked = false;
      try { new Function('return 1'); } catch { blocked = true; }
      const score = createScorer(scoringPresets.bantt, { asOf: '2026-03-31' });
      console.log(JSON.stringify({ blocked, score: score({ answers: { budget: 'confirmed', need: 'indicated' } }) }));
    `;
    const output = execFileSync(
      process.execPath,
      [
        '--disallow-code-generation-from-strings',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { encoding: 'utf8' },
    );
    const { blocked, score } = JSON.parse(output);
    expect(blocked).toBe(true);
    const lead = { answers: { budget: 'confirmed', need: 'indicated' } };
    const here = createScorer(scoringPresets.bantt, { asOf: '2026-03-31' })(lead);
    expect(score.total).toBe(30);
    expect(score).toStrictEqual(JSON.parse(JSON.stringify(here)));
  });
});

describe('which models get generated code', () => {
  const withFitRules = (count: number) =>
    compileModel(
      defineScoringModel({
        fit: {
          rules: Array.from({ length: count }, (_, index) => ({
            id: `r${index}`,
            when: { field: 'industry', op: '=', value: `i${index}` },
            points: 1,
          })),
        },
        threshold: 1,
      }),
    );

  it('generates code up to MAX_GENERATED_RULES rules, and interprets larger models', () => {
    expect(generatedScorer(withFitRules(MAX_GENERATED_RULES))).toBeTypeOf('function');
    expect(generatedScorer(withFitRules(MAX_GENERATED_RULES + 1))).toBeUndefined();
    const large = createScorer(withFitRules(MAX_GENERATED_RULES + 1).model, { asOf });
    expect(large({ attributes: { industry: 'i600' } }).total).toBe(1);
  });
});
