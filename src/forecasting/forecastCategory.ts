import type { AttributeValue } from '../journey/types.js';
import { compareKeys } from '../metrics/conversion.js';

/**
 * The usual forecast categories of a CRM, from least to most certain: `pipeline` (early),
 * `best_case` (could close this period), `commit` (the rep commits to it), `closed` (won), and
 * `omitted` (left out of the forecast). A journey carries its category as an attribute
 * (`forecastCategory` unless you name another); `forecastAccuracy` and `weightedPipeline` group
 * by it with `byCategory`. Any other value is kept as its own group.
 *
 * @example
 * ```ts
 * const category: ForecastCategory = 'best_case';
 * const journey: JourneyInput = { id: 'acme', attributes: { forecastCategory: category }, events: [] };
 * ```
 */
export type ForecastCategory = 'pipeline' | 'best_case' | 'commit' | 'closed' | 'omitted';

/**
 * The forecast categories in their standard order (see {@link ForecastCategory}); groups are
 * listed in this order, then any other value, then journeys without a category (`null`).
 *
 * @example
 * ```ts
 * forecastCategories; //=> ['pipeline', 'best_case', 'commit', 'closed', 'omitted']
 * ```
 */
export const forecastCategories: readonly ForecastCategory[] = Object.freeze([
  'pipeline',
  'best_case',
  'commit',
  'closed',
  'omitted',
]);

/** The attribute that holds the forecast category unless `byCategory` names another. */
export const DEFAULT_CATEGORY_ATTRIBUTE = 'forecastCategory';

/** The attribute named by a `byCategory` option, or null when grouping was not asked for. */
export function categoryAttribute(option: true | string | undefined): string | null {
  return option === undefined ? null : option === true ? DEFAULT_CATEGORY_ATTRIBUTE : option;
}

/** A journey's category: the attribute's value, null when missing (own keys only). */
export function categoryOf(
  attributes: Readonly<Record<string, AttributeValue>>,
  attribute: string,
): AttributeValue {
  return Object.hasOwn(attributes, attribute) ? (attributes[attribute] ?? null) : null;
}

/** 'Best Case', 'best-case' and 'best_case' are the same category when ordering. */
const standardRank = (value: AttributeValue): number =>
  typeof value === 'string'
    ? forecastCategories.indexOf(
        value
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_') as ForecastCategory,
      )
    : -1;

/** Standard categories first in their order, then other values as the metrics order groups, null last. */
export function compareCategories(a: AttributeValue, b: AttributeValue): number {
  const left = standardRank(a);
  const right = standardRank(b);
  if (left >= 0 || right >= 0) {
    if (left < 0) return 1;
    if (right < 0) return -1;
    return left - right || compareKeys(a, b);
  }
  return compareKeys(a, b);
}

/** Items grouped by their category, groups in category order. */
export function groupByCategory<
  Item extends { readonly attributes: Readonly<Record<string, AttributeValue>> },
>(
  items: readonly Item[],
  attribute: string,
): { readonly key: AttributeValue; readonly items: Item[] }[] {
  const groups = new Map<AttributeValue, Item[]>();
  for (const item of items) {
    let key = categoryOf(item.attributes, attribute);
    if (key === 0) key = 0; // -0 and 0 are one group
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareCategories(a, b))
    .map(([key, members]) => ({ key, items: members }));
}
