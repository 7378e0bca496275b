import { DynamicModule, Module } from '@nestjs/common';
import { HASH_BANK_REPOSITORY, KnownMediaLookup, PDQ_CANDIDATE_FINDER, type HashBankRepository, type PdqCandidateFinder } from '@vigil/hashes';
import { CLOCK, newId, type Clock } from '@vigil/kernel';
import type { ServiceInfrastructure } from '@vigil/platform';
import {
  ChangeUrlStatusUseCase,
  CheckRemovalsUseCase,
  EmailNoticeSender,
  ExportBlocklistUseCase,
  HttpNoticeSender,
  HttpRemovalChecker,
  IssueNoticeUseCase,
  KNOWN_HASH_CHECKER,
  ManageProvidersUseCase,
  PROVIDER_REPOSITORY,
  ProviderChannelNoticeSender,
  RecordObservationUseCase,
  RecordReportedUrlsUseCase,
  REMOVAL_CHECKER,
  SendDueNoticesUseCase,
  TAKEDOWN_NOTICE_SENDER,
  TAKEDOWN_TRANSACTIONS,
  TakedownFiguresUseCase,
  TakedownSweepUseCase,
  TypeOrmProviderRepository,
  TypeOrmUrlRepository,
  UrlDetailsQuery,
  URL_REPOSITORY,
  DEFAULT_TAKEDOWN_POLICY,
  type KnownHashChecker,
  type ProviderRepository,
  type RemovalChecker,
  type TakedownNoticeSender,
  type TakedownPolicy,
  type Transactions,
  type UrlRepository,
} from '@vigil/takedown';
import { BankKnownHashChecker } from './bank-known-hash-checker';
import { ProvidersController } from './providers.controller';
import { readTakedownConfig, TAKEDOWN_CONFIG } from './takedown.config';
import { TakedownReportsController } from './takedown-reports.controller';
import { TakedownSweepService } from './takedown-sweep.service';
import { UrlsController } from './urls.controller';

const TAKEDOWN_POLICY = Symbol('TakedownPolicy');

/**
 * The URL list and takedown notices: adapters bound to the takedown context's ports, its use
 * cases, the API and the sweep. Notices go by webhook when a provider has one, else by email
 * (rendered only, never sent, without TAKEDOWN_SMTP_URL).
 */
@Module({})
export class TakedownModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    const config = readTakedownConfig(process.env);
    const policy: TakedownPolicy = {
      ...DEFAULT_TAKEDOWN_POLICY,
      resendMs: config.TAKEDOWN_RESEND_MS,
      retryAfterFailureMs: config.TAKEDOWN_RETRY_MS,
      checkIntervalMs: config.TAKEDOWN_CHECK_MS,
    };
    return {
      module: TakedownModule,
      controllers: [ProvidersController, UrlsController, TakedownReportsController],
      providers: [
        { provide: TAKEDOWN_CONFIG, useValue: config },
        { provide: TAKEDOWN_POLICY, useValue: policy },
        { provide: TAKEDOWN_TRANSACTIONS, useValue: infra.transactions },
        { provide: URL_REPOSITORY, useValue: new TypeOrmUrlRepository(infra.transactions, infra.schema) },
        { provide: PROVIDER_REPOSITORY, useValue: new TypeOrmProviderRepository(infra.transactions, infra.schema) },
        {
          provide: TAKEDOWN_NOTICE_SENDER,
          useValue: new ProviderChannelNoticeSender(
            new HttpNoticeSender({ timeoutMs: config.TAKEDOWN_HTTP_TIMEOUT_MS }),
            new EmailNoticeSender({ smtpUrl: config.TAKEDOWN_SMTP_URL, from: config.TAKEDOWN_NOTICE_FROM, onRendered: infra.log }),
          ),
        },
        { provide: REMOVAL_CHECKER, useValue: new HttpRemovalChecker({ timeoutMs: config.TAKEDOWN_HTTP_TIMEOUT_MS, allowPrivateAddresses: config.TAKEDOWN_CHECK_PRIVATE_ADDRESSES }) },
        {
          provide: KNOWN_HASH_CHECKER,
          inject: [HASH_BANK_REPOSITORY, PDQ_CANDIDATE_FINDER],
          useFactory: (banks: HashBankRepository, pdq: PdqCandidateFinder) => new BankKnownHashChecker(new KnownMediaLookup(banks, pdq)),
        },
        {
          provide: IssueNoticeUseCase,
          inject: [URL_REPOSITORY, TAKEDOWN_TRANSACTIONS, CLOCK],
          useFactory: (urls: UrlRepository, tx: Transactions, clock: Clock) => new IssueNoticeUseCase(urls, tx, clock, newId),
        },
        {
          provide: SendDueNoticesUseCase,
          inject: [URL_REPOSITORY, PROVIDER_REPOSITORY, TAKEDOWN_NOTICE_SENDER, CLOCK, TAKEDOWN_POLICY],
          useFactory: (urls: UrlRepository, providers: ProviderRepository, sender: TakedownNoticeSender, clock: Clock, p: TakedownPolicy) => new SendDueNoticesUseCase(urls, providers, sender, clock, p),
        },
        {
          provide: CheckRemovalsUseCase,
          inject: [URL_REPOSITORY, REMOVAL_CHECKER, TAKEDOWN_TRANSACTIONS, CLOCK, TAKEDOWN_POLICY],
          useFactory: (urls: UrlRepository, checker: RemovalChecker, tx: Transactions, clock: Clock, p: TakedownPolicy) => new CheckRemovalsUseCase(urls, checker, tx, clock, p),
        },
        {
          provide: TakedownSweepUseCase,
          inject: [SendDueNoticesUseCase, CheckRemovalsUseCase],
          useFactory: (send: SendDueNoticesUseCase, check: CheckRemovalsUseCase) => new TakedownSweepUseCase(send, check),
        },
        {
          provide: RecordReportedUrlsUseCase,
          inject: [URL_REPOSITORY, PROVIDER_REPOSITORY, IssueNoticeUseCase, CLOCK],
          useFactory: (urls: UrlRepository, providers: ProviderRepository, issue: IssueNoticeUseCase, clock: Clock) => new RecordReportedUrlsUseCase(urls, providers, issue, clock, newId),
        },
        {
          provide: RecordObservationUseCase,
          inject: [URL_REPOSITORY, PROVIDER_REPOSITORY, KNOWN_HASH_CHECKER, IssueNoticeUseCase, TAKEDOWN_TRANSACTIONS, CLOCK],
          useFactory: (urls: UrlRepository, providers: ProviderRepository, known: KnownHashChecker, issue: IssueNoticeUseCase, tx: Transactions, clock: Clock) =>
            new RecordObservationUseCase(urls, providers, known, issue, tx, clock, newId),
        },
        {
          provide: ManageProvidersUseCase,
          inject: [PROVIDER_REPOSITORY, URL_REPOSITORY, IssueNoticeUseCase, TAKEDOWN_TRANSACTIONS, CLOCK],
          useFactory: (providers: ProviderRepository, urls: UrlRepository, issue: IssueNoticeUseCase, tx: Transactions, clock: Clock) => new ManageProvidersUseCase(providers, urls, issue, tx, clock, newId),
        },
        {
          provide: ChangeUrlStatusUseCase,
          inject: [URL_REPOSITORY, TAKEDOWN_TRANSACTIONS, CLOCK],
          useFactory: (urls: UrlRepository, tx: Transactions, clock: Clock) => new ChangeUrlStatusUseCase(urls, tx, clock),
        },
        {
          provide: TakedownFiguresUseCase,
          inject: [URL_REPOSITORY, PROVIDER_REPOSITORY],
          useFactory: (urls: UrlRepository, providers: ProviderRepository) => new TakedownFiguresUseCase(urls, providers),
        },
        {
          provide: ExportBlocklistUseCase,
          inject: [URL_REPOSITORY, CLOCK],
          useFactory: (urls: UrlRepository, clock: Clock) => new ExportBlocklistUseCase(urls, clock),
        },
        {
          provide: UrlDetailsQuery,
          inject: [URL_REPOSITORY, PROVIDER_REPOSITORY],
          useFactory: (urls: UrlRepository, providers: ProviderRepository) => new UrlDetailsQuery(urls, providers),
        },
        TakedownSweepService,
      ],
      // The event handlers (main.ts) resolve these from the running app.
      exports: [RecordReportedUrlsUseCase],
    };
  }
}
