import { TrainingAndProfiles1795432782259 } from './1795432782259-training-and-profiles';
import { PeopleOrganisationsAccess1795426337990 } from './1795426337990-people-organisations-access';
import { Initial1795425602988 } from './1795425602988-initial';
import type { MigrationInterface } from 'typeorm';

// Migrations in the order they apply. A landed migration is never edited: add a new file.
export const migrations: (new () => MigrationInterface)[] = [
  Initial1795425602988,
  PeopleOrganisationsAccess1795426337990,
  TrainingAndProfiles1795432782259,
];
