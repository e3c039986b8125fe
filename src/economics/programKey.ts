import type { JourneyTrack } from '../journey/track.js';
import type { AttributeValue } from '../journey/types.js';

/**
 * A `by` group key, as the metrics read it: the journey's `origin` (`by: 'origin'`) or an
 * attribute's own value (never one inherited from `Object.prototype`); missing is `null` (the
 * group listed last, never dropped) and -0 is 0.
 */
export function groupKeyOf(track: JourneyTrack, by: string): AttributeValue {
  const value =
    by === 'origin'
      ? track.origin
      : Object.hasOwn(track.attributes, by)
        ? track.attributes[by]
        : undefined;
  if (value === undefined || value === null) return null;
  return value === 0 ? 0 : value;
}

/**
 * A journey's program: its `origin` (`by: 'origin'`) or an attribute's own value (never one
 * inherited from `Object.prototype`), as text so that it can match a spend line's `program`
 * (campaign `42` in a CRM export is program `'42'` in a spend sheet). Missing or `null` is the
 * `null` program, reported like any other, never dropped.
 */
export function programKey(track: JourneyTrack, by: string): string | null {
  const value = groupKeyOf(track, by);
  return value === null ? null : String(value);
}

/** Orders programs by their text, the missing program (`null`) last: the order never depends on the input's. */
export function compareProgram(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
