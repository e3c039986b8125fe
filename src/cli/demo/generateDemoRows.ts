import { presets } from '../../pipeline/presets.js';
import { createRandom, type Random } from './random.js';

/**
 * The columns of the demo data set: the generic event table of `buying-pipeline/node`
 * (`mappings.generic`), one event per row; `segment`, `region` and `existingCustomer` become
 * journey attributes.
 */
export const demoColumns = [
  'journey_id',
  'type',
  'at',
  'stage',
  'outcome',
  'reason',
  'kind',
  'by',
  'close_date',
  'name',
  'origin',
  'amount',
  'segment',
  'region',
  'existingCustomer',
] as const;

/** One row of the demo data set. */
export type DemoRow = Readonly<Record<(typeof demoColumns)[number], string>>;

/** What the demo data set is made of. */
export interface DemoDataOptions {
  /** The seed of the random source (default 2026). */
  readonly seed?: number;
  /** How many journeys (default 3000). */
  readonly journeys?: number;
}

/** The moment the demo export was taken: the `asOf` of the demo report. */
export const demoAsOf = '2026-06-30T00:00:00.000Z';

// The stage ids of the seed's buying pipeline, in order: the demo is reported with that preset.
const stages = presets.buyingPipeline.stages.map((stage) => stage.id);
const lead = 3;
const qualifiedLead = 4;
const prospect = 5;
const customer = 6;

// Median days spent in each stage before moving on, and the chance of moving on at all.
const medianDays = [9, 12, 10, 8, 5, 28];
const advance = [0.62, 0.56, 0.5, 0.46, 0.58, 0.42];

const day = 86_400_000;
const exportAt = Date.parse(demoAsOf);
const firstDay = Date.UTC(2025, 0, 6);
const lastStart = Date.UTC(2026, 5, 20);

type Origin = 'marketing' | 'sales' | 'partner' | '';
type Segment = 'SMB' | 'Mid-market' | 'Enterprise';

/** A chance of advancing that depends on who generated the journey and its size (seed 002's story). */
function advanceChance(stage: number, origin: Origin, segment: Segment): number {
  let p = advance[stage] ?? 0;
  // Marketing-generated leads leak at the handoff; sales-generated ones close better.
  if (stage === qualifiedLead && origin === 'marketing') p -= 0.12;
  if (stage === qualifiedLead && origin === 'partner') p += 0.1;
  if (stage === prospect && origin === 'sales') p += 0.1;
  if (stage === prospect && segment === 'Enterprise') p -= 0.08;
  return p;
}

const lostReasons: readonly (readonly [string, number])[] = [
  ['price', 4],
  ['no decision', 3],
  ['competitor', 3],
  // A comma inside a value: the CSV must quote it.
  ['timing, budget frozen', 2],
  ['', 1],
];
const disqualifyReasons: readonly (readonly [string, number])[] = [
  ['no budget', 3],
  ['wrong segment', 2],
  ['student', 1],
  ['', 1],
];

const baseAmount: Record<Segment, number> = { SMB: 6000, 'Mid-market': 24000, Enterprise: 90000 };

function iso(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

/** A time during office hours (08:00–18:00 UTC) on the day of `time`. */
function officeHours(random: Random, time: number): number {
  const midnight = Math.floor(time / day) * day;
  return midnight + random.int(8 * 60, 18 * 60 - 1) * 60_000 + random.int(0, 59) * 1000;
}

function amountText(random: Random, segment: Segment): string {
  const amount = baseAmount[segment] * random.days(1, 0.45);
  // Most CRMs round deal values; some carry cents.
  return random.chance(0.7) ? String(Math.round(amount / 50) * 50) : amount.toFixed(2);
}

/**
 * Generates the bundled demo data set: a few thousand journeys through the seed's buying pipeline,
 * with the quirks of a real CRM export — journeys recycled to Marketing and re-entering later,
 * skipped stages, missing amounts, a deal won before its first recorded stage, a deal won without
 * a customer stage, journeys that never reached a stage, several origins (and some without one),
 * lost reasons with commas. Deterministic: the same options give the same rows, in journey order.
 */
export function generateDemoRows(options: DemoDataOptions = {}): DemoRow[] {
  const random = createRandom(options.seed ?? 2026);
  const count = options.journeys ?? 3000;
  const rows: DemoRow[] = [];
  for (let index = 1; index <= count; index += 1) {
    rows.push(...journeyRows(random, `J-${String(index).padStart(5, '0')}`));
  }
  return rows;
}

function journeyRows(random: Random, id: string): DemoRow[] {
  const origin = random.pick<Origin>([
    ['marketing', 55],
    ['sales', 25],
    ['partner', 12],
    ['', 8],
  ]);
  const segment = random.pick<Segment>([
    ['SMB', 50],
    ['Mid-market', 35],
    ['Enterprise', 15],
  ]);
  const region = random.pick([
    ['North America', 45],
    ['EMEA', 40],
    ['APAC', 15],
  ]);
  const existingCustomer = random.chance(0.15) ? 'yes' : 'no';
  // 15% of the deals carry no amount: the CRM field was never filled in.
  const amount = random.chance(0.85) ? amountText(random, segment) : '';
  const rows: DemoRow[] = [];
  const row = (fields: Partial<DemoRow> & Pick<DemoRow, 'type' | 'at'>): void => {
    rows.push({
      journey_id: id,
      stage: '',
      outcome: '',
      reason: '',
      kind: '',
      by: '',
      close_date: '',
      name: '',
      origin,
      amount,
      segment,
      region,
      existingCustomer,
      ...fields,
    });
  };

  let time = officeHours(random, firstDay + random.next() * (lastStart - firstDay));

  // 1%: web visits only, never a stage — counted as unstaged by the report.
  if (random.chance(0.01)) {
    row({ type: 'behaviour', at: iso(time), name: 'web visit' });
    row({ type: 'behaviour', at: iso(time + 3 * day), name: 'whitepaper download' });
    return rows;
  }

  let stage =
    origin === 'marketing'
      ? random.chance(0.6)
        ? 0
        : 1
      : origin === 'sales'
        ? random.chance(0.5)
          ? 2
          : lead
        : origin === 'partner'
          ? lead
          : random.int(0, lead);
  let recycled = false;
  let firstStageAt: number | null = null;

  for (;;) {
    if (stage === customer) {
      // A fifth of the wins have no customer stage event: won implies the last stage.
      if (random.chance(0.8)) row({ type: 'stage', at: iso(time), stage: 'customer' });
      row({ type: 'outcome', at: iso(time), outcome: 'won' });
      break;
    }
    // 8% of intermediate stages were never recorded: the journey skipped them in the CRM.
    const skipped = firstStageAt !== null && random.chance(0.08);
    if (!skipped) {
      row({ type: 'stage', at: iso(time), stage: stages[stage] ?? '' });
      firstStageAt ??= time;
    }
    if (stage === lead) {
      const email = time + random.days(1) * day;
      if (email < exportAt)
        row({ type: 'activity', at: iso(email), kind: 'email', by: 'marketing' });
    }
    if (stage === qualifiedLead && random.chance(0.88)) {
      // Sales follows up (12% never do: the leak the SLA is meant to close).
      const followUp = time + random.days(origin === 'marketing' ? 3 : 1.2, 0.9) * day;
      if (followUp < exportAt)
        row({ type: 'activity', at: iso(followUp), kind: 'call', by: 'sales' });
    }

    const leaveAt = officeHours(random, time + random.days(medianDays[stage] ?? 10) * day);
    if (leaveAt >= exportAt) {
      // Still open at the export; open prospects carry a forecast.
      const forecastAt = officeHours(random, time + 2 * day);
      if (stage === prospect && amount !== '' && forecastAt < exportAt) {
        const closeDate = new Date(exportAt + random.int(5, 90) * day).toISOString().slice(0, 10);
        row({ type: 'forecast', at: iso(forecastAt), close_date: closeDate });
      }
      break;
    }
    if (random.chance(advanceChance(stage, origin, segment))) {
      time = leaveAt;
      stage += 1;
      continue;
    }
    if (stage === qualifiedLead && !recycled && random.chance(0.3)) {
      // Passed back to Marketing for nurture; half come back as leads later.
      row({ type: 'outcome', at: iso(leaveAt), outcome: 'recycled', reason: 'not ready to buy' });
      recycled = true;
      const back = officeHours(random, leaveAt + random.days(45, 0.5) * day);
      if (back < exportAt && random.chance(0.5)) {
        time = back;
        stage = lead;
        continue;
      }
      break;
    }
    if (stage < lead && random.chance(0.5)) break; // never heard of again: open, going stale
    if (stage >= qualifiedLead && random.chance(0.75)) {
      row({ type: 'outcome', at: iso(leaveAt), outcome: 'lost', reason: random.pick(lostReasons) });
    } else {
      row({
        type: 'outcome',
        at: iso(leaveAt),
        outcome: 'disqualified',
        reason: random.pick(disqualifyReasons),
      });
    }
    break;
  }

  // 5% of the wins were booked with a date two days before the first recorded stage (a back-dated
  // deal, as in real exports).
  const won = rows.find((r) => r.outcome === 'won');
  if (won && firstStageAt !== null && random.chance(0.05)) {
    const index = rows.indexOf(won);
    rows.splice(index, 1);
    rows.unshift({ ...won, at: iso(firstStageAt - 2 * day) });
  }
  return rows;
}

/** Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The demo data set as CSV text with a header row. */
export function demoCsv(options: DemoDataOptions = {}): string {
  const lines = [demoColumns.join(',')];
  for (const row of generateDemoRows(options)) {
    lines.push(demoColumns.map((column) => csvField(row[column])).join(','));
  }
  return `${lines.join('\n')}\n`;
}
