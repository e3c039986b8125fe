import { tzOffset } from '@date-fns/tz';

// Turning a zone's wall-clock time into an instant is where libraries quietly use the machine's
// zone (a Date built from fields is local); this reads the zone's own offsets only, so the ingest
// and the business calendars give the same instants on every machine.

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The instant at which a zone's clocks show `wall` (a wall time written as UTC ms), computed
 * from the zone's offsets alone (never the machine's zone): in a gap, the offset before the gap
 * (the time moves forward by the gap); a time that occurs twice, the earlier instant.
 */
export function zonedInstant(wall: number, zone: string): number {
  const before = tzOffset(zone, new Date(wall - DAY));
  const after = tzOffset(zone, new Date(wall + DAY));
  let best = Number.NaN;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset * MINUTE;
    if (tzOffset(zone, new Date(instant)) === offset && !(instant >= best)) best = instant;
  }
  return Number.isNaN(best) ? wall - before * MINUTE : best;
}
