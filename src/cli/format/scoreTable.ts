import type { LeadScore, ScoreReason } from '../../scoring/types.js';
import { csvField } from './csv.js';
import { formatCount } from './numbers.js';
import { textTable } from './table.js';

/** One journey scored as a lead. */
export interface ScoredJourney extends LeadScore {
  /** The journey id. */
  readonly id: string;
}

/** What `score` computes: the scored journeys, hottest first, and how many qualified. */
export interface ScoreFigures {
  /** The moment scored. */
  readonly asOf: Date;
  /** The model's id, name, threshold and range. */
  readonly model: {
    readonly id: string | null;
    readonly name: string | null;
    readonly threshold: number;
    readonly min: number;
    readonly max: number;
  };
  /** Journeys scored. */
  readonly journeys: number;
  /** Of them, at or above the threshold. */
  readonly qualified: number;
  /** One per journey: highest total first, ties by id. */
  readonly leads: readonly ScoredJourney[];
}

/** How many reasons a row of the table and the CSV shows. */
export const topReasons = 3;

/**
 * The reasons that say most about a score: the largest contributions, up or down, as
 * `rule +points` (the JSON output has every reason with its detail).
 */
function top(reasons: readonly ScoreReason[]): string {
  return [...reasons]
    .filter((reason) => reason.points !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
    .slice(0, topReasons)
    .map((reason) => `${reason.rule} ${reason.points > 0 ? '+' : ''}${reason.points}`)
    .join('; ');
}

const gradeOf = (lead: LeadScore): string =>
  lead.grade?.cell ?? lead.grade?.fit ?? lead.grade?.engagement ?? '';

/** The summary line: how many qualified at the model's threshold. */
export function scoreSummary(figures: ScoreFigures): string {
  const { model } = figures;
  return `${formatCount(figures.qualified)} of ${formatCount(figures.journeys)} journeys qualified at the threshold ${model.threshold} (of ${model.max}) of the model ${model.name ?? model.id ?? '(unnamed)'}, as of ${figures.asOf.toISOString().slice(0, 10)}`;
}

/** The scores as text: one row per journey (id, total, qualified, grade, top reasons), then the summary. */
export function renderScoreTable(figures: ScoreFigures): string {
  const table = textTable(
    ['journey', 'total', 'qualified', 'grade', 'top reasons'],
    figures.leads.map((lead) => [
      lead.id,
      String(lead.total),
      lead.qualified ? 'yes' : 'no',
      gradeOf(lead),
      top(lead.reasons),
    ]),
    [2, 3, 4],
  );
  return `${table}\n\n${scoreSummary(figures)}\n`;
}

/** The columns of the score CSV. */
export const scoreColumns = [
  'journey',
  'total',
  'qualified',
  'grade',
  'bantt',
  'fit',
  'behaviour',
  'top_reasons',
] as const;

/** The scores as CSV, one journey per row; the summary goes to stderr, not into the data. */
export function renderScoreCsv(figures: ScoreFigures): string {
  const points = (part: { readonly points: number } | undefined) =>
    part === undefined ? '' : String(part.points);
  const rows = figures.leads.map((lead) =>
    [
      lead.id,
      String(lead.total),
      String(lead.qualified),
      gradeOf(lead),
      points(lead.components.bantt),
      points(lead.components.fit),
      points(lead.components.behaviour),
      top(lead.reasons),
    ]
      .map(csvField)
      .join(','),
  );
  return `${[scoreColumns.join(','), ...rows].join('\n')}\n`;
}
