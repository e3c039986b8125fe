// Define a pipeline, ask it questions, and check a lead against a stage's entry criteria.
import { definePipeline, meetsCriteria, nextStage, presets, stagesOwnedBy } from 'buying-pipeline';

const pipeline = definePipeline({
  id: 'saas-inbound',
  stages: [
    { id: 'visitor', owner: 'marketing' },
    { id: 'lead', owner: 'marketing', expectedDays: 7 },
    {
      id: 'mql',
      name: 'Marketing-qualified lead',
      owner: 'marketing',
      criteria: {
        all: [
          { field: 'employees', op: '>=', value: 50 },
          {
            any: [
              { field: 'title', op: 'contains', value: 'Head' },
              { field: 'title', op: 'contains', value: 'VP' },
            ],
          },
        ],
      },
    },
    {
      id: 'opportunity',
      owner: 'sales',
      steps: [{ actor: 'sales', description: 'Demo', tools: ['demo account'] }],
    },
    { id: 'customer', owner: 'sales' },
  ],
  outcomes: { lost: { reasons: ['price', 'competitor', 'no decision'] } },
});

console.log('handoff:', pipeline.handoff);
console.log('after mql comes:', nextStage(pipeline, 'mql')?.id);
console.log(
  'sales owns:',
  stagesOwnedBy(pipeline, 'sales')
    .map((stage) => stage.id)
    .join(', '),
);

for (const lead of [
  { title: 'VP Operations', employees: 400 },
  { title: 'Intern', employees: '30' },
]) {
  const result = meetsCriteria(pipeline, 'mql', lead);
  console.log(
    JSON.stringify(lead),
    result.holds ? 'qualifies' : `does not: ${result.failed.map((f) => f.message).join('; ')}`,
  );
}

console.log(
  'the seed pipeline:',
  presets.buyingPipeline.stages.map((stage) => `${stage.id} (${stage.owner})`).join(' → '),
);
