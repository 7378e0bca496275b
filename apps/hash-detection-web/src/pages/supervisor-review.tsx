import { BlurredMedia, DataTable, ErrorNotice, useIncidentTypeLabel, useLoad } from '@vigil/web-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REVIEW_CLASSIFICATIONS, reviewApi, type ReviewDecision, type ReviewItem } from '../api';
import { useFormat } from '../format';
import { ReviewItemFacts, useConcealedPreview } from './review-item-facts';

/**
 * The supervisor's part of the review queue: the items whose reviewers could not agree, each
 * with every reviewer's decision, and an override (a classification and a required reason,
 * recorded with who and when). The preview stays blurred and grey until revealed, as for reviewers.
 */
export function SupervisorReview({ onSettled, exposureChanged }: { onSettled: () => void; exposureChanged: () => void }) {
  const { t } = useTranslation();
  const incidentType = useIncidentTypeLabel();
  const format = useFormat();
  const awaiting = useLoad(() => reviewApi.awaitingSupervisor(), []);
  const [item, setItem] = useState<ReviewItem>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();

  const open = async (id: string) => {
    setError(undefined);
    setDone(undefined);
    try {
      setItem(await reviewApi.item(id));
    } catch (failure) {
      setItem(undefined);
      setError(failure);
    }
  };
  const settled = (overridden: ReviewItem) => {
    setItem(undefined);
    setDone(t('review.override.done', { reference: overridden.reportReference ?? overridden.id, classification: format.classification(overridden.outcome?.classification) }));
    awaiting.reload();
    onSettled();
  };

  return (
    <>
      <section className="vigil-panel" aria-labelledby="review-supervisor">
        <h2 id="review-supervisor">{t('review.supervisor.title')}</h2>
        <p className="vigil-muted">{t('review.supervisor.intro')}</p>
        <ErrorNotice error={awaiting.error} />
        {awaiting.data && (
          <DataTable<ReviewItem>
            caption={t('review.supervisor.title')}
            hideCaption
            rows={awaiting.data}
            rowKey={(row) => row.id}
            columns={[
              { key: 'reference', header: t('review.supervisor.reference'), render: (row) => row.reportReference ?? row.id },
              { key: 'incident', header: t('review.item.incidentType'), render: (row) => (row.incidentType ? incidentType(row.incidentType) : '—') },
              { key: 'since', header: t('review.supervisor.since'), render: (row) => format.date(row.supervisorFlag?.at) },
              { key: 'decisions', header: t('review.supervisor.decisionCount'), numeric: true, render: (row) => format.number(row.decisionCount) },
              {
                key: 'open',
                header: t('review.supervisor.actions'),
                render: (row) => (
                  <button type="button" className="vigil-secondary" onClick={() => void open(row.id)}>
                    {t('review.supervisor.openItem', { reference: row.reportReference ?? row.id })}
                  </button>
                ),
              },
            ]}
          />
        )}
        {done && (
          <p className="vigil-success" role="status">
            {done}
          </p>
        )}
        <ErrorNotice error={error} />
      </section>
      {item && <SupervisorItemPanel key={item.id} item={item} onSettled={settled} exposureChanged={exposureChanged} />}
    </>
  );
}

function SupervisorItemPanel({ item, onSettled, exposureChanged }: { item: ReviewItem; onSettled: (item: ReviewItem) => void; exposureChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { preview, error: previewError } = useConcealedPreview(item.id);
  const [reasonMissing, setReasonMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const reference = item.reportReference ?? item.id;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const reason = String(data.get('reason')).trim();
    setError(undefined);
    setReasonMissing(!reason);
    if (!reason) return;
    setBusy(true);
    try {
      onSettled((await reviewApi.override(item.id, String(data.get('classification')), reason)).item);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="vigil-panel" aria-labelledby="supervisor-item">
      <h2 id="supervisor-item">{t('review.item.title', { reference })}</h2>
      <ReviewItemFacts item={item}>
        <dt>{t('review.item.status')}</dt>
        <dd>{item.status ? t(`review.statuses.${item.status}`, { defaultValue: item.status }) : '—'}</dd>
        <dt>{t('review.supervisor.why')}</dt>
        <dd>{item.supervisorFlag ? `${item.supervisorFlag.reason} (${format.date(item.supervisorFlag.at)})` : '—'}</dd>
      </ReviewItemFacts>
      <DataTable<ReviewDecision>
        caption={t('review.supervisor.decisions')}
        rows={item.decisions ?? []}
        rowKey={(decision) => `${decision.reviewer} ${decision.at}`}
        columns={[
          { key: 'reviewer', header: t('review.supervisor.reviewer'), render: (decision) => decision.reviewer },
          { key: 'classification', header: t('review.supervisor.classification'), render: (decision) => format.classification(decision.classification) },
          { key: 'note', header: t('review.decision.note'), render: (decision) => decision.note ?? '—' },
          { key: 'at', header: t('review.supervisor.at'), render: (decision) => format.date(decision.at) },
        ]}
      />
      <h3>{t('review.item.media')}</h3>
      <BlurredMedia
        src={preview}
        alt={t('review.item.mediaAlt', { reference })}
        reveal={async () => {
          const url = URL.createObjectURL(await reviewApi.reveal(item.id));
          exposureChanged();
          return url;
        }}
      />
      <ErrorNotice error={previewError} />
      <h3 id="override-title">{t('review.override.title')}</h3>
      <form className="vigil-stack" aria-labelledby="override-title" noValidate onSubmit={(event) => void submit(event)}>
        <label htmlFor="override-classification">{t('review.supervisor.classification')}</label>
        <select id="override-classification" name="classification" defaultValue={REVIEW_CLASSIFICATIONS[0]}>
          {REVIEW_CLASSIFICATIONS.map((classification) => (
            <option key={classification} value={classification}>
              {format.classification(classification)}
            </option>
          ))}
        </select>
        <label htmlFor="override-reason">{t('review.override.reason')}</label>
        <div>
          <textarea
            id="override-reason"
            name="reason"
            rows={2}
            maxLength={2000}
            required
            aria-invalid={reasonMissing ? 'true' : undefined}
            aria-describedby={reasonMissing ? 'override-reason-missing' : undefined}
            onChange={() => setReasonMissing(false)}
          />
          {reasonMissing && (
            <p id="override-reason-missing" className="vigil-error" role="alert">
              {t('review.override.reasonMissing')}
            </p>
          )}
        </div>
        <span />
        <div>
          <button type="submit" disabled={busy}>
            {t('review.override.submit')}
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
    </section>
  );
}
