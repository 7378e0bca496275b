import type { CaseSnapshot } from './case';
import { sharedIdentifiers, type SharedIdentifier, type SuspectIdentifier } from './identifiers';

/** Another case that looks to be about the same suspect, and why. */
export interface LinkProposal {
  caseId: string;
  reference: string;
  shared: SharedIdentifier[];
  /** At least one shared identifier points at one person on its own. */
  strong: boolean;
}

/** Open cases sharing an identifier with these, strongest evidence first. */
export function proposeLinks(identifiers: readonly SuspectIdentifier[], others: readonly CaseSnapshot[], excludeCaseId?: string): LinkProposal[] {
  return others
    .filter((other) => other.id !== excludeCaseId && other.status === 'open')
    .map((other) => {
      const shared = sharedIdentifiers(identifiers, other.reports.flatMap((referral) => referral.identifiers));
      return { caseId: other.id, reference: other.reference, shared, strong: shared.some((item) => item.strong) };
    })
    .filter((proposal) => proposal.shared.length > 0)
    .sort((a, b) => Number(b.strong) - Number(a.strong) || b.shared.length - a.shared.length || a.reference.localeCompare(b.reference));
}

/**
 * Where a new referral goes. Sharing a strong identifier (e-mail, username on a platform, phone,
 * payment handle, device id) with an open case attaches it there at once: the same suspect
 * reported twice should never wait in two queues. When several cases qualify, the one sharing the
 * most identifiers (then the oldest reference) takes it, and the others stay proposed links for an
 * investigator to merge. Weak matches (an IP address at a close time) are only proposed.
 */
export function chooseCase(identifiers: readonly SuspectIdentifier[], candidates: readonly CaseSnapshot[]): { attachTo?: LinkProposal; proposals: LinkProposal[] } {
  const proposals = proposeLinks(identifiers, candidates);
  const attachTo = proposals[0]?.strong ? proposals[0] : undefined;
  return { attachTo, proposals: proposals.filter((proposal) => proposal !== attachTo) };
}

export function describeLink(proposal: LinkProposal): string {
  return proposal.shared.map((item) => item.reason).join('; ');
}
