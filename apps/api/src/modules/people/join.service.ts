import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthService, type IssuedTokens } from '../auth/auth.service';
import { hashPassword } from '../auth/password-hasher';
import type { JoinInfoDto } from '../organisations/dto/fan-programme.dto';
import { FanProgrammeService } from '../organisations/fan-programme.service';
import type { JoinDto } from './dto/invitation.dto';
import { InvitationsRepository } from './invitations.repository';
import { isUniqueViolation } from './invitations.service';
import { assertAcceptablePassword } from './password-policy';
import { EmailTakenError } from './people.errors';

/** The public side of the fan programme: anyone with an open link becomes a fan advocate. */
@Injectable()
export class JoinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fanProgramme: FanProgrammeService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsRepository,
  ) {}

  async info(code: string): Promise<JoinInfoDto> {
    const programme = await this.fanProgramme.findOpen(code);
    return {
      organisationName: programme.organisationName,
      defaultLocale: programme.defaultLocale,
      open: true,
    };
  }

  async join(code: string, input: JoinDto, userAgent?: string): Promise<IssuedTokens> {
    const programme = await this.fanProgramme.findOpen(code);
    assertAcceptablePassword(input.password);
    const taken = await this.invitations.emailTaken(programme.organisationId, input.email);
    if (taken) throw new EmailTakenError();
    const passwordHash = await hashPassword(input.password);
    try {
      const member = await this.dataSource.transaction(async (manager) => {
        // Checked again inside: the admin may have closed the link while the password was hashed.
        const { organisationId } = await this.fanProgramme.findOpen(code, manager);
        const saved = await this.invitations.insertMember(manager, {
          organisationId,
          email: input.email,
          name: input.name,
          roles: ['advocate'],
          kind: 'fan',
          status: 'active',
          teamId: null,
          locale: input.locale ?? programme.defaultLocale,
          passwordHash,
        });
        await this.audit.record(
          {
            organisationId,
            actorId: saved.id,
            action: 'member.joined',
            target: { type: 'member', id: saved.id },
          },
          manager,
        );
        return saved;
      });
      return await this.auth.startSession(member, userAgent);
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  }
}
