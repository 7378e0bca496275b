import { Controller, Get, HttpException, Inject, Optional, Query, Req, Res } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiSeeOtherResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { issueStaffToken, LoginResponse } from '../auth.controller';
import { Public } from '../auth.decorators';
import { STAFF_DIRECTORY, type StaffDirectory, type StaffUser } from '../staff-directory';
import { OidcSignIn, OidcSignInRefused, type OidcTransaction } from './oidc-sign-in';
import { parseReturnTo, signedInLocation } from './return-to';

const COOKIE = 'vigil_oidc';
const COOKIE_PATH = '/api/v1/auth/oidc';
const TRANSACTION_PURPOSE = 'oidc-transaction';
/** Time to sign in at the provider (a password, perhaps a second factor there). */
const TRANSACTION_LIFETIME_SECONDS = 10 * 60;

/**
 * Single sign-on: `login` sends the browser to the agency's identity provider; the provider
 * sends it back to `callback`, which answers with this service's bearer token. State, nonce and
 * the PKCE verifier travel in an HttpOnly cookie signed with JWT_SECRET, so any replica can
 * finish a sign-in another one started. A sign-in started by the web UI (`returnTo`, a path
 * here) ends with a redirect back to it, the token in the URL fragment: browsers never send a
 * fragment to a server, so the token reaches no log or Referer.
 */
@ApiTags('auth')
@Controller('api/v1/auth/oidc')
export class OidcController {
  constructor(
    @Inject(OidcSignIn) private readonly oidc: OidcSignIn,
    private readonly jwt: JwtService,
    @Optional() @Inject(STAFF_DIRECTORY) private readonly directory?: StaffDirectory,
  ) {}

  @Public()
  @Get('login')
  @ApiOperation({ summary: "Single sign-on: redirects to the agency's identity provider (authorization code flow with PKCE)" })
  @ApiFoundResponse({ description: "Redirect to the provider's authorization endpoint" })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A path on this service (the web UI, e.g. `/`): the callback then redirects there with the token in the fragment `#/signed-in?token=…` instead of answering JSON' })
  async login(@Query('returnTo') returnToParameter: unknown, @Res() response: Response): Promise<void> {
    const returnTo = parseReturnTo(returnToParameter);
    const { url, transaction } = await this.run(() => this.oidc.start());
    // Sealed with the transaction: the callback's query cannot choose where the token goes.
    const sealed = await this.jwt.signAsync({ ...transaction, returnTo, purpose: TRANSACTION_PURPOSE }, { expiresIn: TRANSACTION_LIFETIME_SECONDS });
    response.setHeader('Set-Cookie', cookie(sealed, TRANSACTION_LIFETIME_SECONDS, this.oidc.overHttps));
    response.redirect(302, url.href);
  }

  @Public()
  @Get('callback')
  @ApiOperation({ summary: "The identity provider's redirect back: exchanges the code and returns this service's bearer token" })
  @ApiOkResponse({ type: LoginResponse })
  @ApiSeeOtherResponse({ description: 'When the sign-in was started with returnTo: back to that path, with `#/signed-in?token=…` (or `?error=…`)' })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const { returnTo, ...transaction } = await this.transaction(request);
    response.setHeader('Set-Cookie', cookie('', 0, this.oidc.overHttps));
    response.setHeader('Cache-Control', 'no-store');
    const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
    if (!returnTo) {
      const user = await this.run(() => this.signIn(query, transaction));
      response.status(200).json(await issueStaffToken(this.jwt, user));
      return;
    }
    let outcome: { token: string } | { error: string };
    try {
      const user = await this.signIn(query, transaction);
      outcome = { token: (await issueStaffToken(this.jwt, user)).accessToken };
    } catch (error) {
      // The person is looking at the UI, not at JSON: it shows why (no role here, provider down).
      if (!(error instanceof OidcSignInRefused)) throw error;
      outcome = { error: error.message };
    }
    response.redirect(303, signedInLocation(returnTo, outcome));
  }

  /** The provider's answer, then this service's word: its account for the user, unless disabled here. */
  private async signIn(query: URLSearchParams, transaction: OidcTransaction): Promise<StaffUser> {
    const user = await this.oidc.finish(query, transaction);
    if (!this.directory?.admitSingleSignOn) return user;
    const admission = await this.directory.admitSingleSignOn(user);
    if (!admission.ok) throw new OidcSignInRefused(admission.reason, 403);
    return admission.user;
  }

  private async transaction(request: Request): Promise<OidcTransaction & { returnTo?: string }> {
    const sealed = cookieValue(request.headers.cookie, COOKIE);
    if (!sealed) throw new HttpException(`the sign-in cookie (${COOKIE}) is missing: start again at GET ${COOKIE_PATH}/login in the same browser`, 400);
    try {
      const claims = await this.jwt.verifyAsync<OidcTransaction & { returnTo?: string; purpose?: string }>(sealed);
      if (claims.purpose !== TRANSACTION_PURPOSE) throw new Error('not a sign-in transaction');
      return { state: claims.state, nonce: claims.nonce, codeVerifier: claims.codeVerifier, returnTo: claims.returnTo };
    } catch {
      throw new HttpException(`the sign-in cookie (${COOKIE}) is invalid or expired: start again at GET ${COOKIE_PATH}/login`, 400);
    }
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof OidcSignInRefused) throw new HttpException(error.message, error.status);
      throw error;
    }
  }
}

/** SameSite=Lax: the provider's redirect back is a top-level navigation, which Lax lets the cookie ride on. */
function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
