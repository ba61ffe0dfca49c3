export type {
  Instant,
  MemberKind,
  ModuleTrainingStatus,
  TrainingBlock,
  TrainingBlockCode,
  TrainingCompletion,
  TrainingMember,
  TrainingModuleRule,
  TrainingReadiness,
  TrainingStatus,
} from './training-readiness';
export {
  MEMBER_KINDS,
  TRAINING_STATUSES,
  requiredModulesFor,
  trainingReadiness,
  trainingStatus,
} from './training-readiness';
