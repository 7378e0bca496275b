import { Body, type CanActivate, Controller, HttpException, HttpStatus, Injectable, Module, Post, UploadedFiles, UseGuards, ValidationPipe, type INestApplication } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { IsString } from 'class-validator';
import type { AddressInfo } from 'node:net';
import { MultipartFilesGuard } from './multipart-files.guard';

class Submission {
  @IsString() incidentType!: string;
}

const seen: Array<{ body: Submission; files: Array<{ originalname: string; size: number }> }> = [];
const gate = { open: true };

/** Stands in for the public rate limit: a global guard, refusing when closed. */
@Injectable()
class RateLimitStandIn implements CanActivate {
  canActivate(): boolean {
    if (!gate.open) throw new HttpException('too many requests', HttpStatus.TOO_MANY_REQUESTS);
    return true;
  }
}

const FILES = MultipartFilesGuard('media', 2, { limits: { fileSize: 1000, files: 2, fields: 10 } });

@Controller('reports')
class ReportsController {
  @Post()
  @UseGuards(FILES)
  submit(@Body() body: Submission, @UploadedFiles() files: Array<{ originalname: string; size: number }> = []): { files: number } {
    seen.push({ body, files: (files ?? []).map(({ originalname, size }) => ({ originalname, size })) });
    return { files: (files ?? []).length };
  }
}

@Module({ controllers: [ReportsController], providers: [{ provide: APP_GUARD, useClass: RateLimitStandIn }] })
class TestModule {}

/** The guard reads uploads as FilesInterceptor did: after the global guards, before validation, with its limits and answers. */
describe('MultipartFilesGuard', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create(TestModule, { logger: false });
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());
  beforeEach(() => {
    seen.length = 0;
    gate.open = true;
  });

  const form = (files: Array<{ name: string; bytes: number }>, incidentType = 'sextortion-financial') => {
    const data = new FormData();
    data.append('incidentType', incidentType);
    for (const file of files) data.append('media', new Blob([Buffer.alloc(file.bytes, 7)], { type: 'image/png' }), file.name);
    return data;
  };
  const post = (body: FormData | string) =>
    fetch(`${base}/reports`, { method: 'POST', body, ...(typeof body === 'string' ? { headers: { 'content-type': 'application/json' } } : {}) });

  it('lets a JSON request through untouched, validated as before', async () => {
    expect(await (await post(JSON.stringify({ incidentType: 'csam' }))).json()).toEqual({ files: 0 });
    expect(seen).toEqual([{ body: { incidentType: 'csam' }, files: [] }]);
    expect((await post(JSON.stringify({ incidentType: 7 }))).status).toBe(400);
  });

  it('reads multipart files and validates the multipart fields like a JSON body', async () => {
    const answer = await post(form([{ name: 'a.png', bytes: 10 }, { name: 'b.png', bytes: 20 }]));
    expect(await answer.json()).toEqual({ files: 2 });
    expect(seen).toEqual([{ body: { incidentType: 'sextortion-financial' }, files: [{ originalname: 'a.png', size: 10 }, { originalname: 'b.png', size: 20 }] }]);
    const unknownField = new FormData();
    unknownField.append('incidentType', 'csam');
    unknownField.append('ipAddress', '203.0.113.9');
    expect((await post(unknownField)).status).toBe(400);
  });

  it('answers 413 for a file over the limit and 400 for too many files, as the interceptor did', async () => {
    const tooBig = await post(form([{ name: 'big.png', bytes: 1001 }]));
    expect(tooBig.status).toBe(413);
    const tooMany = await post(form([{ name: 'a.png', bytes: 1 }, { name: 'b.png', bytes: 1 }, { name: 'c.png', bytes: 1 }]));
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { message: string }).message).toBe('Too many files');
    expect(seen).toEqual([]);
  });

  it('reads nothing of a request the global guards refuse', async () => {
    gate.open = false;
    // Over the size limit: had the upload been read first, the answer would be its 413.
    const refused = await post(form([{ name: 'big.png', bytes: 5000 }]));
    expect(refused.status).toBe(429);
    expect(seen).toEqual([]);
  });
});
