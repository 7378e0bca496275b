import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { createLocalHashFileUseCase, createLocalHashVideoUseCase, GroupedBankEntryFinder, HashVideoUseCase, HASH_BANK_REPOSITORY, HashFileUseCase, KnownMediaLookup, MatchHashesUseCase, PDQ_CANDIDATE_FINDER, type HashBankRepository, type PdqCandidateFinder } from '@vigil/hashes';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';
import { raw } from 'express';
// multer is what @nestjs/platform-express uses for uploads; here it runs as route middleware.
import multer from 'multer';
import { ArachnidShieldController } from './compat/arachnid-shield.controller';
import { HmaController } from './compat/hma.controller';
import { MatchApiService } from './match-api.service';
import { MatchAuditLog } from './match-audit';
import { MatchController } from './match.controller';
import { MATCH_UPLOAD_LIMITS } from './media-upload';
import { readVideoUploadConfig, VIDEO_UPLOAD_REFUSAL } from './video-upload.config';

const videoUploads = readVideoUploadConfig(process.env);

/** The industry match API and its Arachnid Shield and HMA shapes. */
@Module({
  controllers: [MatchController, ArachnidShieldController, HmaController],
  providers: [
    {
      provide: MatchHashesUseCase,
      inject: [HASH_BANK_REPOSITORY, PDQ_CANDIDATE_FINDER],
      // Concurrent requests share their Postgres queries (see GroupedBankEntryFinder).
      useFactory: (banks: HashBankRepository, finder: PdqCandidateFinder) => new MatchHashesUseCase(new KnownMediaLookup(new GroupedBankEntryFinder(banks), finder)),
    },
    { provide: HashFileUseCase, useFactory: () => createLocalHashFileUseCase({ maxImageBytes: MATCH_UPLOAD_LIMITS.maxFileBytes, maxPixels: MATCH_UPLOAD_LIMITS.maxPixels }) },
    ...(videoUploads.temporaryDirectory
      ? [
          {
            provide: HashVideoUseCase,
            useFactory: () => createLocalHashVideoUseCase({ temporaryDirectory: videoUploads.temporaryDirectory, limits: { maxDecodeSeconds: videoUploads.maxDecodeSeconds } }),
          },
        ]
      : [{ provide: VIDEO_UPLOAD_REFUSAL, useValue: videoUploads.refusal }]),
    { provide: MatchAuditLog, inject: [SERVICE_INFRASTRUCTURE], useFactory: (infra: ServiceInfrastructure) => new MatchAuditLog(infra.dataSource, infra.schema) },
    MatchApiService,
  ],
})
export class MatchModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Uploads are parsed by middleware rather than FileInterceptor: an interceptor puts every
    // request of the route, JSON ones included, through Nest's RxJS interceptor chain, which
    // cost a tenth of the match API's CPU in the benchmark. Multer passes non-multipart requests by.
    const uploads = multer({ limits: { fileSize: MATCH_UPLOAD_LIMITS.maxFileBytes, files: 1, fields: 20, fieldSize: 64 * 1024 } });
    // Videos are larger than images; the image hasher still refuses an image over its own limit.
    const mediaUploads = multer({ limits: { fileSize: Math.max(MATCH_UPLOAD_LIMITS.maxFileBytes, videoUploads.maxBytes), files: 1, fields: 20, fieldSize: 64 * 1024 } });
    consumer.apply(mediaUploads.single('file')).forRoutes({ path: 'api/v1/match', method: RequestMethod.POST });
    consumer
      .apply(uploads.fields([{ name: 'photo', maxCount: 1 }, { name: 'file', maxCount: 1 }]))
      .forRoutes({ path: 'h/hash', method: RequestMethod.POST }, { path: 'm/lookup', method: RequestMethod.POST });
    // Arachnid Shield clients send the media itself as the body, with its own Content-Type.
    consumer.apply(raw({ type: (request) => !String(request.headers['content-type'] ?? '').startsWith('application/json'), limit: MATCH_UPLOAD_LIMITS.maxFileBytes })).forRoutes({ path: 'v1/media', method: RequestMethod.POST });
  }
}
