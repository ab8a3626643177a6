/**
 * The learned half of the risk engine: read declarations in the dataset layout, train the two-head model (fraud,
 * critical fraud), score, explain and evaluate. Pure: no I/O here; the CLI and the server do the reading and writing.
 */
export type {
  Declaration,
  GoodsItem,
  InspectionLabel,
  LabelledDeclaration,
  Party,
  PartyIdScheme,
} from './declaration';
export {
  DATASET_COLUMNS,
  DatasetLayoutError,
  assertDatasetHeader,
  estimateDutyAtStake,
  readDeclarationRecord,
  readDeclarations,
  readInspectionLabel,
  readLabelledDeclarations,
  type DatasetRecord,
} from './csv-layout';
export {
  HEAD_NAMES,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  evaluateModel,
  evaluateScores,
  resolveTrainingParams,
  scoreDeclarations,
  trainRiskModel,
  trainRiskModelInParallel,
  truncateModel,
  type HeadName,
  type HeadParams,
  type RiskHead,
  type RiskModel,
  type RiskScores,
  type TrainRiskModelOptions,
  type TrainingParams,
  type TrainingPreset,
  type TrainingProgress,
} from './model';
export { ModelFormatError, parseModel, serializeModel } from './model-format';
export {
  explainContributions,
  explainDeclaration,
  type Contributions,
  type ExplainOptions,
  type Reason,
  type ReasonLanguage,
} from './reasons';
export {
  INSPECTION_SHARES,
  computeAuc,
  evaluateRanking,
  type Evaluation,
  type HeadEvaluation,
  type SelectionMetrics,
} from './metrics';
