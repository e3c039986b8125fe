import { describe, expect, it } from 'vitest';
import { definePipeline, type Pipeline, presets, stageOwner } from '../../src/index.js';
import { unfrozenPaths } from '../helpers.js';

const ids = (pipeline: Pipeline) => pipeline.stages.map((stage) => stage.id);
const owners = (pipeline: Pipeline) =>
  Object.fromEntries(pipeline.stages.map((stage) => [stage.id, stage.owner]));

describe('presets.buyingPipeline', () => {
  const pipeline = presets.buyingPipeline;

  it('runs from target to customer', () => {
    expect(pipeline.id).toBe('buying-pipeline');
    expect(pipeline.name).toBe('Buying pipeline');
    expect(ids(pipeline)).toEqual([
      'target',
      'contact',
      'suspect',
      'lead',
      'qualified_lead',
      'prospect',
      'customer',
    ]);
    expect(pipeline.stages.map((stage) => stage.name)).toEqual([
      'Target',
      'Contact',
      'Suspect',
      'Lead',
      'Qualified lead',
      'Prospect',
      'Customer',
    ]);
  });

  it('hands off at the qualified lead: marketing owns target to lead, sales the rest', () => {
    expect(pipeline.handoff).toBe('qualified_lead');
    expect(owners(pipeline)).toEqual({
      target: 'marketing',
      contact: 'marketing',
      suspect: 'marketing',
      lead: 'marketing',
      qualified_lead: 'sales',
      prospect: 'sales',
      customer: 'sales',
    });
  });
});

describe('presets.demandWaterfall', () => {
  const pipeline = presets.demandWaterfall;

  it('runs inquiry, MQL, SAL, SQL, won and hands off at the SAL', () => {
    expect(pipeline.id).toBe('demand-waterfall');
    expect(ids(pipeline)).toEqual(['inquiry', 'mql', 'sal', 'sql', 'won']);
    expect(pipeline.handoff).toBe('sal');
    expect(owners(pipeline)).toEqual({
      inquiry: 'marketing',
      mql: 'marketing',
      sal: 'sales',
      sql: 'sales',
      won: 'sales',
    });
  });
});

describe('presets.nurture', () => {
  const pipeline = presets.nurture;

  it('runs responder, lead, three shared nurture steps, stage 1 and hands off at stage 1', () => {
    expect(pipeline.id).toBe('nurture');
    expect(ids(pipeline)).toEqual([
      'responder',
      'lead',
      'nurture_contacted',
      'nurture_engaged',
      'nurture_qualified',
      'stage_1',
    ]);
    expect(pipeline.handoff).toBe('stage_1');
    expect(owners(pipeline)).toEqual({
      responder: 'marketing',
      lead: 'marketing',
      nurture_contacted: 'shared',
      nurture_engaged: 'shared',
      nurture_qualified: 'shared',
      stage_1: 'sales',
    });
  });
});

describe.each([
  { preset: 'buyingPipeline', pipeline: presets.buyingPipeline },
  { preset: 'demandWaterfall', pipeline: presets.demandWaterfall },
  { preset: 'nurture', pipeline: presets.nurture },
] as const)('presets.$preset', ({ pipeline }) => {
  it('hands off at a stage that sales owns', () => {
    expect(stageOwner(pipeline, pipeline.handoff)).toBe('sales');
  });

  it('has an empty setting for each of the four outcomes', () => {
    expect(pipeline.outcomes).toStrictEqual({ won: {}, lost: {}, disqualified: {}, recycled: {} });
  });

  it('survives a JSON round trip through definePipeline', () => {
    const again = definePipeline(JSON.parse(JSON.stringify(pipeline)) as Pipeline);
    expect(again).toStrictEqual(pipeline);
    expect(again).not.toBe(pipeline);
  });

  it('is frozen down to each stage and its steps list', () => {
    expect(Object.isFrozen(pipeline)).toBe(true);
    expect(Object.isFrozen(pipeline.stages)).toBe(true);
    expect(pipeline.stages.every((stage) => Object.isFrozen(stage))).toBe(true);
    expect(pipeline.stages.every((stage) => Object.isFrozen(stage.steps))).toBe(true);
  });

  // The presets are shared by every importer: none may be able to rewrite them for the others.
  it('is deeply frozen, step objects included', () => {
    expect(unfrozenPaths(pipeline)).toEqual([]);
  });
});
