/**
 * buying-pipeline: one buying pipeline from target to customer, with shared stage definitions,
 * the Marketing–Sales handoff and the journey model every calculator reads. The core is pure:
 * no clock, no I/O, no Node built-ins.
 *
 * @packageDocumentation
 */

// Business calendars (src/calendar)
export { addBusinessTime } from './calendar/addBusinessTime.js';
export { businessCalendar } from './calendar/businessCalendar.js';
export { businessTimeBetween } from './calendar/businessTimeBetween.js';
export type {
  BusinessCalendar,
  BusinessCalendarConfig,
  BusinessDuration,
  WorkingHours,
} from './calendar/types.js';
export type {
  CustomerAccount,
  CustomerValueOptions,
  CustomerValueResult,
} from './economics/customerValue.js';
export { customerValue } from './economics/customerValue.js';
export type {
  EntryMix,
  EntryPeriod,
  EntryPointsOptions,
  EntryPointsResult,
  EntrySource,
  EntryStage,
} from './economics/entryPoints.js';
export { entryPoints } from './economics/entryPoints.js';
// Campaign economics (src/economics): spend, cost per stage, acquisition cost and return by
// program, customer value, recycling and entry points.
export type {
  ProgramConversion,
  ProgramEconomics,
  ProgramEconomicsOptions,
  ProgramEconomicsResult,
  ProgramStage,
} from './economics/programEconomics.js';
export { programEconomics } from './economics/programEconomics.js';
export type {
  RecyclingAfterwards,
  RecyclingFigures,
  RecyclingOptions,
  RecyclingResult,
  RecyclingStage,
} from './economics/recycling.js';
export { recycling } from './economics/recycling.js';
export type { Spend, SpendInput } from './economics/spend.js';
export { parseSpend } from './economics/spend.js';
export type { IssuePath, PipelineErrorCode, PipelineIssue } from './errors/PipelineError.js';
export { formatPath, isPipelineError, PipelineError } from './errors/PipelineError.js';
// Forecasting: push rate, slippage, waterfall, forecast accuracy, coverage, sales velocity,
// stage win probabilities and the weighted pipeline.
export type { ChainGap } from './forecasting/absorbingChain.js';
export type {
  AccuracyFigures,
  ForecastAccuracyOptions,
  ForecastAccuracyResult,
  ForecastPeriod,
  PeriodAccuracy,
} from './forecasting/forecastAccuracy.js';
export { forecastAccuracy } from './forecasting/forecastAccuracy.js';
export type { ForecastCategory } from './forecasting/forecastCategory.js';
export { forecastCategories } from './forecasting/forecastCategory.js';
export type {
  PipelineCoverageOptions,
  PipelineCoverageResult,
} from './forecasting/pipelineCoverage.js';
export { pipelineCoverage } from './forecasting/pipelineCoverage.js';
export type {
  PipelineWaterfallOptions,
  WaterfallBar,
  WaterfallResult,
} from './forecasting/pipelineWaterfall.js';
export { pipelineWaterfall } from './forecasting/pipelineWaterfall.js';
export type { PushedDeal, PushRateOptions, PushRateResult } from './forecasting/pushRate.js';
export { pushRate } from './forecasting/pushRate.js';
export type { SalesVelocityOptions, SalesVelocityResult } from './forecasting/salesVelocity.js';
export { salesVelocity } from './forecasting/salesVelocity.js';
export type { SlippageOptions, SlippedDeal } from './forecasting/slippage.js';
export { slippage } from './forecasting/slippage.js';
export type {
  StageWinProbabilitiesOptions,
  StageWinProbabilitiesResult,
  StageWinProbability,
} from './forecasting/stageWinProbabilities.js';
export { stageWinProbabilities } from './forecasting/stageWinProbabilities.js';
export type {
  WeightedFigures,
  WeightedPipelineOptions,
  WeightedPipelineResult,
} from './forecasting/weightedPipeline.js';
export { weightedPipeline } from './forecasting/weightedPipeline.js';
export type { EventRow, JourneysFromEventsOptions } from './journey/journeysFromEvents.js';
export { journeysFromEvents } from './journey/journeysFromEvents.js';
export type { ParseJourneyOptions } from './journey/parseJourney.js';
export { parseJourney } from './journey/parseJourney.js';
export type {
  JourneyStatus,
  JourneySummary,
  StageEntry,
  SummarizeJourneyOptions,
} from './journey/summarizeJourney.js';
export { summarizeJourney } from './journey/summarizeJourney.js';
export type { AnomalyKind } from './journey/track.js';
export type {
  ActivityEvent,
  ActivityEventInput,
  AttributeValue,
  BehaviourEvent,
  BehaviourEventInput,
  ForecastEvent,
  ForecastEventInput,
  Journey,
  JourneyEvent,
  JourneyEventInput,
  JourneyInput,
  OutcomeEvent,
  OutcomeEventInput,
  StageEvent,
  StageEventInput,
} from './journey/types.js';
export type { FunnelAccumulator, FunnelAccumulatorJSON } from './metrics/accumulator.js';
export { createFunnelAccumulator, funnelAccumulatorFromJSON } from './metrics/accumulator.js';
export type {
  ConversionGroup,
  ConversionOptions,
  ConversionOverall,
  ConversionResult,
  ConversionRow,
} from './metrics/conversion.js';
export { conversion } from './metrics/conversion.js';
export type { DealMetricsOptions, DealMetricsResult, DealShare } from './metrics/dealMetrics.js';
export { dealMetrics } from './metrics/dealMetrics.js';
export type {
  LeakageFigures,
  LeakageOptions,
  LeakageResult,
  LeakageStage,
} from './metrics/leakage.js';
export { leakage } from './metrics/leakage.js';
export type { CohortOptions, FunnelOptions, Window } from './metrics/options.js';
export type { RateInterval } from './metrics/ratio.js';
export type { FunnelAnomaly, FunnelReport } from './metrics/report.js';
export { funnelReport } from './metrics/report.js';
export type { StaleJourney, StaleOptions } from './metrics/stale.js';
export { stale } from './metrics/stale.js';
export type { FunnelStateJSON } from './metrics/stateJson.js';
export type {
  TimeInStage,
  VelocityOptions,
  VelocityResult,
  VelocityStage,
} from './metrics/velocity.js';
export { velocity } from './metrics/velocity.js';
export type { WinFigures, WinRateOptions, WinRateResult } from './metrics/winRate.js';
export { winRate } from './metrics/winRate.js';
export type { Decimal, MoneyInput } from './money/money.js';
export type {
  AllCondition,
  AnyCondition,
  Condition,
  ConditionOperator,
  ConditionScalar,
  FieldCondition,
  NotCondition,
} from './pipeline/condition.js';
export { definePipeline } from './pipeline/definePipeline.js';
export type { ConditionFailure, ConditionResult, Facts } from './pipeline/evaluateCondition.js';
export { evaluateCondition } from './pipeline/evaluateCondition.js';
export { getStage } from './pipeline/getStage.js';
export { meetsCriteria } from './pipeline/meetsCriteria.js';
export { nextStage } from './pipeline/nextStage.js';
export { presets } from './pipeline/presets.js';
export { previousStage } from './pipeline/previousStage.js';
export { hasStage, stageIndex } from './pipeline/stageIndex.js';
export { stageOwner } from './pipeline/stageOwner.js';
export { stagesOwnedBy } from './pipeline/stagesOwnedBy.js';
export type {
  Actor,
  OutcomeConfig,
  OutcomeKind,
  Owner,
  Pipeline,
  PipelineConfig,
  Stage,
  StageConfig,
  StageStep,
} from './pipeline/types.js';
export type { DurationSource, DurationsInput } from './planning/durations.js';
export type {
  PlanAssumptions,
  PlanStage,
  RevenuePlan,
  TooLateStage,
} from './planning/planFromRevenue.js';
export { planFromRevenue } from './planning/planFromRevenue.js';
export type { PlanFromRevenueInput } from './planning/planInput.js';
export type {
  ProjectedStage,
  ProjectForwardInput,
  Projection,
} from './planning/projectForward.js';
export { projectForward } from './planning/projectForward.js';
export type { RateEvidence, RateInput, RateSource, RatesInput } from './planning/rates.js';
// Planning: from a revenue goal back to the pipeline, budget and people it needs, and forward.
export { requiredTrials } from './planning/requiredTrials.js';
// Lead scoring (src/scoring): BANTT, fit and behaviour, explained, calibrated and learned from history.
export type {
  CalibrateThresholdOptions,
  CalibrationResult,
  CalibrationRow,
  ScoreSample,
} from './scoring/calibrateThreshold.js';
export { calibrateThreshold } from './scoring/calibrateThreshold.js';
export type { CreateScorerOptions, LeadScorer } from './scoring/createScorer.js';
export { createScorer } from './scoring/createScorer.js';
export { defineScoringModel } from './scoring/defineScoringModel.js';
export type {
  FitSample,
  LearnedFitModel,
  LearnedValue,
  LearnFitModelOptions,
} from './scoring/learnFitModel.js';
export { learnFitModel } from './scoring/learnFitModel.js';
export { scoringPresets } from './scoring/presets.js';
export type { ScoreLeadOptions } from './scoring/scoreLead.js';
export { scoreLead } from './scoring/scoreLead.js';
export type {
  AnswerLevels,
  BanttConfig,
  BanttDimensionConfig,
  BehaviourConfig,
  BehaviourRule,
  ComponentScore,
  FitConfig,
  FitRule,
  GradeBand,
  GradeConfig,
  LeadGrade,
  LeadScore,
  ScoreComponent,
  ScoreDecay,
  ScoreReason,
  ScoringLead,
  ScoringModel,
  ScoringModelConfig,
} from './scoring/types.js';
// Marketing–Sales SLA (src/sla)
export type { DefineSlaOptions } from './sla/defineSla.js';
export { defineSla } from './sla/defineSla.js';
export type {
  EvaluateSlaOptions,
  SlaAtRisk,
  SlaBreach,
  SlaResult,
  SlaRuleResult,
  SlaTally,
} from './sla/evaluateSla.js';
export { evaluateSla } from './sla/evaluateSla.js';
export type { SlaScore } from './sla/journeyRules.js';
export type {
  ActivityMatch,
  MaxTimeInStageRule,
  MinAttemptsRule,
  ReasonRequiredRule,
  ResponseRule,
  Sla,
  SlaConfig,
  SlaDuration,
  SlaOwner,
  SlaResponse,
  SlaRule,
  SlaRuleBase,
  SlaTrigger,
  VolumeRule,
} from './sla/types.js';
export { binomialTail } from './stats/binomialTail.js';
export type { CumulativeIncidenceResult } from './stats/cumulativeIncidence.js';
export { cumulativeIncidence } from './stats/cumulativeIncidence.js';
export type { Interval, IntervalOptions } from './stats/interval.js';
export { jeffreysInterval, wilsonInterval } from './stats/interval.js';
export type { KaplanMeierResult } from './stats/kaplanMeier.js';
export { kaplanMeier } from './stats/kaplanMeier.js';
export { normalQuantile } from './stats/normalQuantile.js';
export { quantile } from './stats/quantile.js';
export type { DurationSummary } from './stats/summarizeDurations.js';
export { summarizeDurations } from './stats/summarizeDurations.js';
export { daysBetween } from './time/days.js';
export type { DateInput } from './time/readDate.js';
export { toDate } from './time/toDate.js';
