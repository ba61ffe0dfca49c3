// Names for the compliance shapes the web uses, taken from the generated document so they follow the API.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Compliance = Schemas['ComplianceDto'];
export type ComplianceGroup = Schemas['ComplianceGroupDto'];
export type TeamCompliance = Schemas['TeamComplianceDto'];
export type ModuleCompliance = Schemas['ModuleComplianceDto'];
export type LapsedTraining = Schemas['LapsedTrainingDto'];
export type TrainingModule = Schemas['TrainingModuleDto'];
export type TrainingModulePage = Schemas['TrainingModulePageDto'];
