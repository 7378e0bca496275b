import { Body, Controller, HttpCode, Inject, Post, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Public } from './auth.decorators';
import { STAFF_DIRECTORY, type StaffDirectory } from './staff-directory';

export class LoginRequest {
  @ApiProperty({ example: 'analyst' }) @IsString() @MinLength(1) @MaxLength(100) username!: string;
  @ApiProperty({ example: 'vigil-demo-analyst' }) @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

export class LoginResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: string;
  @ApiProperty({ example: 28800 }) expiresIn!: number;
  @ApiProperty({ type: [String] }) roles!: string[];
}

export const TOKEN_LIFETIME_SECONDS = 8 * 3600;

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(@Inject(STAFF_DIRECTORY) private readonly directory: StaffDirectory, private readonly jwt: JwtService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff sign-in: exchange a username and password for a bearer token' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Unknown user or wrong password' })
  async login(@Body() body: LoginRequest): Promise<LoginResponse> {
    const user = await this.directory.authenticate(body.username, body.password);
    if (!user) throw new UnauthorizedException('unknown username or wrong password');
    const accessToken = await this.jwt.signAsync({ sub: user.username, name: user.displayName, roles: user.roles });
    return { accessToken, tokenType: 'Bearer', expiresIn: TOKEN_LIFETIME_SECONDS, roles: user.roles };
  }
}
