import { Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@vigil/security';
import type { Request, Response } from 'express';
import { QUEUE_BOARD_COOKIE, QUEUE_BOARD_PATH } from './queue-board';
import { bearerToken } from './staff-token';

/** How long a board session lasts, at most (the token's own expiry still applies). */
const SESSION_SECONDS = 30 * 60;

/** Hands an administrator's bearer token to the browser as the queue board's cookie, and takes it back. */
@ApiTags('operations')
@Controller('admin/queues/session')
export class QueueBoardSessionController {
  @Roles('admin')
  @Post()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Open a queue board session: sets an HttpOnly, SameSite=Strict cookie scoped to /admin/queues (admin)' })
  @ApiNoContentResponse({ description: 'Cookie set; open /admin/queues' })
  open(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    // The guard already checked this token and the admin role.
    const token = bearerToken(request.headers.authorization) ?? '';
    response.cookie(QUEUE_BOARD_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: request.secure, path: QUEUE_BOARD_PATH, maxAge: SESSION_SECONDS * 1000 });
  }

  /** Public: it only clears the caller's own cookie. */
  @Public()
  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Close the queue board session (clears the cookie)' })
  close(@Res({ passthrough: true }) response: Response): void {
    response.clearCookie(QUEUE_BOARD_COOKIE, { httpOnly: true, sameSite: 'strict', path: QUEUE_BOARD_PATH });
  }
}
