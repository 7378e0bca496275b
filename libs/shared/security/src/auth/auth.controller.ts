import { Body, Controller, Get, HttpCode, Inject, Optional, Post, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ConflictError, ValidationError } from '@vigil/kernel';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { AcceptsEnrolmentToken, CurrentUser, Public } from './auth.decorators';
import { TOTP_ENROLMENT_PURPOSE } from './auth.guard';
import { OidcSignIn } from './oidc/oidc-sign-in';
import { STAFF_DIRECTORY, type SignInResult, type StaffDirectory, type StaffUser } from './staff-directory';

const TOTP_CODE = /^\d{6}$/;
const TOTP_CODE_MESSAGE = 'must be the 6 digits your authenticator app shows';

export class LoginRequest {
  @ApiProperty({ example: 'analyst' }) @IsString() @MinLength(1) @MaxLength(100) username!: string;
  @ApiProperty({ example: 'vigil-demo-analyst' }) @IsString() @MinLength(1) @MaxLength(200) password!: string;
  @ApiPropertyOptional({ example: '123456', description: 'The current code of your authenticator app, once you have enrolled one' })
  @IsOptional()
  @IsString()
  @Matches(TOTP_CODE, { message: `totpCode ${TOTP_CODE_MESSAGE}` })
  totpCode?: string;
}

export class LoginResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: string;
  @ApiProperty({ example: 28800 }) expiresIn!: number;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiPropertyOptional({ description: 'True when this service requires a second factor you have not enrolled: the token only allows /api/v1/auth/totp/enroll and /confirm' })
  totpEnrolmentRequired?: boolean;
}

export class TotpEnrolmentResponse {
  @ApiProperty({ description: 'Base32 secret, shown this once: type it into the authenticator app if it cannot scan the URI' }) secret!: string;
  @ApiProperty({ example: 'otpauth://totp/Vigil%20tipline:analyst?secret=…&issuer=Vigil%20tipline', description: 'Show it as a QR code for the app to scan' }) otpauthUri!: string;
}

export class TotpConfirmRequest {
  @ApiProperty({ example: '123456' }) @IsString() @Matches(TOTP_CODE, { message: `code ${TOTP_CODE_MESSAGE}` }) code!: string;
}

export class SignInOptionsResponse {
  @ApiProperty({ description: "True when staff can sign in with their agency's identity provider (GET /api/v1/auth/oidc/login)" }) oidc!: boolean;
}

export const TOKEN_LIFETIME_SECONDS = 8 * 3600;
/** Long enough to install an authenticator app and scan the code, short enough to be useless if stolen. */
export const ENROLMENT_TOKEN_LIFETIME_SECONDS = 15 * 60;

/** Issues the service's bearer tokens: one per signed-in staff member, signed with JWT_SECRET. */
export async function issueStaffToken(jwt: JwtService, user: StaffUser): Promise<LoginResponse> {
  const accessToken = await jwt.signAsync({ sub: user.username, name: user.displayName, roles: user.roles });
  return { accessToken, tokenType: 'Bearer', expiresIn: TOKEN_LIFETIME_SECONDS, roles: user.roles };
}

function refusal(result: Extract<SignInResult, { ok: false }>): UnauthorizedException {
  switch (result.failure) {
    case 'credentials':
      return new UnauthorizedException('unknown username or wrong password');
    case 'locked':
      return new UnauthorizedException(`this account is locked after repeated failed sign-ins until ${result.lockedUntil?.toISOString()}; an administrator can lift the lock`);
    case 'totp-missing':
      return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: 'totpCode: this account signs in with the code of its authenticator app as well', field: 'totpCode' });
    case 'totp-invalid':
      return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: 'totpCode: the code is wrong, expired or already used', field: 'totpCode' });
  }
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory,
    private readonly jwt: JwtService,
    @Optional() @Inject(OidcSignIn) private readonly oidc?: OidcSignIn,
  ) {}

  /** Public so the sign-in page can offer single sign-on only where it is configured. */
  @Public()
  @Get('options')
  @ApiOperation({ summary: 'How staff can sign in to this service (for the sign-in page)' })
  @ApiOkResponse({ type: SignInOptionsResponse })
  options(): SignInOptionsResponse {
    return { oidc: this.oidc !== undefined };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff sign-in: exchange a username, password and (once enrolled) TOTP code for a bearer token' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Unknown user or wrong password, account locked, or TOTP code missing or wrong (`field: totpCode`)' })
  async login(@Body() body: LoginRequest): Promise<LoginResponse> {
    const result = await this.directory.signIn({ username: body.username, password: body.password, totpCode: body.totpCode });
    if (!result.ok) throw refusal(result);
    if (!result.totpEnrolmentRequired) return issueStaffToken(this.jwt, result.user);
    const accessToken = await this.jwt.signAsync(
      { sub: result.user.username, name: result.user.displayName, roles: [], purpose: TOTP_ENROLMENT_PURPOSE },
      { expiresIn: ENROLMENT_TOKEN_LIFETIME_SECONDS },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: ENROLMENT_TOKEN_LIFETIME_SECONDS, roles: [], totpEnrolmentRequired: true };
  }

  @Post('totp/enroll')
  @HttpCode(200)
  @AcceptsEnrolmentToken()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Start enrolling an authenticator app: returns its secret and otpauth URI, this once' })
  @ApiOkResponse({ type: TotpEnrolmentResponse })
  enroll(@CurrentUser() user: StaffUser): Promise<TotpEnrolmentResponse> {
    return this.enrolment().begin(user.username);
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @AcceptsEnrolmentToken()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Activate the authenticator with one of its codes; returns a full token' })
  @ApiOkResponse({ type: LoginResponse })
  async confirm(@CurrentUser() user: StaffUser, @Body() body: TotpConfirmRequest): Promise<LoginResponse> {
    const confirmed = await this.enrolment().confirm(user.username, body.code);
    if (!confirmed) throw new ValidationError('code: does not match the authenticator being enrolled (check the phone clock, or wait for the next code)', 'code');
    return issueStaffToken(this.jwt, confirmed);
  }

  private enrolment() {
    if (!this.directory.totp) throw new ConflictError('totp: staff of this service sign in without a second factor here', 'totp');
    return this.directory.totp;
  }
}
