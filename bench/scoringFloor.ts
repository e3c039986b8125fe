// How close is createScorer to the fastest scorer of the bench model? A scorer written by hand
// for bench/scoringData.ts's model only (each field read by its name, each rule an inline test,
// event names compared with constants) is timed beside createScorer (which writes such code for
// the model itself, see src/scoring/generateScorer.ts) and beside the interpreter alone
// (`generateCode: false`), interleaved in one process, after a check that all three give the same
// total, components and reasons (component, rule, kind, points, order) for every lead. The
// hand-written scorer skips every check of the lead's shape; its reasons carry no sentences
// (`detail`) and no `events` count; the ones it shares are frozen, as createScorer's are.
//
// Run: npm run bench:scoring-floor (builds, then node --import tsx bench/scoringFloor.ts --dist)
import type { ScoreReason } from '../src/index.js';
import { asOf, interpreted, LEADS, parsed, score } from './scoringData.js';

const DAY = 86_400_000;
const RATE = Math.LN2 / 30; // half-life 30 days
const toCents = (points: number) => {
  const scaled = points * 100;
  return Math.round(scaled + scaled * 1e-12) + 0;
};
type Reason = Pick<ScoreReason, 'component' | 'rule' | 'kind' | 'points'>;
const shared = (component: Reason['component'], rule: string, cents: number): Reason =>
  Object.freeze({ component, rule, kind: 'rule', points: cents / 100 + 0 });
const dimensions = ['budget', 'authority', 'need', 'timeframe', 'trust'];
const levels = dimensions.map((id) => [
  shared('bantt', id, 2000),
  shared('bantt', id, 1000),
  shared('bantt', id, 0),
]);
const fitIds = [
  'enterprise',
  'midmarket',
  'vp',
  'director',
  'industry',
  'country',
  'student',
  'no-country',
];
const fitCents = [1000, 600, 800, 500, 600, 300, -1500, -200];
const fitReasons = fitIds.map((id, index) => shared('fit', id, fitCents[index] as number));
// Behaviour rules after the component's weight (0.5): points and caps in cents.
const ruleIds = ['visit', 'pricing', 'webinar', 'download', 'demo', 'email', 'unsubscribe'];
const rulePoints = [0.5, 2.5, 5, 3, 10, 1, -10];
const ruleCaps = [500, 750, Infinity, Infinity, Infinity, 300, Infinity];
const repeatable = [true, true, false, false, false, true, false];

const sums = new Float64Array(7);
const counts = new Int32Array(7);
const sizes = new Float64Array(40);
const chosen = [2, 2, 2, 2, 2];

function keep(reasons: Reason[], reason: Reason, cents: number): void {
  sizes[reasons.length] = Math.abs(cents);
  reasons.push(reason);
}

function capReason(component: Reason['component'], rule: string, cents: number): Reason {
  return { component, rule, kind: 'cap', points: cents / 100 + 0 };
}

function floor(lead: (typeof parsed)[number]) {
  const reasons: Reason[] = [];
  chosen.fill(2);
  const answers = lead.answers as Record<string, string>;
  for (const key in answers) {
    const value = answers[key];
    const level = value === 'confirmed' ? 0 : value === 'indicated' ? 1 : 2;
    chosen[
      key === 'budget'
        ? 0
        : key === 'authority'
          ? 1
          : key === 'need'
            ? 2
            : key === 'timeframe'
              ? 3
              : 4
    ] = level;
  }
  let bantt = 0;
  for (let slot = 0; slot < 5; slot += 1) {
    const level = chosen[slot] as number;
    const cents = level === 0 ? 2000 : level === 1 ? 1000 : 0;
    bantt += cents;
    keep(reasons, (levels[slot] as Reason[])[level] as Reason, cents);
  }
  const { employees, title, industry, country } = lead.attributes as {
    employees: number;
    title: string;
    industry: string;
    country?: string;
  };
  const tests = [
    employees >= 1000,
    employees >= 100 && employees < 1000,
    title.includes('VP'),
    title.includes('Director'),
    industry === 'saas' || industry === 'fintech' || industry === 'health',
    country === 'DE',
    title.includes('Student'),
    country === undefined,
  ];
  let fit = 0;
  for (let rule = 0; rule < 8; rule += 1) {
    if (!tests[rule]) continue;
    fit += fitCents[rule] as number;
    keep(reasons, fitReasons[rule] as Reason, fitCents[rule] as number);
  }
  if (fit > 3000) {
    keep(reasons, capReason('fit', 'cap', 3000 - fit), 3000 - fit);
    fit = 3000;
  }
  for (let rule = 0; rule < 7; rule += 1) {
    sums[rule] = 0;
    counts[rule] = 0;
  }
  const events = lead.events as { type: string; name: string; at: Date }[];
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index] as (typeof events)[number];
    if (event.type !== 'behaviour') continue;
    const at = event.at.getTime();
    if (at > asOf) continue;
    const age = (asOf - at) / DAY;
    const name = event.name;
    const rule =
      name === 'page_visit'
        ? 0
        : name === 'pricing_visit'
          ? 1
          : name === 'webinar'
            ? 2
            : name === 'download'
              ? age > 60
                ? -1
                : 3
              : name === 'demo_request'
                ? 4
                : name === 'email_click'
                  ? 5
                  : name === 'unsubscribe'
                    ? 6
                    : -1;
    if (rule < 0) continue;
    if (repeatable[rule]) {
      sums[rule] = (sums[rule] as number) + Math.exp(-RATE * age);
      counts[rule] = (counts[rule] as number) + 1;
    } else {
      if (counts[rule] === 0 || age < (sums[rule] as number)) sums[rule] = age;
      counts[rule] = 1;
    }
  }
  let behaviour = 0;
  for (let rule = 0; rule < 7; rule += 1) {
    if (counts[rule] === 0) continue;
    const kept = sums[rule] as number;
    const share = repeatable[rule] ? kept : Math.exp(-RATE * kept);
    let cents = toCents((rulePoints[rule] as number) * share);
    keep(
      reasons,
      {
        component: 'behaviour',
        rule: ruleIds[rule] as string,
        kind: 'rule',
        points: cents / 100 + 0,
      },
      cents,
    );
    const cap = ruleCaps[rule] as number;
    if (cents > cap || cents < -cap) {
      const capped = cents > 0 ? cap : -cap;
      keep(
        reasons,
        capReason('behaviour', ruleIds[rule] as string, capped - cents),
        capped - cents,
      );
      cents = capped;
    }
    behaviour += cents;
  }
  if (behaviour > 2500) {
    keep(reasons, capReason('behaviour', 'cap', 2500 - behaviour), 2500 - behaviour);
    behaviour = 2500;
  }
  let total = bantt + fit + behaviour;
  if (total < 0) {
    keep(
      reasons,
      { component: 'total', rule: 'min', kind: 'clamp', points: -total / 100 + 0 },
      total,
    );
    total = 0;
  } else if (total > 10_000) {
    keep(
      reasons,
      { component: 'total', rule: 'max', kind: 'clamp', points: (10_000 - total) / 100 },
      total - 10_000,
    );
    total = 10_000;
  }
  for (let index = 1; index < reasons.length; index += 1) {
    const reason = reasons[index] as Reason;
    const size = sizes[index] as number;
    let at = index - 1;
    while (at >= 0 && (sizes[at] as number) < size) {
      reasons[at + 1] = reasons[at] as Reason;
      sizes[at + 1] = sizes[at] as number;
      at -= 1;
    }
    reasons[at + 1] = reason;
    sizes[at + 1] = size;
  }
  const points = total / 100 + 0;
  return {
    total: points,
    max: 100,
    qualified: points >= 60,
    components: {
      bantt: { points: bantt / 100 + 0, max: 100 },
      fit: { points: fit / 100 + 0, max: 30 },
      behaviour: { points: behaviour / 100 + 0, max: 25 },
    },
    reasons,
  };
}

// The same result for every lead, or the comparison means nothing.
const shape = (result: { total: number; components: unknown; reasons: readonly Reason[] }) =>
  JSON.stringify([
    result.total,
    result.components,
    result.reasons.map(({ component, rule, kind, points }) => [component, rule, kind, points]),
  ]);
parsed.forEach((lead, index) => {
  if (
    shape(floor(lead)) !== shape(score(lead)) ||
    shape(interpreted(lead)) !== shape(score(lead))
  ) {
    throw new Error(
      `lead ${index}: createScorer, the interpreter and the hand-written scorer differ`,
    );
  }
});

const sides = { createScorer: score, interpreter: interpreted, 'hand-written': floor } as const;
type Side = keyof typeof sides;
const rates: Record<Side, number[]> = { createScorer: [], interpreter: [], 'hand-written': [] };
const names = Object.keys(sides) as Side[];
for (let round = 0; round < 16; round += 1) {
  // Each side starts a round in turn, so that none is always first after the others.
  const order = names.map((_, at) => names[(at + round) % names.length] as Side);
  for (const side of order) {
    const run = sides[side];
    const start = process.cpuUsage();
    for (const lead of parsed) run(lead);
    const used = process.cpuUsage(start);
    rates[side].push(LEADS / ((used.user + used.system) / 1e6));
  }
}
for (const [side, list] of Object.entries(rates)) {
  const median = [...list].sort((a, b) => a - b)[list.length >> 1] as number;
  console.log(
    `${side.padEnd(13)} ${Math.round(median).toLocaleString('en')} leads per CPU second (Dates; median of 16 interleaved rounds)`,
  );
}
