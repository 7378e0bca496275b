import { useTranslation } from 'react-i18next';
import type { TriageProposal } from './api';
import { useFormat } from './format';

const LEAD_KINDS = ['identifiers', 'urls', 'files', 'locations'] as const;

/**
 * The rules' reasons in the reader's language, from their codes (`urgencyRules`, `validity`).
 * A proposal made before the codes existed has only the English sentences, shown as they are.
 */
export function useTriageReasons() {
  const { t } = useTranslation();
  const format = useFormat();
  return {
    urgency(proposal: TriageProposal): string[] {
      if (!proposal.urgencyRules) return proposal.urgencyReasons;
      return proposal.urgencyRules.map(({ level, rule, values = {} }) => {
        const filled = rule === 'ongoing-contact' ? { ...values, incidentType: format.incidentType(String(values.incidentType)) } : values;
        return `${level}: ${t(`reasons.urgency.${rule}`, { ...filled, defaultValue: rule })}`;
      });
    },
    validity(proposal: TriageProposal): string {
      const finding = proposal.validity;
      if (!finding) return proposal.validityReason;
      if (finding.rule !== 'leads' || !finding.leads) return t(`reasons.validity.${finding.rule}`);
      const counts = finding.leads;
      const leads = LEAD_KINDS.filter((kind) => counts[kind] > 0).map((kind) => t(`reasons.leads.${kind}`, { count: counts[kind] }));
      return t('reasons.validity.leads', { leads: leads.join(', ') });
    },
  };
}
