import { describe, expect, it } from 'vitest';
import {
  defineSla,
  evaluateSla,
  type JourneyInput,
  presets,
  type SlaConfig,
  type SlaRule,
} from '../../src/index.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

const pipeline = presets.buyingPipeline;
const followUp: SlaRule = {
  id: 'follow-up',
  owner: 'sales',
  kind: 'response',
  trigger: { stage: 'qualified_lead' },
  response: { activity: {} },
  within: { businessDays: 2 },
};
const asOf = '2026-02-01T00:00:00Z';

describe('defineSla: bad input throws a PipelineError with the path', () => {
  const cases: [string, SlaConfig, string, string, (string | number)[]][] = [
    [
      'a rule id used twice',
      { rules: [followUp, { ...followUp }] },
      'invalid_sla',
      'duplicate_rule',
      ['rules', 1, 'id'],
    ],
    [
      'a zero duration',
      { rules: [{ ...followUp, within: { businessDays: 0 } }] },
      'invalid_sla',
      'too_small',
      ['rules', 0, 'within', 'businessDays'],
    ],
    [
      'a negative duration',
      { rules: [{ ...followUp, within: { hours: -2 } }] },
      'invalid_sla',
      'too_small',
      ['rules', 0, 'within', 'hours'],
    ],
    [
      'a negative warning',
      { rules: [{ ...followUp, warnBefore: { businessHours: -1 } }] },
      'invalid_sla',
      'too_small',
      ['rules', 0, 'warnBefore', 'businessHours'],
    ],
    [
      'fractional business days',
      { rules: [{ ...followUp, within: { businessDays: 1.5 } }] },
      'invalid_sla',
      'invalid_type',
      ['rules', 0, 'within', 'businessDays'],
    ],
    [
      'two units at once',
      { rules: [{ ...followUp, within: { days: 1, hours: 2 } as never }] },
      'invalid_sla',
      'conflicting_keys',
      ['rules', 0, 'within', 'hours'],
    ],
    [
      'an empty duration',
      { rules: [{ ...followUp, within: {} as never }] },
      'invalid_sla',
      'missing_key',
      ['rules', 0, 'within'],
    ],
    [
      'a trigger with two keys',
      { rules: [{ ...followUp, trigger: { stage: 'lead', outcome: 'recycled' } as never }] },
      'invalid_sla',
      'conflicting_keys',
      ['rules', 0, 'trigger', 'outcome'],
    ],
    [
      'an unknown time zone',
      { calendar: { timeZone: 'America/Nowhere' }, rules: [] },
      'invalid_calendar',
      'unknown_time_zone',
      ['calendar', 'timeZone'],
    ],
    [
      'a malformed holiday',
      { calendar: { holidays: ['2026-13-01'] }, rules: [] },
      'invalid_calendar',
      'invalid_date',
      ['calendar', 'holidays', 0],
    ],
    [
      'an unknown owner',
      { rules: [{ ...followUp, owner: 'finance' as never }] },
      'invalid_sla',
      'invalid_value',
      ['rules', 0, 'owner'],
    ],
    [
      'a typo in a key',
      { rules: [{ ...followUp, whithin: { days: 1 } } as never] },
      'invalid_sla',
      'unrecognized_keys',
      ['rules', 0, 'whithin'],
    ],
    [
      'volume without bounds',
      { rules: [{ id: 'v', owner: 'marketing', kind: 'volume', stage: 'lead', per: 'month' }] },
      'invalid_sla',
      'missing_key',
      ['rules', 0, 'atLeast'],
    ],
    [
      'zero attempts',
      { rules: [{ id: 'm', owner: 'sales', kind: 'minAttempts', attempts: 0 }] },
      'invalid_sla',
      'too_small',
      ['rules', 0, 'attempts'],
    ],
    // Beyond a century: a due time past what a Date holds (an Invalid Date in the result), or a
    // working-day walk that never ends.
    [
      'business days beyond a century',
      { rules: [{ ...followUp, within: { businessDays: 30_000_000 } }] },
      'invalid_sla',
      'too_big',
      ['rules', 0, 'within', 'businessDays'],
    ],
    [
      'business hours beyond a century',
      { rules: [{ ...followUp, within: { businessHours: 1e12 } }] },
      'invalid_sla',
      'too_big',
      ['rules', 0, 'within', 'businessHours'],
    ],
    [
      'elapsed days beyond a century',
      { rules: [{ ...followUp, within: { days: 1e9 } }] },
      'invalid_sla',
      'too_big',
      ['rules', 0, 'within', 'days'],
    ],
    [
      'a warning beyond a century',
      { rules: [{ ...followUp, warnBefore: { hours: 1e12 } }] },
      'invalid_sla',
      'too_big',
      ['rules', 0, 'warnBefore', 'hours'],
    ],
  ];
  it.each(cases)('%s', (_name, config, code, issue, path) => {
    const error = thrown(() => defineSla(config));
    expect(error.code).toBe(code);
    expect(issueCodesAndPaths(error)[0]).toEqual({ code: issue, path });
  });

  it('names every unknown stage against a pipeline, at define or at evaluate time', () => {
    const config: SlaConfig = {
      rules: [
        { ...followUp, trigger: { stage: 'mql' }, response: { stage: 'sql' } },
        { id: 'v', owner: 'marketing', kind: 'volume', stage: 'sal', per: 'week', atLeast: 1 },
      ],
    };
    const expected = [
      { code: 'unknown_stage', path: ['rules', 0, 'trigger', 'stage'] },
      { code: 'unknown_stage', path: ['rules', 0, 'response', 'stage'] },
      { code: 'unknown_stage', path: ['rules', 1, 'stage'] },
    ];
    const early = thrown(() => defineSla(config, { pipeline }));
    expect(early.code).toBe('unknown_stage');
    expect(issueCodesAndPaths(early)).toEqual(expected);
    const late = thrown(() => evaluateSla(defineSla(config), pipeline, [], { asOf }));
    expect(issueCodesAndPaths(late)).toEqual(expected);
  });
});

describe('evaluateSla: bad input throws a PipelineError with the path', () => {
  const sla = defineSla({ rules: [followUp] });

  it('a scoreAtLeast trigger without a score function', () => {
    const hot = defineSla({
      rules: [followUp, { ...followUp, id: 'hot', trigger: { scoreAtLeast: 75 } }],
    });
    const error = thrown(() => evaluateSla(hot, pipeline, [], { asOf }));
    expect(error.code).toBe('invalid_options');
    expect(issueCodesAndPaths(error)).toEqual([
      { code: 'missing_score', path: ['rules', 1, 'trigger', 'scoreAtLeast'] },
    ]);
  });

  it('a score function that returns NaN', () => {
    const hot = defineSla({ rules: [{ ...followUp, trigger: { scoreAtLeast: 75 } }] });
    const journeys: JourneyInput[] = [
      { id: 'a', events: [{ type: 'behaviour', name: 'visit', at: '2026-01-05T10:00:00Z' }] },
    ];
    const error = thrown(() =>
      evaluateSla(hot, pipeline, journeys, { asOf, score: () => Number.NaN }),
    );
    expect(issueCodesAndPaths(error)).toEqual([{ code: 'invalid_score', path: ['score'] }]);
  });

  it('an unknown stage in a journey, at its index', () => {
    const journeys: JourneyInput[] = [
      { id: 'ok', events: [{ type: 'stage', stage: 'lead', at: '2026-01-05' }] },
      {
        id: 'bad',
        events: [
          { type: 'stage', stage: 'prospect', at: '2026-01-09' },
          { type: 'stage', stage: 'mql', at: '2026-01-05' },
        ],
      },
    ];
    const error = thrown(() => evaluateSla(sla, pipeline, journeys, { asOf }));
    expect(error.code).toBe('unknown_stage');
    expect(issueCodesAndPaths(error)).toEqual([
      { code: 'unknown_stage', path: [1, 'events', 1, 'stage'] },
    ]);
  });

  it('bad options', () => {
    const cases: [object, string, (string | number)[]][] = [
      [{}, 'invalid_date', ['asOf']],
      [{ asOf, to: '2026-01-01', from: '2026-02-01' }, 'invalid_value', ['to']],
      [{ asOf, score: 75 }, 'custom', ['score']],
      [{ asOf, by: 'agent' }, 'unrecognized_keys', ['by']],
    ];
    for (const [options, code, path] of cases) {
      const error = thrown(() => evaluateSla(sla, pipeline, [], options as never));
      expect(error.code).toBe('invalid_options');
      expect(issueCodesAndPaths(error)[0]).toEqual({ code, path });
    }
  });

  it('an offset-less time in a journey', () => {
    const error = thrown(() =>
      evaluateSla(
        sla,
        pipeline,
        [{ id: 'a', events: [{ type: 'stage', stage: 'lead', at: '2026-01-05T10:00:00' }] }],
        { asOf },
      ),
    );
    expect(error.code).toBe('invalid_journey');
    expect(issueCodesAndPaths(error)[0]?.path).toEqual([0, 'events', 0, 'at']);
  });
});
