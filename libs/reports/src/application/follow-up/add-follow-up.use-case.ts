import { envelope, REPORT_SUBMITTED_V1 } from '@vigil/contracts';
import type { Clock } from '@vigil/kernel';
import { FollowUpRefused } from '../../domain/follow-up-secret';
import { isReportReference } from '../../domain/report-reference';
import { runDirectly, type AtomicWork, type EvidenceFile, type EvidenceStore } from '../../ports/evidence-store';
import type { ReportIdentities } from '../../ports/report-identities';
import type { ReportLinks } from '../../ports/report-links';
import type { ReportRepository } from '../../ports/report.repository';
import type { ReporterChannel } from '../../ports/reporter-channel';
import { identifiersOfReport } from '../link-reports/extract-identifiers';
import { mediaDigests, reportSubmittedPayload } from '../submit-report/report-submitted-payload';
import type { SubmittedMedia } from '../submit-report/submit-report.use-case';
import { followUpSecretMatches } from './follow-up-secret-hash';

export interface AddFollowUpCommand {
  reference: string;
  secret: string;
  text: string;
  urls: string[];
  media: SubmittedMedia[];
}

export interface AddFollowUpResult {
  reference: string;
  receivedAt: string;
}

/**
 * A public reporter adds to their report with the secret they were given. A wrong secret and an
 * unknown reference get the same answer. The addition lands on the report (analysts see it on
 * the timeline); its new URLs and media are linked and sent for matching as a
 * `report.submitted.v1` carrying only what is new, all in one transaction with the evidence.
 */
export class AddFollowUpUseCase {
  constructor(
    private readonly reports: ReportRepository,
    private readonly channel: ReporterChannel,
    private readonly clock: Clock,
    private readonly identities: Pick<ReportIdentities, 'newId'>,
    private readonly links?: ReportLinks,
    private readonly evidence?: EvidenceStore,
    private readonly atomically: AtomicWork = runDirectly,
  ) {}

  async execute(command: AddFollowUpCommand): Promise<AddFollowUpResult> {
    const reference = command.reference.trim().toUpperCase();
    const report = isReportReference(reference) ? await this.reports.findByReference(reference) : undefined;
    const secretHash = report ? await this.channel.secretHashOf(report.id) : undefined;
    // Compared even when there is no report, so both refusals take the same path.
    if (!followUpSecretMatches(command.secret, secretHash) || !report) throw new FollowUpRefused();

    const at = this.clock.now();
    const media = command.media.map(({ content, ...digests }) => ({ digests: { ...digests, mediaId: this.identities.newId() }, content }));
    const added = report.addFollowUp({ id: this.identities.newId(), text: command.text, urls: command.urls, media: media.map((item) => item.digests), at });
    const state = report.snapshot();
    const outgoing =
      added.urls.length > 0 || added.media.length > 0
        ? [envelope(REPORT_SUBMITTED_V1, 'tipline', { ...reportSubmittedPayload(state), urls: added.urls, media: mediaDigests(added.media) }, { correlationId: state.id, occurredAt: at })]
        : [];
    const files: EvidenceFile[] = media.flatMap(({ digests, content }) =>
      content ? [{ mediaId: digests.mediaId, reportId: state.id, contentType: digests.contentType, content, sha256: digests.sha256, createdAt: at.toISOString() }] : [],
    );
    if (files.length > 0 && !this.evidence) throw new Error('AddFollowUpUseCase was given media bytes but no evidence store to keep them in');
    await this.atomically(async () => {
      await this.reports.save(report, outgoing);
      if (files.length > 0) await this.evidence?.put(files);
      await this.links?.add(state.id, identifiersOfReport({ urls: added.urls, media: added.media }));
    });
    return { reference: state.reference, receivedAt: at.toISOString() };
  }
}
