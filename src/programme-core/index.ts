/**
 * The programme module's pure engine: definitions and presets, questionnaire visibility and completeness, answer
 * validation, readiness self-check, tier proposal, benefits and legal-clock arithmetic. No I/O; the routes and
 * services that store applications build on these functions.
 */
export {
  ProgrammeDefinitionError,
  crossReferenceIssues,
  formatPath,
  parseProgrammeDefinition,
  type DefinitionIssue,
} from './programme-definition';
export * from './programme-definition.schemas';
export {
  PRESET_IDS,
  composePreset,
  isPresetId,
  listPresets,
  loadPreset,
  type PresetId,
  type PresetSummary,
} from './preset-registry';
export { isSme, type EnterpriseSize } from './sme-rule';
export {
  completeness,
  evaluateCondition,
  isAnswered,
  visibleQuestions,
  type AnswerMap,
  type AnswerRecord,
  type Completeness,
  type CompletenessCount,
  type MissingAnswer,
  type QuestionnaireContext,
  type VisibleQuestion,
} from './questionnaire-engine';
export { isIsoDate, validateAnswer, type AnswerFieldError, type AnswerValidation } from './answer-validation';
export {
  readinessCheck,
  type CriterionReadiness,
  type ReadinessReport,
  type ReadinessStatus,
  type SelfAssessment,
} from './readiness-check';
export {
  benefitsFor,
  proposeTier,
  scoreAnswers,
  type CriterionFinding,
  type TierEvidence,
  type TierProposal,
  type UnmetRule,
} from './tier-proposal';
export {
  DAY_MS,
  today,
  addDuration,
  computeDeadline,
  countDays,
  extendDeadline,
  isWorkingDay,
  pauseDeadline,
  type CalendarOptions,
  type DayCount,
} from './deadline-calendar';
