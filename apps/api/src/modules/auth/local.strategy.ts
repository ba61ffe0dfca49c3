import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { Member } from '../members/entities/member.entity';
import { AuthService } from './auth.service';

/** Passport's local strategy: e-mail and password from the JSON body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }

  validate(email: string, password: string): Promise<Member> {
    return this.auth.verifyCredentials(email, password);
  }
}
