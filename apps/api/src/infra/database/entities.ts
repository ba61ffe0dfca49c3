import { Session } from '../../modules/auth/entities/session.entity';
import { RefreshToken } from '../../modules/auth/entities/refresh-token.entity';
import { Member } from '../../modules/members/entities/member.entity';
import { Organisation } from '../../modules/organisations/entities/organisation.entity';
import { Team } from '../../modules/organisations/entities/team.entity';

/** Every entity, listed once: Nest, the migration runner and the drift check read this list. */
export const entities = [Organisation, Team, Member, Session, RefreshToken];
