import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Evidence, SourceProvenance } from './api';

/**
 * Where a suspect identifier or a piece of jurisdiction evidence was found, in the reader's
 * language, from the provenance codes the intake records (libs/cases identifiers.ts
 * PROVENANCE_CODES). As in jurisdiction-reasons.ts, what came without a code (a referral stored
 * before the codes) or with a code this UI does not know is shown as the server's English text.
 */
export function provenance(t: TFunction) {
  const text = (values: Record<string, string | number>, key: string): string | undefined => (typeof values[key] === 'string' && values[key] !== '' ? (values[key] as string) : undefined);

  function coded(code: string | undefined, values: Record<string, string | number> = {}): string | undefined {
    const event = text(values, 'event');
    const agency = text(values, 'agency');
    switch (code) {
      case 'ncmec-reported-user':
      case 'ncmec-platform-id':
      case 'ncmec-estimated-location':
      case 'tipline-summary':
        return t(`provenance.${code}`);
      case 'ncmec-ip-capture':
      case 'tipline-report':
      case 'tipline-named':
        return event ? t(`provenance.${code}-event`, { event }) : t(`provenance.${code}`);
      case 'police-suspect-details':
      case 'police-referral':
        return agency ? t(`provenance.${code}`, { agency }) : undefined;
      default:
        return undefined;
    }
  }

  return {
    /** Where in its referral an identifier (or a location hint) was found. */
    source(item: SourceProvenance): string {
      return coded(item.sourceCode, item.sourceValues) ?? item.source;
    },
    /** Which referral a piece of evidence came from, and where in it; an override's reason after a dash. */
    evidence(item: Evidence): string {
      const reason = item.reason ? ` — ${item.reason}` : '';
      const from = item.provenance;
      if (!from) return `${item.source}${reason}`;
      // The server's source is "<origin> <reference>: <where>": its tail is the English fallback.
      const prefix = `${from.origin} ${from.reference}: `;
      const where = coded(from.code, from.values) ?? (item.source.startsWith(prefix) ? item.source.slice(prefix.length) : undefined);
      if (where === undefined) return `${item.source}${reason}`;
      const origin = t(`sources.${from.origin}`, { defaultValue: from.origin });
      return `${t('provenance.evidence', { origin, reference: from.reference, where })}${reason}`;
    },
  };
}

export type Provenance = ReturnType<typeof provenance>;

export function useProvenance(): Provenance {
  const { t } = useTranslation();
  return provenance(t);
}
