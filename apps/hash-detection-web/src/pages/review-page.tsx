import { BlurredMedia, ErrorNotice, useLoad } from '@vigil/web-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { holdsRole, REVIEW_CLASSIFICATIONS, REVIEW_URGENCIES, reviewApi, type ReviewItem } from '../api';
import { Page } from '../components/page';
import { useFormat } from '../format';
import { ReviewItemFacts, useConcealedPreview } from './review-item-facts';
import { SupervisorReview } from './supervisor-review';

/**
 * The human review queue (reviewers take items one at a time; supervisors settle the items the
 * reviewers could not agree on). Wellness first: the queue and the reviewer's own exposure are shown,
 * an item's metadata and hashes come before its media, and the media stay blurred and grey
 * until the reviewer asks to see them.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queue = useLoad(() => reviewApi.queue(), []);
  const exposure = useLoad(() => reviewApi.exposure(), []);
  const [item, setItem] = useState<ReviewItem>();
  const [empty, setEmpty] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  // Only reviewers take items; supervisors settle those the reviewers could not agree on.
  const takesItems = holdsRole('reviewer');
  const supervises = holdsRole('supervisor');

  const refresh = () => {
    queue.reload();
    exposure.reload();
  };
  const next = async () => {
    setError(undefined);
    setDone(undefined);
    setEmpty(false);
    try {
      const claimed = await reviewApi.next();
      setItem(claimed);
      setEmpty(!claimed);
    } catch (failure) {
      setError(failure);
    }
    refresh();
  };
  const finish = (message: string) => {
    setItem(undefined);
    setDone(message);
    refresh();
  };

  return (
    <Page title={t('review.title')}>
      <div className="vigil-columns">
        <section className="vigil-panel" aria-labelledby="review-queue">
          <h2 id="review-queue">{t('review.queue.title')}</h2>
          <ErrorNotice error={queue.error} />
          {queue.data && (
            <dl className="vigil-facts">
              <dt>{t('review.queue.pending')}</dt>
              <dd>
                {format.number(REVIEW_URGENCIES.reduce((sum, urgency) => sum + (queue.data?.waiting[urgency] ?? 0), 0))}
                {' ('}
                {REVIEW_URGENCIES.map((urgency) => `${t(`review.urgencies.${urgency}`)} ${format.number(queue.data?.waiting[urgency] ?? 0)}`).join(', ')}
                {')'}
              </dd>
              <dt>{t('review.queue.inReview')}</dt>
              <dd>{format.number(queue.data.inReview)}</dd>
              <dt>{t('review.queue.awaitingSupervisor')}</dt>
              <dd>{format.number(queue.data.awaitingSupervisor)}</dd>
              <dt>{t('review.queue.oldestPendingAt')}</dt>
              <dd>{format.date(queue.data.oldestWaitingSince)}</dd>
              <dt>{t('review.queue.consensus')}</dt>
              <dd>{format.number(queue.data.consensusRequired)}</dd>
            </dl>
          )}
        </section>
        <section className="vigil-panel" aria-labelledby="review-exposure">
          <h2 id="review-exposure">{t('review.exposure.title')}</h2>
          <ErrorNotice error={exposure.error} />
          {exposure.data && (
            <dl className="vigil-facts">
              <dt>{t('review.exposure.today')}</dt>
              <dd>{format.number(exposure.data.own.revealsToday)}</dd>
              <dt>{t('review.exposure.week')}</dt>
              <dd>{format.number(exposure.data.own.revealsThisWeek)}</dd>
              <dt>{t('review.exposure.total')}</dt>
              <dd>{format.number(exposure.data.own.revealsTotal)}</dd>
              <dt>{t('review.exposure.decided')}</dt>
              <dd>{format.number(exposure.data.own.itemsDecided)}</dd>
            </dl>
          )}
        </section>
      </div>
      {takesItems && !item && (
        <p>
          <button type="button" onClick={() => void next()}>
            {t('review.next')}
          </button>
        </p>
      )}
      {done && (
        <p className="vigil-success" role="status">
          {done}
        </p>
      )}
      {empty && <p role="status">{t('review.empty')}</p>}
      <ErrorNotice error={error} />
      {item && <ReviewItemPanel key={item.id} item={item} onFinished={finish} exposureChanged={exposure.reload} />}
      {supervises && <SupervisorReview onSettled={refresh} exposureChanged={exposure.reload} />}
    </Page>
  );
}

function ReviewItemPanel({ item, onFinished, exposureChanged }: { item: ReviewItem; onFinished: (message: string) => void; exposureChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { preview, error: previewError } = useConcealedPreview(item.id);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();

  const act = async (action: () => Promise<unknown>, message: string) => {
    setError(undefined);
    try {
      await action();
      onFinished(message);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section className="vigil-panel" aria-labelledby="review-item">
      <h2 id="review-item">{t('review.item.title', { reference: item.reportReference ?? item.id })}</h2>
      <ReviewItemFacts item={item}>
        <dt>{t('review.item.leaseExpiresAt')}</dt>
        <dd>{format.date(item.leaseExpiresAt)}</dd>
      </ReviewItemFacts>
      <h3>{t('review.item.media')}</h3>
      <BlurredMedia
        src={preview}
        alt={t('review.item.mediaAlt', { reference: item.reportReference ?? item.id })}
        reveal={async () => {
          const url = URL.createObjectURL(await reviewApi.reveal(item.id));
          exposureChanged();
          return url;
        }}
      />
      <h3 id="review-decision">{t('review.decision.title')}</h3>
      <div className="vigil-field">
        <label htmlFor="review-note">{t('review.decision.note')}</label>
        <textarea id="review-note" rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      <div className="vigil-actions" role="group" aria-labelledby="review-decision">
        {REVIEW_CLASSIFICATIONS.map((classification) => (
          <button key={classification} type="button" onClick={() => void act(() => reviewApi.decide(item.id, classification, note.trim() || undefined), t('review.decision.recorded'))}>
            {format.classification(classification)}
          </button>
        ))}
      </div>
      <p>
        <button type="button" className="vigil-secondary" onClick={() => void act(() => reviewApi.release(item.id), t('review.released'))}>
          {t('review.release')}
        </button>
      </p>
      <ErrorNotice error={error ?? previewError} />
    </section>
  );
}
