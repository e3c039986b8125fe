import { expect, it } from 'vitest';

// The suite must run under a time zone with daylight saving, so that code which accidentally
// uses local time (or assumes 24-hour calendar days) fails here rather than in a user's report.
it('runs under a time zone with daylight saving', () => {
  const january = new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset();
  const july = new Date(Date.UTC(2026, 6, 15)).getTimezoneOffset();
  expect(january).not.toBe(july);
});
