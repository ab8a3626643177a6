/** Rules and profiles: the format (zod), the evaluator and the shipped green-customs profiles. */
export {
  agencyCodeSchema,
  localizedTextSchema,
  ruleActionSchema,
  ruleConditionSchema,
  ruleFieldSchema,
  ruleOwnerSchema,
  ruleProfileSchema,
  ruleSchema,
  type LocalizedText,
  type Rule,
  type RuleAction,
  type RuleCondition,
  type RuleOwner,
  type RuleProfile,
  type RuleScalar,
} from './rule.schemas';
export { ruleFieldNames, ruleFields, type RuleField } from './rule-fields';
export {
  compileRules,
  evaluateRules,
  type CompiledRuleSet,
  type EvaluateRulesOptions,
  type RuleHit,
} from './rule-evaluator';
export {
  citesProfile,
  greenCustomsProfiles,
  hazardousWasteProfile,
  listedChemicalsProfile,
  ozoneDepletingSubstancesProfile,
} from './green-customs.profiles';
