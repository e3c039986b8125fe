import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  type DateInput,
  funnelReport,
  isPipelineError,
  type JourneyEventInput,
  type JourneyInput,
  parseJourney,
  summarizeJourney,
  toDate,
} from '../../src/index.js';
import {
  asOfArb,
  instantArb,
  journeyArb,
  journeysArb,
  optionsArb,
  pipeline,
  renderTime,
  stageIds,
  timeShapeArb,
} from './arbitraries.js';

const RUNS = 250;
const json = (value: unknown): string => JSON.stringify(value);

describe('the fast path agrees with the validating path', () => {
  test.prop([journeyArb, asOfArb], { numRuns: RUNS })(
    'summarizeJourney reads a journey as parseJourney would',
    (journey, asOf) => {
      expect(json(summarizeJourney(pipeline, journey, { asOf }))).toBe(
        json(summarizeJourney(pipeline, parseJourney(journey), { asOf })),
      );
    },
  );

  test.prop([journeysArb(), optionsArb], { numRuns: 150 })(
    'funnelReport over raw journeys equals funnelReport over parsed ones',
    (journeys, options) => {
      const parsed = journeys.map((journey) => parseJourney(journey));
      expect(json(funnelReport(pipeline, journeys, options))).toBe(
        json(funnelReport(pipeline, parsed, options)),
      );
    },
  );
});

/**
 * What a call gives: its JSON, or the PipelineError's code and first path (anything else is shown
 * as is). An unknown stage is named by the offending stage id instead of its index, because the
 * index is into the caller's own events array, which is ordered differently for a raw journey and
 * for its parsed (sorted) copy; `events` checks that the index really points at that stage.
 */
function outcomeOf(run: () => unknown, events?: readonly JourneyInput['events'][number][]): string {
  try {
    return json(run());
  } catch (error) {
    if (!isPipelineError(error)) return `Unexpected ${String(error)}`;
    const path = error.issues[0]?.path ?? [];
    if (error.code === 'unknown_stage') {
      // One issue per unknown stage; funnelReport's paths start with the journey's index.
      const stages = error.issues.map(({ path: issuePath }) => {
        const at = typeof issuePath[0] === 'number' ? 1 : 0;
        const index = issuePath[at + 1];
        const event = typeof index === 'number' ? events?.[index] : undefined;
        return event?.type === 'stage'
          ? event.stage.trim()
          : `(not a stage event at ${String(index)})`;
      });
      return `PipelineError unknown_stage ${json(path.slice(0, typeof path[0] === 'number' ? 1 : 0))} at ${json(stages.sort())}`;
    }
    return `PipelineError ${error.code} ${json(path)}`;
  }
}

/** Characters at the ends of a text: whitespace that trim removes, and control characters it keeps. */
const endArb = fc.constantFrom(
  '',
  '',
  '',
  ' ',
  '\t',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u0001',
  '\u001f',
  '\u0085',
);
const messyText = (core: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(endArb, core, endArb).map(([before, text, after]) => `${before}${text}${after}`);

/** A journey whose text fields (id, origin, stage ids, reasons, activity kind and by, behaviour names) may carry odd characters at their ends. */
const messyJourneyArb: fc.Arbitrary<JourneyInput> = fc
  .record(
    {
      id: messyText(fc.constantFrom('J1', 'acme')),
      origin: messyText(fc.constantFrom('marketing', 'sales')),
      events: fc.array(
        fc.tuple(
          fc.oneof(
            fc.record({
              type: fc.constant('stage' as const),
              stage: messyText(fc.constantFrom(...stageIds)),
            }),
            fc.record(
              {
                type: fc.constant('outcome' as const),
                outcome: fc.constantFrom('won' as const, 'lost' as const, 'recycled' as const),
                reason: messyText(fc.constantFrom('price', 'no budget')),
              },
              { requiredKeys: ['type', 'outcome'] },
            ),
            fc.record(
              {
                type: fc.constant('activity' as const),
                kind: messyText(fc.constantFrom('call', 'email')),
                by: messyText(fc.constantFrom('sales', 'marketing')),
              },
              { requiredKeys: ['type'] },
            ),
            fc.record({
              type: fc.constant('behaviour' as const),
              name: messyText(fc.constant('webinar')),
            }),
          ),
          instantArb,
          timeShapeArb,
        ),
        { maxLength: 6 },
      ),
    },
    { requiredKeys: ['id', 'events'] },
  )
  .map(({ events, ...rest }) => ({
    ...rest,
    events: events.map(
      ([event, at, shape]) => ({ ...event, at: renderTime(at, shape) }) as JourneyEventInput,
    ),
  }));

describe('the fast path agrees with the validating path on odd text', () => {
  test.prop([messyJourneyArb, asOfArb], { numRuns: 300 })(
    'summarizeJourney and funnelReport give what they give for parseJourney(journey), or its error',
    (journey, asOf) => {
      let parsed: JourneyInput | undefined;
      const parseOutcome = outcomeOf(() => {
        parsed = parseJourney(journey);
        return null;
      });
      const expected = parsed
        ? outcomeOf(
            () => summarizeJourney(pipeline, parsed as JourneyInput, { asOf }),
            (parsed as JourneyInput).events,
          )
        : parseOutcome;
      // A valid journey gives a summary, an invalid one a PipelineError: nothing else is thrown.
      expect(expected).not.toMatch(/^Unexpected/);
      expect(outcomeOf(() => summarizeJourney(pipeline, journey, { asOf }), journey.events)).toBe(
        expected,
      );
      if (parsed) {
        const reportOfParsed = outcomeOf(
          () => funnelReport(pipeline, [parsed as JourneyInput], { asOf }),
          (parsed as JourneyInput).events,
        );
        expect(outcomeOf(() => funnelReport(pipeline, [journey], { asOf }), journey.events)).toBe(
          reportOfParsed,
        );
      }
    },
  );
});

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A valid calendar date and time with an offset, rendered as an ISO string in one of several shapes. */
const isoTextArb: fc.Arbitrary<string> = fc
  .record({
    year: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1970, max: 2100 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 9999 }) },
    ),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    ms: fc.integer({ min: 0, max: 999 }),
    offsetSign: fc.constantFrom('+', '-'),
    offsetHours: fc.oneof(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 23 })),
    offsetMinutes: fc.constantFrom(0, 30, 45, 59),
    fraction: fc.integer({ min: 1, max: 6 }),
    shape: fc.constantFrom(
      'date',
      'z',
      'zMs',
      'offset',
      'offsetMs',
      'zMinutes',
      'offsetMinutes',
      'zFraction',
    ),
  })
  .map((parts) => {
    // Clamp the day into the month (leap years included).
    const lastDay = new Date(Date.UTC(2000, parts.month, 0));
    lastDay.setUTCFullYear(parts.year, parts.month, 0);
    const day = Math.min(parts.day, lastDay.getUTCDate());
    const date = `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(day, 2)}`;
    const hm = `${pad(parts.hour, 2)}:${pad(parts.minute, 2)}`;
    const hms = `${hm}:${pad(parts.second, 2)}`;
    const ms = `.${pad(parts.ms, 3)}`;
    const offset = `${parts.offsetSign}${pad(parts.offsetHours, 2)}:${pad(parts.offsetMinutes, 2)}`;
    switch (parts.shape) {
      case 'date':
        return date;
      case 'z':
        return `${date}T${hms}Z`;
      case 'zMs':
        return `${date}T${hms}${ms}Z`;
      case 'zMinutes':
        return `${date}T${hm}Z`;
      case 'offset':
        return `${date}T${hms}${offset}`;
      case 'offsetMinutes':
        return `${date}T${hm}${offset}`;
      case 'zFraction':
        // 1 to 6 fractional digits: JavaScript and the library keep the milliseconds.
        return (
          `${date}T${hms}.${pad(parts.ms, 3)}${pad(parts.ms, 3)}`.slice(0, 20 + parts.fraction) +
          'Z'
        );
      default:
        return `${date}T${hms}${ms}${offset}`;
    }
  });

describe('toDate and the fast time reader agree with JavaScript', () => {
  test.prop([isoTextArb], { numRuns: 300 })(
    'toDate(s) is the instant new Date(s) reads from an unambiguous ISO string',
    (text) => {
      const expected = new Date(text).getTime();
      expect(Number.isNaN(expected)).toBe(false);
      expect(toDate(text).getTime()).toBe(expected);
    },
  );

  test.prop([isoTextArb, isoTextArb, fc.constantFrom('won', 'lost', 'recycled')], {
    numRuns: 300,
  })(
    'summarizeJourney treats the string, the Date and the epoch ms alike',
    (entered, closed, outcome) => {
      const journeyAt = (at: (text: string) => DateInput): JourneyInput => ({
        id: 'j',
        events: [
          { type: 'stage', stage: 'lead', at: at(entered) },
          { type: 'outcome', outcome, at: at(closed) },
          { type: 'activity', at: at(closed) },
        ],
      });
      const asOf = 8.64e15;
      const fromText = json(
        summarizeJourney(
          pipeline,
          journeyAt((text) => text),
          { asOf },
        ),
      );
      expect(
        json(
          summarizeJourney(
            pipeline,
            journeyAt((text) => new Date(text)),
            { asOf },
          ),
        ),
      ).toBe(fromText);
      expect(
        json(
          summarizeJourney(
            pipeline,
            journeyAt((text) => new Date(text).getTime()),
            { asOf },
          ),
        ),
      ).toBe(fromText);
      // And asOf itself, given as the same text or as a Date.
      expect(
        json(
          summarizeJourney(
            pipeline,
            journeyAt((text) => text),
            { asOf: entered },
          ),
        ),
      ).toBe(
        json(
          summarizeJourney(
            pipeline,
            journeyAt((text) => text),
            { asOf: new Date(entered) },
          ),
        ),
      );
    },
  );
});
