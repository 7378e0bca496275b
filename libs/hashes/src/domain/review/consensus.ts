import { ValidationError } from '@vigil/kernel';
import type { ReviewClassification } from './review-classification';

export interface ReviewDecision {
  reviewer: string;
  classification: ReviewClassification;
  note?: string;
  at: string;
}

export type ConsensusVerdict =
  | { kind: 'final'; classification: ReviewClassification; reviewers: string[] }
  | { kind: 'needs-more-reviews'; agreeing: number; required: number }
  | { kind: 'needs-supervisor'; reason: string };

/**
 * A hash from our own review enters a bank only when N distinct reviewers agree on the same
 * classification (N = 2 by default; Project Arachnid uses 3). Any difference is a disagreement
 * — a positive class against not-csam, and also A1 against B2 — which simply calls for more
 * reviews, until 2N decisions without N in agreement show the item needs a supervisor.
 */
export class ConsensusRule {
  constructor(readonly required = 2) {
    if (!Number.isInteger(required) || required < 1 || required > 10) {
      throw new ValidationError('REVIEW_CONSENSUS: the number of agreeing reviewers must be an integer from 1 to 10', 'REVIEW_CONSENSUS');
    }
  }

  /** After this many decisions without consensus, reviewers stop and a supervisor decides. */
  get supervisorAfter(): number {
    return 2 * this.required;
  }

  evaluate(decisions: readonly ReviewDecision[]): ConsensusVerdict {
    const byClassification = new Map<ReviewClassification, string[]>();
    for (const decision of decisions) byClassification.set(decision.classification, [...(byClassification.get(decision.classification) ?? []), decision.reviewer]);
    for (const [classification, reviewers] of byClassification) {
      if (new Set(reviewers).size >= this.required) return { kind: 'final', classification, reviewers };
    }
    if (decisions.length >= this.supervisorAfter) {
      const split = [...byClassification].map(([classification, reviewers]) => `${classification} ×${reviewers.length}`).join(', ');
      return { kind: 'needs-supervisor', reason: `${decisions.length} decisions without ${this.required} in agreement (${split})` };
    }
    const agreeing = Math.max(0, ...[...byClassification.values()].map((reviewers) => reviewers.length));
    return { kind: 'needs-more-reviews', agreeing, required: this.required };
  }
}
