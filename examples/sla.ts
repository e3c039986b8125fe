// Seed 002's Marketing–Sales SLA as config, evaluated on a handful of leads: the breach table and
// the at-risk list a manager acts on today.
import { defineSla, evaluateSla, type JourneyInput, presets } from 'buying-pipeline';

const sla = defineSla(
  {
    calendar: {
      timeZone: 'America/New_York',
      workdays: [1, 2, 3, 4, 5],
      hours: { start: '09:00', end: '17:00' },
      holidays: ['2026-05-25', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25'],
    },
    rules: [
      {
        id: 'follow-up',
        owner: 'sales',
        kind: 'response',
        description: 'Sales calls every qualified lead within 2 business days',
        trigger: { stage: 'qualified_lead' },
        response: { activity: { kinds: ['call'], by: ['sales'] } },
        within: { businessDays: 2 },
        warnBefore: { businessHours: 4 },
      },
      {
        id: 'accept-or-return',
        owner: 'sales',
        kind: 'response',
        description:
          'Sales turns a qualified lead into a Stage 1 prospect or hands it back within 10 business days',
        trigger: { stage: 'qualified_lead' },
        response: { stage: 'prospect' },
        within: { businessDays: 10 },
      },
      {
        id: 'renurture',
        owner: 'marketing',
        kind: 'response',
        description: 'Marketing takes back every recycled lead within 5 business days',
        trigger: { outcome: 'recycled' },
        response: { activity: { by: ['marketing'] } },
        within: { businessDays: 5 },
      },
      {
        id: 'lead-volume',
        owner: 'marketing',
        kind: 'volume',
        description: 'Marketing delivers at least 3 qualified leads a month',
        stage: 'qualified_lead',
        per: 'month',
        atLeast: 3,
      },
      {
        id: 'why-discontinued',
        owner: 'sales',
        kind: 'reasonRequired',
        description: 'Every lost, disqualified or recycled lead says why',
      },
      {
        id: 'three-attempts',
        owner: 'sales',
        kind: 'minAttempts',
        description: 'Three sales attempts before a lead is disqualified or recycled',
        attempts: 3,
        activity: { by: ['sales'] },
      },
    ],
  },
  { pipeline: presets.buyingPipeline },
);

const call = (at: string) => ({ type: 'activity', kind: 'call', by: 'sales', at }) as const;
const journeys: JourneyInput[] = [
  {
    id: 'acme',
    attributes: { agent: 'dana' },
    events: [
      { type: 'stage', stage: 'qualified_lead', at: '2026-03-06T16:00:00-05:00' },
      call('2026-03-10T15:30:00-04:00'),
      { type: 'stage', stage: 'prospect', at: '2026-03-12T11:00:00-04:00' },
    ],
  },
  {
    id: 'globex',
    attributes: { agent: 'dana' },
    events: [
      { type: 'stage', stage: 'qualified_lead', at: '2026-03-13T10:00:00-04:00' },
      call('2026-03-18T09:30:00-04:00'),
      call('2026-03-19T09:30:00-04:00'),
      { type: 'outcome', outcome: 'disqualified', at: '2026-03-19T10:00:00-04:00' },
    ],
  },
  {
    id: 'initech',
    attributes: { agent: 'sam' },
    events: [
      { type: 'stage', stage: 'qualified_lead', at: '2026-03-20T14:00:00-04:00' },
      call('2026-03-23T10:00:00-04:00'),
      call('2026-03-24T10:00:00-04:00'),
      call('2026-03-25T10:00:00-04:00'),
      { type: 'outcome', outcome: 'recycled', at: '2026-03-25T11:00:00-04:00', reason: 'timing' },
    ],
  },
  {
    id: 'umbrella',
    attributes: { agent: 'sam' },
    events: [{ type: 'stage', stage: 'qualified_lead', at: '2026-03-30T13:00:00-04:00' }],
  },
  {
    id: 'hooli',
    attributes: { agent: 'dana' },
    events: [{ type: 'stage', stage: 'qualified_lead', at: '2026-03-31T10:00:00-04:00' }],
  },
];

const result = evaluateSla(sla, presets.buyingPipeline, journeys, {
  asOf: '2026-04-01T14:00:00-04:00',
});

for (const rule of result.rules) {
  const compliance = rule.compliance === null ? '—' : `${Math.round(rule.compliance * 100)}%`;
  console.log(
    `${rule.id.padEnd(17)} ${rule.owner.padEnd(9)} met ${rule.met} breached ${rule.breached} at risk ${rule.atRisk} pending ${rule.pending} withdrawn ${rule.withdrawn}  compliance ${compliance}`,
  );
}
console.log('\nbreaches:');
for (const breach of result.breaches) {
  console.log(
    `| ${breach.rule} | ${breach.journey ?? '—'} | ${breach.dueAt.toISOString()} | ${breach.resolvedAt?.toISOString() ?? 'open'} | ${breach.lateByHours ?? '—'} | ${breach.detail} |`,
  );
}
console.log('\nat risk:', result.atRisk);
console.log('by owner:', result.byOwner);
