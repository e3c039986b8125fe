/**
 * The indexes of `values` in ascending order of value, ties in input order. O(n log n).
 * Survival tables walk their subjects in time order without copying the rows they belong to.
 *
 * @example
 * ```ts
 * sortedOrder([5, 1, 5, 3]); //=> Uint32Array [1, 3, 0, 2]
 * ```
 */
export function sortedOrder(values: readonly number[]): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let index = 0; index < order.length; index += 1) order[index] = index;
  return order.sort((left, right) => (values[left] as number) - (values[right] as number));
}
