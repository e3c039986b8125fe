// A deterministic scoring model and leads for the scoring benchmarks: 20 rules (5 BANTT
// dimensions, 8 fit rules, 7 behaviour rules with decay); each lead has answers, 4 attributes and
// 10 behaviour events. With `--dist` on the command line the built package (dist/, what users
// run: no tsx wrappers) is scored instead of the sources; build it first (`npm run build`).
import { fileURLToPath } from 'node:url';
import type * as Library from '../src/index.js';
import type { ScoringLead, ScoringModelConfig } from '../src/index.js';

/** Where the scorer comes from: `dist` (the built package) or `src` (through tsx). */
export const from = process.argv.includes('--dist') ? 'dist' : 'src';
// The built file is imported by path at run time, so the typecheck never needs a build.
const { createScorer, defineScoringModel }: typeof Library =
  from === 'dist'
    ? await import(fileURLToPath(new URL('../dist/index.js', import.meta.url)))
    : await import('../src/index.js');

export const LEADS = 100_000;
const DAY = 86_400_000;
export const asOf = Date.UTC(2026, 2, 31);

/** A small linear congruential generator: the same seed gives the same leads. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The model's config (plain data: another build of the library can define it too). */
export const modelConfig: ScoringModelConfig = {
  id: 'bench',
  bantt: {},
  fit: {
    rules: [
      { id: 'enterprise', when: { field: 'employees', op: '>=', value: 1000 }, points: 10 },
      {
        id: 'midmarket',
        when: {
          all: [
            { field: 'employees', op: '>=', value: 100 },
            { field: 'employees', op: '<', value: 1000 },
          ],
        },
        points: 6,
      },
      { id: 'vp', when: { field: 'title', op: 'contains', value: 'VP' }, points: 8 },
      { id: 'director', when: { field: 'title', op: 'contains', value: 'Director' }, points: 5 },
      {
        id: 'industry',
        when: { field: 'industry', op: 'in', value: ['saas', 'fintech', 'health'] },
        points: 6,
      },
      { id: 'country', when: { field: 'country', op: '=', value: 'DE' }, points: 3 },
      { id: 'student', when: { field: 'title', op: 'contains', value: 'Student' }, points: -15 },
      { id: 'no-country', when: { field: 'country', op: 'exists', value: false }, points: -2 },
    ],
    cap: 30,
  },
  behaviour: {
    rules: [
      { id: 'visit', event: 'page_visit', points: 1, repeatable: true, cap: 10 },
      { id: 'pricing', event: 'pricing_visit', points: 5, repeatable: true, cap: 15 },
      { id: 'webinar', event: 'webinar', points: 10 },
      { id: 'download', event: 'download', points: 6, withinDays: 60 },
      { id: 'demo', event: 'demo_request', points: 20 },
      { id: 'email', event: 'email_click', points: 2, repeatable: true, cap: 6 },
      { id: 'unsubscribe', event: 'unsubscribe', points: -20 },
    ],
    decay: { halfLifeDays: 30 },
    cap: 50,
  },
  weights: { behaviour: 0.5 },
  min: 0,
  max: 100,
  threshold: 60,
};

export const model = defineScoringModel(modelConfig);

const levels = ['confirmed', 'indicated', 'unknown'];
const names = [
  'page_visit',
  'pricing_visit',
  'webinar',
  'download',
  'demo_request',
  'email_click',
  'unsubscribe',
  'newsletter',
];
const titles = ['VP Sales', 'Director IT', 'Engineer', 'Student', 'CEO'];
const industries = ['saas', 'fintech', 'retail', 'health', 'manufacturing'];

export function generateLeads(count: number, dates: boolean): ScoringLead[] {
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: count }, () => ({
    answers: {
      budget: pick(levels),
      authority: pick(levels),
      need: pick(levels),
      timeframe: pick(levels),
      trust: pick(levels),
    },
    attributes: {
      employees: Math.floor(next() * 5000),
      title: pick(titles),
      industry: pick(industries),
      ...(next() < 0.8 ? { country: pick(['DE', 'FR', 'US']) } : {}),
    },
    events: Array.from({ length: 10 }, () => {
      const at = asOf - Math.floor(next() * 180 * DAY);
      return {
        type: 'behaviour' as const,
        name: pick(names),
        at: dates ? new Date(at) : new Date(at).toISOString(),
      };
    }),
  }));
}

export const parsed = generateLeads(LEADS, true);
export const text = generateLeads(LEADS, false);
export const score = createScorer(model, { asOf });
/** The same scorer without code generation: the interpreter alone. */
export const interpreted = createScorer(model, { asOf, generateCode: false });
