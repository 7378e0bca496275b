import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { STAFF_ROLES, type StaffRole, type StaffUser } from '../auth/staff-directory';
import { STAFF_PASSWORD_MAX_LENGTH, STAFF_PASSWORD_MIN_LENGTH, StaffAccountAdmin, type StaffAccountView } from './staff-account-admin';

const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,99}$/;
const USERNAME_MESSAGE = 'username must be 1 to 100 lowercase letters, digits, ., _, @ or -, starting with a letter or digit';

class RolesField {
  @ApiProperty({ enum: STAFF_ROLES, isArray: true, example: ['analyst'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'roles must hold at least one role' })
  @ArrayMaxSize(STAFF_ROLES.length)
  @IsIn(STAFF_ROLES as unknown as string[], { each: true, message: `each role must be one of: ${STAFF_ROLES.join(', ')}` })
  roles!: StaffRole[];
}

export class CreateStaffAccountRequest extends RolesField {
  @ApiProperty({ example: 'someone@example.org' }) @IsString() @Matches(USERNAME, { message: USERNAME_MESSAGE }) username!: string;
  @ApiProperty({ example: 'Sam Example' }) @IsString() @MinLength(1) @MaxLength(200) displayName!: string;
  @ApiProperty({ minLength: STAFF_PASSWORD_MIN_LENGTH, description: 'The first password; give it to the person over a separate channel' })
  @IsString()
  @MinLength(STAFF_PASSWORD_MIN_LENGTH, { message: `password must be at least ${STAFF_PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(STAFF_PASSWORD_MAX_LENGTH, { message: `password must be at most ${STAFF_PASSWORD_MAX_LENGTH} characters` })
  password!: string;
}

export class SetStaffRolesRequest extends RolesField {}

export class ResetStaffPasswordRequest {
  @ApiProperty({ minLength: STAFF_PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(STAFF_PASSWORD_MIN_LENGTH, { message: `password must be at least ${STAFF_PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(STAFF_PASSWORD_MAX_LENGTH, { message: `password must be at most ${STAFF_PASSWORD_MAX_LENGTH} characters` })
  password!: string;
}

export class StaffRolesResponse {
  @ApiProperty({ enum: STAFF_ROLES, isArray: true, example: ['analyst', 'supervisor', 'auditor', 'admin'] }) roles!: StaffRole[];
}

export class StaffAccountResponse implements StaffAccountView {
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: STAFF_ROLES, isArray: true }) roles!: StaffRole[];
  @ApiProperty({ enum: ['active', 'locked', 'disabled'] }) status!: 'active' | 'locked' | 'disabled';
  @ApiProperty({ enum: ['local', 'single-sign-on'], description: 'local: a password (and authenticator) kept here; single-sign-on: created at its first sign-in through the identity provider, which grants its roles at each sign-in; it can be disabled here' })
  signIn!: 'local' | 'single-sign-on';
  @ApiProperty({ enum: ['enabled', 'pending', 'none'] }) totp!: 'enabled' | 'pending' | 'none';
  @ApiPropertyOptional() lockedUntil?: string;
  @ApiPropertyOptional() lastSignInAt?: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

/** Administration of this service's staff accounts (admin only); roles are per service. */
@ApiTags('staff accounts')
@ApiBearerAuth()
@Controller('api/v1/staff-accounts')
export class StaffAccountsController {
  constructor(@Inject(StaffAccountAdmin) private readonly accounts: StaffAccountAdmin) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: "This service's staff accounts, without password hashes or TOTP secrets" })
  @ApiOkResponse({ type: [StaffAccountResponse] })
  list(@CurrentUser() user: StaffUser): Promise<StaffAccountView[]> {
    return this.accounts.list(user.username);
  }

  @Get('roles')
  @Roles('admin')
  @ApiOperation({ summary: 'The roles this service grants: an account here can hold these and no other' })
  @ApiOkResponse({ type: StaffRolesResponse })
  roles(): StaffRolesResponse {
    return { roles: [...this.accounts.allowedRoles] };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a staff account with its roles in this service and a first password' })
  @ApiCreatedResponse({ type: StaffAccountResponse })
  create(@CurrentUser() user: StaffUser, @Body() body: CreateStaffAccountRequest): Promise<StaffAccountView> {
    return this.accounts.create({ username: body.username, displayName: body.displayName, roles: body.roles, password: body.password }, user.username);
  }

  @Put(':username/roles')
  @Roles('admin')
  @ApiOperation({ summary: "Replace an account's roles in this service (effective from its next request: tokens already issued carry the new roles)" })
  @ApiOkResponse({ type: StaffAccountResponse })
  setRoles(@CurrentUser() user: StaffUser, @Param('username') username: string, @Body() body: SetStaffRolesRequest): Promise<StaffAccountView> {
    return this.accounts.setRoles(username, body.roles, user.username);
  }

  @Post(':username/disable')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Disable an account: it can no longer sign in, and the tokens it holds stop working at once (single sign-on accounts too)' })
  @ApiOkResponse({ type: StaffAccountResponse })
  disable(@CurrentUser() user: StaffUser, @Param('username') username: string): Promise<StaffAccountView> {
    return this.accounts.disable(username, user.username);
  }

  @Post(':username/enable')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Enable a disabled account and lift a lockout' })
  @ApiOkResponse({ type: StaffAccountResponse })
  enable(@CurrentUser() user: StaffUser, @Param('username') username: string): Promise<StaffAccountView> {
    return this.accounts.enable(username, user.username);
  }

  @Post(':username/reset-password')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Set a new password (and lift a lockout)' })
  @ApiOkResponse({ type: StaffAccountResponse })
  resetPassword(@CurrentUser() user: StaffUser, @Param('username') username: string, @Body() body: ResetStaffPasswordRequest): Promise<StaffAccountView> {
    return this.accounts.resetPassword(username, body.password, user.username);
  }

  @Post(':username/reset-totp')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Forget the authenticator app (a lost phone); the account enrols a new one at its next sign-in' })
  @ApiOkResponse({ type: StaffAccountResponse })
  resetTotp(@CurrentUser() user: StaffUser, @Param('username') username: string): Promise<StaffAccountView> {
    return this.accounts.resetTotp(username, user.username);
  }
}
