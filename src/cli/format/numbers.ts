import type { Decimal } from '../../money/money.js';

// One way to write numbers for people, shared by the table, the CSV labels and the HTML page.
// Fixed to en-US digit grouping so that output does not depend on the machine's locale.
const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count with thousands separators: 12,345. */
export function formatCount(value: number): string {
  return grouping.format(value);
}

/** A rate as a percentage: one decimal under 10%, none above; an em dash for null. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const percent = value * 100;
  return `${percent !== 0 && Math.abs(percent) < 10 ? percent.toFixed(1) : percent.toFixed(0)}%`;
}

/** An interval as "42–48%"; empty when it has no bounds. */
export function formatInterval(interval: {
  readonly lower: number | null;
  readonly upper: number | null;
}): string {
  if (interval.lower === null || interval.upper === null) return '';
  return `${formatPercent(interval.lower).replace('%', '')}–${formatPercent(interval.upper)}`;
}

/** Days with one decimal; an em dash for null. */
export function formatDays(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(1);
}

/** Money to the cent with thousands separators, from the exact decimal: 1,234,567.89. */
export function formatMoney(value: Decimal | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const [whole = '0', cents = '00'] = value.toFixed(2).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** A group key as people read it: a missing value is "(none)". */
export function formatKey(key: string | number | boolean | null): string {
  return key === null ? '(none)' : String(key);
}
