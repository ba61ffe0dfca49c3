import type { Request, Response } from 'express';
import type { AppConfig } from '../../infra/config/config';
import type { IssuedTokens } from './auth.service';

export const ACCESS_COOKIE = 'heimo_at';
export const REFRESH_COOKIE = 'heimo_rt';
const REFRESH_PATH = '/api/auth';

function secure(config: AppConfig): boolean {
  return config.publicUrl.startsWith('https://');
}

export function setSessionCookies(response: Response, config: AppConfig, tokens: IssuedTokens): void {
  response.cookie(ACCESS_COOKIE, tokens.accessToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(config),
    path: '/',
    expires: tokens.accessExpiresAt,
  });
  response.cookie(REFRESH_COOKIE, tokens.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(config),
    path: REFRESH_PATH,
    expires: tokens.refreshExpiresAt,
  });
}

export function clearSessionCookies(response: Response, config: AppConfig): void {
  response.clearCookie(ACCESS_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(config) });
  response.clearCookie(REFRESH_COOKIE, {
    path: REFRESH_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(config),
  });
}

export function accessTokenOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const cookie = (request.cookies as Record<string, unknown> | undefined)?.[ACCESS_COOKIE];
  return typeof cookie === 'string' ? cookie : undefined;
}

export function refreshTokenOf(request: Request): string | undefined {
  const cookie = (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof cookie === 'string' && cookie.length <= 200 ? cookie : undefined;
}

/** A pending sign-in between the password and the second step; sent only to the second step's route. */
export const TWO_STEP_COOKIE = 'heimo_2s';
const TWO_STEP_PATH = '/api/auth/login';

export function setTwoStepCookie(response: Response, config: AppConfig, token: string, expires: Date): void {
  response.cookie(TWO_STEP_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(config),
    path: TWO_STEP_PATH,
    expires,
  });
}

export function clearTwoStepCookie(response: Response, config: AppConfig): void {
  response.clearCookie(TWO_STEP_COOKIE, {
    path: TWO_STEP_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(config),
  });
}

export function twoStepTokenOf(request: Request): string | undefined {
  const cookie = (request.cookies as Record<string, unknown> | undefined)?.[TWO_STEP_COOKIE];
  return typeof cookie === 'string' && cookie.length <= 1000 ? cookie : undefined;
}
