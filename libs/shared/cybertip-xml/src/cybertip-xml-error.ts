import { ValidationError } from '@vigil/kernel';

/** What was wrong, for callers that branch on it (the message says it for people). */
export type CyberTipXmlProblem =
  | 'not-text'
  | 'too-large'
  | 'too-many-elements'
  | 'too-deep'
  | 'forbidden-declaration'
  | 'malformed'
  | 'wrong-root'
  | 'missing'
  | 'repeated'
  | 'invalid-value'
  | 'unexpected-content';

/**
 * A CyberTipline document that cannot be taken. A ValidationError, so the platform answers 400;
 * `field` (and `element`) is the path of the offending element, e.g.
 * `report.incidentSummary.incidentDateTime` or `report.victim[1].victimPerson.age`.
 */
export class CyberTipXmlError extends ValidationError {
  constructor(
    readonly problem: CyberTipXmlProblem,
    readonly element: string,
    detail: string,
  ) {
    super(`${element}: ${detail}`, element);
  }
}
