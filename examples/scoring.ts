// Lead scoring: the seed's BANTT preset, a fit + behaviour model with decay and grades, the
// threshold table Marketing and Sales tune together, and fit points learned from history.
import {
  calibrateThreshold,
  createScorer,
  defineScoringModel,
  learnFitModel,
  scoreLead,
  scoringPresets,
} from 'buying-pipeline';

const asOf = '2026-03-31T00:00:00Z';

// 1. BANTT (seed 002): 20 points per dimension, handed to Sales at 75.
const bantt = scoreLead(
  scoringPresets.bantt,
  {
    answers: {
      budget: 'confirmed',
      authority: 'confirmed',
      need: 'confirmed',
      timeframe: 'indicated',
      trust: 'indicated',
    },
  },
  { asOf },
);
console.log(`BANTT: ${bantt.total} of ${bantt.max}, qualified: ${bantt.qualified}`);

// 2. One model per product line: fit (who) and behaviour (what they did, cooling down).
const analytics = defineScoringModel({
  id: 'analytics',
  fit: {
    rules: [
      { id: 'enterprise', when: { field: 'employees', op: '>=', value: 500 }, points: 25 },
      { id: 'buyer-title', when: { field: 'title', op: 'contains', value: 'VP' }, points: 15 },
      { id: 'competitor', when: { field: 'domain', op: 'in', value: ['rival.com'] }, points: -40 },
    ],
    cap: 40,
  },
  behaviour: {
    rules: [
      { id: 'pricing', event: 'pricing_page_visit', points: 5, repeatable: true, cap: 20 },
      { id: 'webinar', event: 'webinar_attended', points: 15, withinDays: 90 },
      { id: 'demo', event: 'demo_requested', points: 30 },
      { id: 'unsubscribed', event: 'unsubscribe', points: -25 },
    ],
    decay: { halfLifeDays: 30 },
    cap: 60,
  },
  threshold: 50,
  grades: {
    fit: [
      { label: 'A', min: 35 },
      { label: 'B', min: 20 },
      { label: 'C', min: 10 },
      { label: 'D', min: 0 },
    ],
    engagement: [
      { label: '1', min: 40 },
      { label: '2', min: 20 },
      { label: '3', min: 5 },
      { label: '4', min: 0 },
    ],
  },
});

const lead = {
  attributes: { employees: 1200, title: 'VP Marketing' },
  events: [
    { type: 'behaviour' as const, at: '2026-03-30T09:00:00Z', name: 'pricing_page_visit' },
    { type: 'behaviour' as const, at: '2026-03-02T16:00:00Z', name: 'webinar_attended' },
    { type: 'behaviour' as const, at: '2026-03-25T11:00:00Z', name: 'demo_requested' },
  ],
};
const score = scoreLead(analytics, lead, { asOf });
console.log(`analytics: ${score.total} (${score.grade?.cell}), qualified: ${score.qualified}`);
for (const reason of score.reasons) {
  console.log(`  ${reason.points >= 0 ? '+' : ''}${reason.points}  ${reason.detail}`);
}
// A month later, with nothing new, the behaviour has cooled down.
console.log('a month later:', scoreLead(analytics, lead, { asOf: '2026-04-30T00:00:00Z' }).total);

// 3. Calibrate the threshold with Sales: a synthetic history of 400 scored leads.
const score400 = createScorer(analytics, { asOf });
const history = Array.from({ length: 400 }, (_, index) => {
  const employees = (index * 37) % 2000;
  const visits = index % 7;
  const result = score400({
    attributes: { employees, title: index % 3 === 0 ? 'VP Ops' : 'Analyst' },
    events: Array.from({ length: visits }, (_, day) => ({
      type: 'behaviour' as const,
      at: new Date(Date.UTC(2026, 2, 30 - day * 4)),
      name: 'pricing_page_visit',
    })),
  });
  // Converted more often with a higher score: a deterministic pattern for the example.
  return { score: result.total, converted: (index * 7919) % 100 < result.total };
});
const table = calibrateThreshold(history, {
  thresholds: [20, 30, 40, 50, 60],
  targetPrecision: 0.5,
});
console.log(`AUC ${table.auc?.toFixed(3)}; recommended threshold: ${table.recommend?.threshold}`);
for (const row of table.rows) {
  console.log(
    `  ≥ ${row.threshold}: ${row.volume} leads, ${((row.precision ?? 0) * 100).toFixed(0)}% convert, recall ${((row.recall ?? 0) * 100).toFixed(0)}%`,
  );
}

// 4. Learn fit points from history (naive-Bayes log-odds) and use them as a fit component.
const sources = ['Referral', 'Webinar', 'Paid search', 'Trade show'];
const past = Array.from({ length: 600 }, (_, index) => {
  const source = sources[index % 4] as string;
  const rate = { Referral: 0.5, Webinar: 0.3, 'Paid search': 0.1, 'Trade show': 0.2 }[source] ?? 0;
  return { attributes: { source }, converted: (index * 7919) % 1000 < rate * 1000 };
});
const learned = learnFitModel(past, { fields: ['source'] });
for (const rule of learned.fit.rules) console.log(`  ${rule.id}: ${rule.points} points`);
const learnedModel = defineScoringModel({ id: 'learned', fit: learned.fit, threshold: 50 });
console.log(
  'a referral lead:',
  scoreLead(learnedModel, { attributes: { source: 'Referral' } }, { asOf }).total,
);
