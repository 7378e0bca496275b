/** The consensus rule in force (REVIEW_CONSENSUS). */
export const CONSENSUS_RULE = Symbol('ConsensusRule');
