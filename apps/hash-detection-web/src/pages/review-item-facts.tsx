// What the reviewer and the supervisor both see of a review item: its metadata and hashes, and the concealed preview.
import { useIncidentTypeLabel } from '@vigil/web-ui';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewApi, type ReviewItem } from '../api';
import { useFormat } from '../format';

/** Metadata and hashes; `children` adds facts for one kind of viewer (a reviewer's lease, a supervisor's reason). */
export function ReviewItemFacts({ item, children }: { item: ReviewItem; children?: ReactNode }) {
  const { t } = useTranslation();
  const incidentType = useIncidentTypeLabel();
  const format = useFormat();
  return (
    <dl className="vigil-facts">
      <dt>{t('review.item.incidentType')}</dt>
      <dd>{item.incidentType ? incidentType(item.incidentType) : '—'}</dd>
      <dt>{t('review.item.urgency')}</dt>
      <dd>{item.urgency ? t(`review.urgencies.${item.urgency}`, { defaultValue: item.urgency }) : '—'}</dd>
      <dt>{t('review.item.contentType')}</dt>
      <dd>{item.contentType ?? '—'}</dd>
      <dt>{t('review.item.bytes')}</dt>
      <dd>{format.number(item.bytes)}</dd>
      <dt>SHA-256</dt>
      <dd>
        <code className="vigil-hash">{item.sha256}</code>
      </dd>
      <dt>MD5</dt>
      <dd>
        <code className="vigil-hash">{item.md5}</code>
      </dd>
      <dt>PDQ</dt>
      <dd>
        <code className="vigil-hash">{item.pdq ?? '—'}</code> {item.pdqQuality !== undefined && t('review.item.quality', { quality: item.pdqQuality })}
      </dd>
      <dt>{t('review.item.enqueuedAt')}</dt>
      <dd>{format.date(item.enqueuedAt)}</dd>
      {children}
    </dl>
  );
}

/** The blurred greyscale preview as an object URL (freed when the item changes), or the failure to load it. */
export function useConcealedPreview(itemId: string): { preview?: string; error?: unknown } {
  const [preview, setPreview] = useState<string>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let url: string | undefined;
    let cancelled = false;
    reviewApi.preview(itemId).then(
      (blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setPreview(url);
      },
      (failure: unknown) => !cancelled && setError(failure),
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [itemId]);
  return { preview, error };
}
