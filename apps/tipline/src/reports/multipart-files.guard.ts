import { type CanActivate, type ExecutionContext, Injectable, mixin, type Type } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { of } from 'rxjs';

/**
 * Reads a multipart request's files (Nest's FilesInterceptor: multer with its limits, its 413
 * and 400 answers) from a route guard instead of an interceptor. Like an interceptor, a route
 * guard runs after the global guards, so the public rate limit refuses before any upload is
 * read, and before validation, so the multipart fields are validated like a JSON body. Unlike
 * one, a JSON request (nearly every report) costs a content-type check: an interceptor on the
 * route made Nest build its interceptor pipeline (async-resource binding, rxjs) for every
 * request, a few per cent of the tipline's CPU per public report.
 */
export function MultipartFilesGuard(field: string, maxCount: number, options: Parameters<typeof FilesInterceptor>[2]): Type<CanActivate> {
  const Files = FilesInterceptor(field, maxCount, options);

  @Injectable()
  class ReadMultipartFiles implements CanActivate {
    private readonly files = new Files();

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const request = context.switchToHttp().getRequest<Request>();
      if (request.is('multipart') === 'multipart') {
        // The interceptor's own work (multer, then files on request.files); the handler runs later, as usual.
        await this.files.intercept(context, { handle: () => of(undefined) });
      }
      return true;
    }
  }
  return mixin(ReadMultipartFiles);
}
