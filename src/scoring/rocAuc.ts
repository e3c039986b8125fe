/**
 * The area under the ROC curve of scores against outcomes, as the Mann–Whitney statistic: the
 * probability that a random converted sample outscores a random unconverted one, a tie counting
 * one half. Computed from mid-ranks in O(n log n). Null without both kinds of sample.
 *
 * Reference: Hanley & McNeil (1982), "The meaning and use of the area under a ROC curve".
 */
export function rocAuc(scores: readonly number[], converted: readonly boolean[]): number | null {
  const order = scores
    .map((_, index) => index)
    .sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let rankSum = 0;
  let start = 0;
  while (start < order.length) {
    let end = start;
    const score = scores[order[start] as number] as number;
    while (end + 1 < order.length && scores[order[end + 1] as number] === score) end += 1;
    // Ranks start..end (1-based start+1..end+1) share their mean.
    const midRank = (start + end) / 2 + 1;
    for (let at = start; at <= end; at += 1) {
      if (converted[order[at] as number]) {
        positives += 1;
        rankSum += midRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const u = rankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}
