import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { JwtService } from '@nestjs/jwt';
import { BullMqMessageBus, type MessageBus } from '@vigil/messaging';
import type { NextFunction, Request, Response } from 'express';
import { bearerToken, verifyStaffToken, type StaffAccountStatus } from './staff-token';

type BoardOptions = Parameters<typeof createBullBoard>[0];

export const QUEUE_BOARD_PATH = '/admin/queues';
export const QUEUE_BOARD_COOKIE = 'vigil_queue_board';

/**
 * The board's own files and API only. Its page asks for a Google Fonts stylesheet, which helmet's
 * default would let through: refused here, so an administrator's visit reaches nobody else (the
 * board falls back to a system font).
 */
export const QUEUE_BOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The one role that may see and act on the queues (retry or remove jobs). */
const QUEUE_BOARD_ROLE = 'admin';

/**
 * Bull Board over the bus's queues at /admin/queues, for administrators only; mounted when the
 * bus is BullMQ (services mode). A browser cannot add a bearer header to a page load, so the
 * board also takes the staff token from the cookie that POST /admin/queues/session sets:
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page can send it, which is
 * also what keeps the board's retry and remove actions safe from cross-site requests) and scoped
 * to this path. Returns false when there is no board to mount.
 */
export function mountQueueBoard(app: INestApplication, bus: MessageBus, jwt: JwtService, accounts?: StaffAccountStatus): boolean {
  if (!(bus instanceof BullMqMessageBus)) return false;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: bus.allQueues().map((queue) => new BullMQAdapter(queue)),
    // @bull-board/express carries its own copy of @bull-board/api (a patch version apart): same shape, distinct private fields.
    serverAdapter: serverAdapter as unknown as BoardOptions['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Vigil queues' } },
  });
  const board = serverAdapter.getRouter() as (request: Request, response: Response, next: NextFunction) => void;
  app.use(QUEUE_BOARD_PATH, (request: Request, response: Response, next: NextFunction) => {
    // The session route is Nest's own (QueueBoardSessionController), behind the normal guard.
    if (request.path === '/session') return next();
    void authorise(jwt, request, accounts).then((refusal) => {
      if (refusal) return void response.status(refusal.status).json({ statusCode: refusal.status, message: refusal.message });
      response.setHeader('Content-Security-Policy', QUEUE_BOARD_CONTENT_SECURITY_POLICY);
      board(request, response, next);
    }, next);
  });
  return true;
}

async function authorise(jwt: JwtService, request: Request, accounts?: StaffAccountStatus): Promise<{ status: number; message: string } | undefined> {
  const token = bearerToken(request.headers.authorization) ?? cookie(request.headers.cookie, QUEUE_BOARD_COOKIE);
  if (!token) return { status: 401, message: `the queue board needs an administrator: POST ${QUEUE_BOARD_PATH}/session with a staff bearer token first` };
  const staff = await verifyStaffToken(jwt, token, accounts);
  if (!staff.ok) return { status: 401, message: staff.reason };
  if (!staff.roles.includes(QUEUE_BOARD_ROLE)) return { status: 403, message: `the queue board needs the role: ${QUEUE_BOARD_ROLE}` };
  return undefined;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return undefined;
}
