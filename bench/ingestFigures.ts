// The figures the ingest bench compares (bench/ingest.ts): the report's JSON in the shape that
// bench/ingestDuckdb.mjs prints, and the comparison of the two. Shared with
// test/bench/ingestFigures.test.ts, which holds the SQL to the report on a small generated file.

/** A side's figures, as JSON. */
export type Figures = Record<string, unknown>;

interface Stats {
  count: number;
  mean: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
}

export interface ReportJson {
  conversion: {
    stages: { reached: number; advanced: number; exited: number; open: number }[];
  };
  velocity: { stages: { toNext: Stats | null }[]; cycle: Stats };
  winRate: { won: number; lost: number; wonValue: string; lostValue: string };
  deals: { count: number; total: string; mean: string | null; median: string | null };
  leakage: {
    stages: {
      byOrigin: {
        origin: string;
        exited: number;
        immediatelyDiscontinued: number;
        open: number;
        meanOpenAgeDays: number | null;
        withoutFollowUp: number;
      }[];
    }[];
  };
}

const money = (text: string | null) => (text === null ? null : Number(text));

/** The report's figures in the shape bench/ingestDuckdb.mjs prints them. */
export function figuresOf(report: ReportJson): { full: Figures; headline: Figures } {
  const stages = report.conversion.stages;
  const last = stages.length - 1;
  const origins = (report.leakage.stages[0]?.byOrigin ?? []).map((group) => group.origin).sort();
  const full = {
    stages: stages.map((stage, index) => ({
      reached: stage.reached,
      advanced: index === last ? null : stage.advanced,
      exited: stage.exited,
      open: stage.open,
    })),
    toNext: report.velocity.stages.slice(0, last).map((stage) => stage.toNext),
    cycle: report.velocity.cycle,
    winRate: {
      won: report.winRate.won,
      lost: report.winRate.lost,
      wonValue: money(report.winRate.wonValue),
      lostValue: money(report.winRate.lostValue),
    },
    deals: {
      count: report.deals.count,
      total: money(report.deals.total),
      mean: money(report.deals.mean),
      median: money(report.deals.median),
    },
    leakage: origins.map((origin) => ({
      origin,
      stages: report.leakage.stages.map((stage) => {
        const group = stage.byOrigin.find((one) => one.origin === origin);
        return {
          exited: group?.exited ?? 0,
          immediatelyDiscontinued: group?.immediatelyDiscontinued ?? 0,
          open: group?.open ?? 0,
          meanOpenAgeDays: group?.meanOpenAgeDays ?? null,
          withoutFollowUp: group?.withoutFollowUp ?? 0,
        };
      }),
    })),
  };
  const headline = {
    reached: stages.map((stage) => stage.reached),
    won: report.winRate.won,
    lost: report.winRate.lost,
  };
  return { full, headline };
}

/**
 * Where two figure sets differ: integers and money sums must be equal (exact decimals on both
 * sides), the deals' mean and median agree to the cent (the report rounds them to the cent; SQL
 * divides), other numbers to 1e-9 relative (floating-point durations summed in another order).
 * On a large file one journey's duration off by a second moves a mean by less than that; the
 * counts, minimums, maximums and percentiles would still show it, and on the small edge-case file
 * of test/bench/ingestFigures.test.ts the means do.
 */
export function differences(ours: unknown, theirs: unknown, path = ''): string[] {
  if (typeof ours === 'number' && typeof theirs === 'number') {
    const tolerance = /deals\.(mean|median)$/.test(path)
      ? 0.005
      : (Number.isInteger(ours) && Number.isInteger(theirs)) || /(Value|deals\.total)$/.test(path)
        ? 0
        : 1e-9 * Math.max(1, Math.abs(ours), Math.abs(theirs));
    return Math.abs(ours - theirs) <= tolerance ? [] : [`${path}: ${ours} vs ${theirs}`];
  }
  if (typeof ours === 'object' && ours !== null && typeof theirs === 'object' && theirs !== null) {
    const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
    return [...keys].flatMap((key) =>
      differences(
        (ours as Record<string, unknown>)[key],
        (theirs as Record<string, unknown>)[key],
        `${path}.${key}`,
      ),
    );
  }
  return ours === theirs ? [] : [`${path}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`];
}
