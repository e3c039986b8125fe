import { definePipeline } from './definePipeline.js';
import type { Pipeline } from './types.js';

/**
 * Seed 000's buying pipeline, from target to customer. Marketing owns target to lead, Sales owns
 * qualified lead to customer; the qualified lead is the handoff. Steps and tools follow the seed:
 * awareness at target and contact ("people buy from people they know"), familiarity at suspect
 * and lead ("people buy from people they like"), joint qualification at the lead stage, and the
 * appointment, sales call and contract from prospect to customer.
 */
const buyingPipeline = /* @__PURE__ */ definePipeline({
  id: 'buying-pipeline',
  name: 'Buying pipeline',
  description: 'One customer-centric pipeline from target to customer (seed 000).',
  stages: [
    {
      id: 'target',
      name: 'Target',
      owner: 'marketing',
      description: 'In the defined target audience, not yet touched.',
      steps: [
        {
          actor: 'marketing',
          description: 'Define the target audience and reach it',
          tools: ['target list'],
        },
      ],
    },
    {
      id: 'contact',
      name: 'Contact',
      owner: 'marketing',
      description: 'Touched by a marketing program: aware of the company and product.',
      steps: [
        {
          actor: 'marketing',
          description: 'Create awareness of the company and product',
          tools: ['advertising', 'trade shows', 'e-mail'],
        },
      ],
    },
    {
      id: 'suspect',
      name: 'Suspect',
      owner: 'marketing',
      description: 'Responded to a program; may have a need.',
      steps: [
        { actor: 'buyer', description: 'Responds to a program' },
        {
          actor: 'marketing',
          description: 'Make the audience familiar with the company and product',
          tools: ['newsletters', 'articles', 'webinars'],
        },
      ],
    },
    {
      id: 'lead',
      name: 'Lead',
      owner: 'marketing',
      description: 'Shows interest; Marketing and Sales decide together whether it is qualified.',
      steps: [
        { actor: 'buyer', description: 'Asks for information or engages with content' },
        {
          actor: 'marketing',
          description: 'Nurture and score the lead against the agreed criteria',
          tools: ['lead scoring', 'e-mail', 'tele-response'],
        },
        { actor: 'sales', description: 'Agree with Marketing which leads are qualified' },
      ],
    },
    {
      id: 'qualified_lead',
      name: 'Qualified lead',
      owner: 'sales',
      description:
        'Meets the agreed qualification threshold; Sales takes the helm, Marketing supports.',
      steps: [
        {
          actor: 'sales',
          description: 'Follow up and schedule an appointment',
          tools: ['presentations'],
        },
        { actor: 'marketing', description: 'Support with the lead history and campaign context' },
      ],
    },
    {
      id: 'prospect',
      name: 'Prospect',
      owner: 'sales',
      description: 'A bona fide prospect considering a purchase.',
      steps: [
        { actor: 'sales', description: 'Sales call', tools: ['presentations', 'demos', 'samples'] },
        { actor: 'buyer', description: 'Moves from consideration to purchase' },
        {
          actor: 'sales',
          description: 'Propose and negotiate',
          tools: ['price lists', 'promotions', 'trials'],
        },
      ],
    },
    {
      id: 'customer',
      name: 'Customer',
      owner: 'sales',
      description: 'Signed a contract or purchased.',
      steps: [{ actor: 'buyer', description: 'Signs the contract or purchases' }],
    },
  ],
  handoff: 'qualified_lead',
});

/**
 * The demand waterfall: inquiry, marketing-qualified lead, sales-accepted lead, sales-qualified
 * lead, won. Sales accepts at SAL, the handoff. The MQL is the "ideal lead" Marketing and Sales
 * agree on (seed 003: for example one that asks for a demo or pricing), reached by implicit and
 * explicit scoring.
 */
const demandWaterfall = /* @__PURE__ */ definePipeline({
  id: 'demand-waterfall',
  name: 'Demand waterfall',
  description: 'Inquiry → MQL → SAL → SQL → won.',
  stages: [
    {
      id: 'inquiry',
      name: 'Inquiry',
      owner: 'marketing',
      description: 'A raw response: a form fill, a download, a booth visit.',
      steps: [
        {
          actor: 'buyer',
          description: 'Responds to a campaign',
          tools: ['web forms', 'content offers'],
        },
      ],
    },
    {
      id: 'mql',
      name: 'Marketing-qualified lead',
      owner: 'marketing',
      description:
        'Meets the agreed ideal-lead definition, by implicit (behaviour) and explicit (fit) scoring.',
      steps: [
        {
          actor: 'marketing',
          description: 'Score and nurture until the agreed threshold',
          tools: ['marketing automation', 'lead scoring'],
        },
        { actor: 'buyer', description: 'Asks for a demo or for pricing' },
      ],
    },
    {
      id: 'sal',
      name: 'Sales-accepted lead',
      owner: 'sales',
      description: 'Sales has accepted the lead and committed to follow it up.',
      steps: [
        {
          actor: 'sales',
          description: 'Accept or reject the lead with a reason, and follow up',
          tools: ['CRM'],
        },
      ],
    },
    {
      id: 'sql',
      name: 'Sales-qualified lead',
      owner: 'sales',
      description: 'Sales has qualified a real opportunity.',
      steps: [
        {
          actor: 'sales',
          description: 'Qualify budget, authority, need and timing',
          tools: ['discovery call', 'demos'],
        },
      ],
    },
    {
      id: 'won',
      name: 'Won',
      owner: 'sales',
      description: 'Closed won.',
      steps: [{ actor: 'buyer', description: 'Signs the contract' }],
    },
  ],
  handoff: 'sal',
});

/**
 * Seed 002's nurture process: a responder becomes a lead, is nurtured by tele-response and e-mail,
 * scored with BANTT and handed to Sales as a Stage 1 opportunity once it passes the agreed
 * threshold (for example 75 of 100). The seed's five-step nurture example is not in its text; the
 * nurture steps here (contacted, engaged, qualified) are our reading of it, owned jointly by
 * Marketing and the inside-sales nurture team.
 */
const nurture = /* @__PURE__ */ definePipeline({
  id: 'nurture',
  name: 'Nurture pipeline',
  description: 'Responder → lead → nurture steps → Stage 1 (seed 002).',
  stages: [
    {
      id: 'responder',
      name: 'Responder',
      owner: 'marketing',
      description: 'Responded to a campaign or stopped by the booth.',
      steps: [
        {
          actor: 'buyer',
          description: 'Responds to a campaign',
          tools: ['trade shows', 'e-mail campaigns'],
        },
      ],
    },
    {
      id: 'lead',
      name: 'Lead',
      owner: 'marketing',
      description: 'Expressed interest in the products and services.',
      steps: [{ actor: 'buyer', description: 'Expresses interest' }],
    },
    {
      id: 'nurture_contacted',
      name: 'Nurture: contacted',
      owner: 'shared',
      description: 'The nurture team has reached the lead.',
      steps: [
        {
          actor: 'sales',
          description: 'Call and e-mail the lead',
          tools: ['tele-response', 'personalised e-mail'],
        },
      ],
    },
    {
      id: 'nurture_engaged',
      name: 'Nurture: engaged',
      owner: 'shared',
      description: 'In a dialogue; BANTT questions under way.',
      steps: [
        { actor: 'sales', description: 'Ask the BANTT questions', tools: ['BANTT question flow'] },
      ],
    },
    {
      id: 'nurture_qualified',
      name: 'Nurture: qualified',
      owner: 'shared',
      description: 'BANTT score at or above the threshold agreed in the SLA.',
      steps: [
        {
          actor: 'marketing',
          description: 'Hand off with the campaign history and a follow-up strategy',
        },
      ],
    },
    {
      id: 'stage_1',
      name: 'Stage 1',
      owner: 'sales',
      description: 'A validated opportunity at the top of the sales pipeline.',
      steps: [
        {
          actor: 'sales',
          description: 'Follow up and work the opportunity',
          tools: ['CRM', 'coaching reviews'],
        },
      ],
    },
  ],
  handoff: 'stage_1',
});

/**
 * The pipelines that ship with the library.
 *
 * - `buyingPipeline`: seed 000's target → contact → suspect → lead → qualified lead → prospect → customer.
 * - `demandWaterfall`: inquiry → MQL → SAL → SQL → won.
 * - `nurture`: seed 002's responder → lead → nurture steps → Stage 1.
 *
 * @example
 * ```ts
 * presets.buyingPipeline.stages.map((stage) => stage.id);
 * //=> ['target', 'contact', 'suspect', 'lead', 'qualified_lead', 'prospect', 'customer']
 * presets.demandWaterfall.handoff; //=> 'sal'
 * ```
 */
export const presets: {
  /** Seed 000's buying pipeline: target → contact → suspect → lead → qualified lead (handoff) → prospect → customer. */
  readonly buyingPipeline: Pipeline;
  /** The demand waterfall: inquiry → MQL → SAL (handoff) → SQL → won. */
  readonly demandWaterfall: Pipeline;
  /** Seed 002's nurture pipeline: responder → lead → nurture steps → Stage 1 (handoff). */
  readonly nurture: Pipeline;
} = { buyingPipeline, demandWaterfall, nurture };
