// Names for the training shapes the web uses, taken from the generated document so they follow the API.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type MyTraining = Schemas['MyTrainingDto'];
export type TrainingItem = Schemas['TrainingStatusDto'];
export type TrainingStatus = TrainingItem['status'];
export type TrainingKind = TrainingItem['kind'];
export type TrainingModuleView = Schemas['TrainingModuleViewDto'];
export type QuizView = NonNullable<TrainingModuleView['quiz']>;
export type QuizQuestion = QuizView['questions'][number];
export type Answer = Schemas['AnswerDto'];
export type AttemptResult = Schemas['AttemptResultDto'];
export type Acceptance = Schemas['AcceptanceDto'];
export type Readiness = Schemas['ReadinessDto'];
export type TrainingBlock = Readiness['blocking'][number];
