import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessCalendar, businessTimeBetween } from '../../src/index.js';
import { issueCodesAndPaths, thrown } from '../helpers.js';

const calendar = businessCalendar({ hours: { start: '09:00', end: '17:00' } });

describe('calendar: bad input throws a PipelineError with the path', () => {
  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, 'unknown_time_zone', ['timeZone']],
    [{ timeZone: '+01:00' }, 'unknown_time_zone', ['timeZone']],
    [{ holidays: ['2026-12-25', '2026-02-30'] }, 'invalid_date', ['holidays', 1]],
    [{ holidays: ['25/12/2026'] }, 'invalid_date', ['holidays', 0]],
    [{ workdays: [1, 7] }, 'too_big', ['workdays', 1]],
    [{ workdays: [] }, 'too_small', ['workdays']],
    [{ hours: { start: '9:00', end: '17:00' } }, 'invalid_time', ['hours', 'start']],
    [{ hours: { start: '17:00', end: '09:00' } }, 'too_small', ['hours', 'end']],
    [{ hours: { start: '24:00', end: '24:00' } }, 'invalid_time', ['hours', 'start']],
    [{ timezone: 'UTC' }, 'unrecognized_keys', ['timezone']],
  ])('%j → %s at %j', (config, code, path) => {
    const error = thrown(() => businessCalendar(config as never));
    expect(error.code).toBe('invalid_calendar');
    expect(issueCodesAndPaths(error)[0]).toEqual({ code, path });
  });

  it('names the duration field and the date argument', () => {
    const from = '2026-01-09T16:00:00Z';
    const cases: [() => unknown, string, string, (string | number)[]][] = [
      [
        () => addBusinessTime(calendar, from, { hours: -1 }),
        'invalid_options',
        'too_small',
        ['hours'],
      ],
      [
        () => addBusinessTime(calendar, from, { days: 1.5 }),
        'invalid_options',
        'invalid_type',
        ['days'],
      ],
      [
        () => addBusinessTime(calendar, from, { weeks: 1 } as never),
        'invalid_options',
        'unrecognized_keys',
        ['weeks'],
      ],
      [
        () => addBusinessTime(calendar, '2026-01-09T16:00:00', { days: 1 }),
        'invalid_date',
        'invalid_date',
        ['from'],
      ],
      [() => businessTimeBetween(calendar, from, 'soon'), 'invalid_date', 'invalid_date', ['b']],
      [
        () => businessTimeBetween({ timeZone: 'Nowhere' } as never, from, from),
        'invalid_calendar',
        'unknown_time_zone',
        ['calendar', 'timeZone'],
      ],
    ];
    for (const [run, code, issue, path] of cases) {
      const error = thrown(run);
      expect(error.code).toBe(code);
      expect(issueCodesAndPaths(error)[0]).toEqual({ code: issue, path });
    }
  });
});
