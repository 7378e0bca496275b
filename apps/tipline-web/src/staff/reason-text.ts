import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../api';

/**
 * Rules whose detail is data (which file matched which bank, the reporter's or the analyst's own
 * words): shown after the rule's name. The other rules' details are fixed English sentences that
 * the translated name already says.
 */
const RULES_WITH_DATA = new Set(['known-hash-match', 'reporter-urgent', 'analyst-override']);
const KNOWN_RULES = new Set([...RULES_WITH_DATA, 'active-sextortion', 'child-at-risk', 'default']);

/** A priority reason in the reader's language: the rule's name, then its detail where that is data. */
export function usePriorityReasonText() {
  const { t } = useTranslation();
  return (reason: { rule: string; detail: string }): { label: string; detail?: string } => {
    if (!KNOWN_RULES.has(reason.rule)) return { label: reason.rule, detail: reason.detail };
    return { label: t(`staff.priorityRules.${reason.rule}`), detail: RULES_WITH_DATA.has(reason.rule) ? reason.detail : undefined };
  };
}

/** Who and what of a timeline entry: the generated ones (intake, priority) from their data; an analyst's as recorded. */
export function useTimelineText() {
  const { t } = useTranslation();
  const reasonText = usePriorityReasonText();
  return {
    who: (item: TimelineItem) => (['reporter', 'partner', 'system'].includes(item.by) ? t(`staff.timelineBy.${item.by}`) : item.by),
    what: (item: TimelineItem): string => {
      const data = item.data ?? {};
      if (item.action === 'submitted' && typeof data.reference === 'string') {
        return t('staff.timelineSummaries.submitted', {
          source: t(`staff.sources.${String(data.source)}`, { defaultValue: String(data.source) }),
          reference: data.reference,
          type: t(`incidentTypes.${String(data.incidentType)}`, { defaultValue: String(data.incidentType) }),
        });
      }
      if (item.action === 'priority-raised' && typeof data.rule === 'string') {
        const { label, detail } = reasonText({ rule: data.rule, detail: String(data.detail ?? '') });
        const level = t(`staff.priorities.${String(data.level)}`, { defaultValue: String(data.level) });
        return `${t('staff.timelineSummaries.priority-raised', { level, rule: label })}${detail ? ` — ${detail}` : ''}`;
      }
      return item.summary;
    },
  };
}
