import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../api';
import { useOffenceText } from './offence-text';
import { useDateFormat } from './page';

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

/**
 * Who and what of a timeline entry, from its data in the reader's language: the server's summary
 * is the English record, and stays the fallback (older entries, a note's own words).
 */
export function useTimelineText() {
  const { t, i18n } = useTranslation();
  const reasonText = usePriorityReasonText();
  const date = useDateFormat();
  const offence = useOffenceText();
  const countries = new Intl.DisplayNames([i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA'], { type: 'region' });
  const priority = (level: unknown) => t(`staff.priorities.${String(level)}`, { defaultValue: String(level) });
  const offences = (codes: unknown) => (Array.isArray(codes) && codes.length ? ` (${codes.map((code) => offence.section(String(code))).join(', ')})` : '');
  const summaryOf = (item: TimelineItem, data: Record<string, unknown>): string | undefined => {
    const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
    switch (item.action) {
      case 'claimed':
        return text(data.expiresAt) && t('staff.timelineSummaries.claimed', { until: date(String(data.expiresAt)) });
      case 'released':
        return text(data.heldBy) && (data.heldBy === item.by ? t('staff.timelineSummaries.released') : t('staff.timelineSummaries.releasedOther', { heldBy: data.heldBy }));
      case 'assigned':
        return text(data.analyst) && (text(data.previous) && data.previous !== data.analyst ? t('staff.timelineSummaries.assignedFrom', { analyst: data.analyst, previous: data.previous }) : t('staff.timelineSummaries.assigned', { analyst: data.analyst }));
      case 'priority-overridden':
        return text(data.from) && t('staff.timelineSummaries.priority-overridden', { from: priority(data.from), to: priority(data.to), reason: data.reason });
      case 'escalated':
        return text(data.note) ? t('staff.timelineSummaries.escalatedNote', { note: data.note }) : t('staff.timelineSummaries.escalated');
      case 'classified':
        return text(data.incidentType) && t(data.confirmed ? 'staff.timelineSummaries.confirmed' : 'staff.timelineSummaries.corrected', { type: t(`incidentTypes.${String(data.incidentType)}`, { defaultValue: String(data.incidentType) }), offences: offences(data.offences) });
      case 'split':
        return Array.isArray(data.incidents) ? t('staff.timelineSummaries.split', { count: data.incidents.length }) : undefined;
      case 'takedown-requested':
        return Array.isArray(data.urls) ? t('staff.timelineSummaries.takedown', { count: data.urls.length }) : undefined;
      case 'forwarded-abroad': {
        if (!text(data.hotline) || !text(data.country)) return undefined;
        const values = { hotline: data.hotline, country: countries.of(String(data.country)) ?? String(data.country), note: data.note };
        return text(data.note) ? t('staff.timelineSummaries.forwardedNote', values) : t('staff.timelineSummaries.forwarded', values);
      }
      case 'closed':
        return text(data.reason) && t('staff.timelineSummaries.closed', { reason: data.reason });
      case 'follow-up-added': {
        const parts = [t('staff.timelineSummaries.followUp')];
        if (Array.isArray(data.urls) && data.urls.length) parts.push(t('staff.timelineSummaries.followUpUrls', { count: data.urls.length }));
        if (Array.isArray(data.mediaIds) && data.mediaIds.length) parts.push(t('staff.timelineSummaries.followUpFiles', { count: data.mediaIds.length }));
        return parts.join(', ');
      }
      default:
        return undefined;
    }
  };
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
      return summaryOf(item, data) || item.summary;
    },
  };
}
