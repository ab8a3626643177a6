/** The weekly selection simulation (DATE-style: select, reveal the selected labels, retrain). */
export {
  groupByWeek,
  planSimulation,
  runWeeklySimulation,
  weekStartOf,
  type RiskTrainer,
  type Scorer,
  type SelectionOutcome,
  type SimulationPlan,
  type SimulationResult,
  type WeeklySimulationOptions,
  type WeekResult,
} from './weekly-simulation';
export { trainBaselineScorer } from './baseline-scorer';
