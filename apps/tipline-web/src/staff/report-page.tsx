import { BlurredMedia, DataTable, ErrorNotice, routeHref, useLoad } from '@vigil/web-ui';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, PRIORITY_LEVELS, triageApi, type Report, type ReportIncident, type ReportMedia, type TimelineItem, type TriageState } from '../api';
import { Page, useDateFormat } from './page';
import { PriorityReasons } from './queue-page';
import { useOffenceText } from './offence-text';
import { useTimelineText } from './reason-text';
import { ReporterDetails } from './reporter-details';
import { ClassificationForm, ForwardForm, SplitForm, TakedownForm } from './triage-forms';

/**
 * One report for an analyst: metadata, URLs and hashes first, media blurred and grey (matched
 * known material never shown), then the actions, related reports and the timeline.
 */
export function ReportPage({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const timelineText = useTimelineText();
  const offence = useOffenceText();
  const loaded = useLoad(async () => {
    const [report, triage, timeline, related] = await Promise.all([triageApi.report(reportId), triageApi.triage(reportId), triageApi.timeline(reportId), triageApi.related(reportId)]);
    return { report, triage, timeline, related };
  }, [reportId]);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<unknown>();

  /** Runs an action, then reloads everything so the page shows the server's state. */
  const act = async (action: () => Promise<unknown>, done: string) => {
    setError(undefined);
    setStatus(undefined);
    try {
      await action();
      setStatus(done);
      loaded.reload();
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    }
  };

  const data = loaded.data;
  const me = api.currentUser()?.username;
  const report = data?.report;
  return (
    <Page title={report ? t('staff.report.title', { reference: report.reference }) : t('ui.loading')}>
      <p>
        <a href={routeHref('/staff')}>{t('staff.report.back')}</a>
      </p>
      <ErrorNotice error={loaded.error} />
      {data && report && (
        <>
          <section aria-labelledby="facts-title" className="vigil-panel">
            <h2 id="facts-title">{t('staff.report.facts')}</h2>
            <dl className="vigil-facts">
              <dt>{t('staff.queue.reference')}</dt>
              <dd>{report.reference}</dd>
              <dt>{t('staff.queue.type')}</dt>
              <dd>{t(`incidentTypes.${report.incidentType}`)}</dd>
              <dt>{t('staff.report.status')}</dt>
              <dd>{t(`staff.reportStatuses.${report.status}`)}</dd>
              <dt>{t('staff.queue.priority')}</dt>
              <dd>{t(`staff.priorities.${report.priority}`)}</dd>
              <dt>{t('staff.queue.source')}</dt>
              <dd>{t(`staff.sources.${report.source}`)}</dd>
              <dt>{t('staff.queue.received')}</dt>
              <dd>{date(report.receivedAt)}</dd>
              <dt>{t('staff.report.claim')}</dt>
              <dd data-testid="claim">{data.triage.claim ? t('staff.report.claimUntil', { by: data.triage.claim.by, until: date(data.triage.claim.expiresAt) }) : t('staff.report.unclaimed')}</dd>
              <dt>{t('staff.report.classification')}</dt>
              <dd>{data.triage.classification ? `${t(`incidentTypes.${data.triage.classification.incidentType}`)} ${data.triage.classification.offences.map(offence.section).join(', ')}` : '—'}</dd>
              <dt>{t('staff.report.urls')}</dt>
              <dd>
                {report.urls.length ? (
                  <ul className="tip-plain-list">
                    {report.urls.map((url) => (
                      <li key={url}>
                        <code>{url}</code>
                      </li>
                    ))}
                  </ul>
                ) : (
                  t('staff.report.none')
                )}
              </dd>
              <dt>{t('staff.report.decisions')}</dt>
              <dd data-testid="decisions">
                <Decisions decisions={data.triage.decisions} />
              </dd>
            </dl>
            <h3>{t('staff.report.priorityReasons')}</h3>
            <PriorityReasons report={report} />
            <h3>{t('staff.report.description')}</h3>
            <pre className="tip-description">{report.description || '—'}</pre>
            <ReporterDetails details={report.details} followUps={report.followUps} />
          </section>

          {report.media.length > 0 && <MediaSection media={report.media} />}

          {data.triage.incidents.length > 0 && <IncidentsSection incidents={data.triage.incidents} />}

          <section aria-labelledby="actions-title">
            <h2 id="actions-title">{t('staff.report.actions')}</h2>
            <div aria-live="polite">{status && <p className="vigil-success">{status}</p>}</div>
            <ErrorNotice error={error} />
            <div className="vigil-actions">
              {data.triage.claim?.by === me ? (
                <button type="button" className="vigil-secondary" onClick={() => void act(() => triageApi.release(report.id), t('staff.report.released'))}>
                  {t('staff.report.release')}
                </button>
              ) : (
                <button type="button" onClick={() => void act(() => triageApi.claim(report.id), t('staff.report.claimed'))}>
                  {t('staff.report.claim')}
                </button>
              )}
            </div>
            <div className="tip-action-forms">
              <PriorityForm current={report} onSubmit={(priority, reason) => act(() => triageApi.priority(report.id, priority, reason), t('staff.report.prioritySet'))} />
              <ReasonForm id="note" legend={t('staff.report.noteLegend')} label={t('staff.report.note')} submit={t('staff.report.addNote')} onSubmit={(text) => act(() => triageApi.note(report.id, text), t('staff.report.noteAdded'))} />
              {report.status === 'submitted' && (
                <>
                  <ReasonForm id="escalate" legend={t('staff.report.escalateLegend')} label={t('staff.report.summary')} submit={t('staff.report.escalate')} onSubmit={(summary) => act(() => triageApi.escalate(report.id, summary), t('staff.report.escalated'))} />
                  <ReasonForm id="close" legend={t('staff.report.closeLegend')} label={t('staff.report.closeReason')} submit={t('staff.report.close')} danger onSubmit={(reason) => act(() => triageApi.close(report.id, reason), t('staff.report.closed'))} />
                </>
              )}
              {report.status !== 'closed' && (
                <>
                  {/* Keyed on the saved state so each form starts from what the server holds after a reload. */}
                  <ClassificationForm
                    key={`classification-${data.triage.classification?.at ?? ''}`}
                    report={report}
                    current={data.triage.classification}
                    onSubmit={(incidentType, offences) => act(() => triageApi.classify(report.id, incidentType, offences), t('staff.report.classified'))}
                  />
                  <SplitForm key={`split-${data.triage.incidents.map((incident) => incident.id).join()}`} report={report} current={data.triage.incidents} onSubmit={(incidents) => act(() => triageApi.split(report.id, incidents), t('staff.report.splitDone'))} />
                  <TakedownForm report={report} onSubmit={(urls, classification) => act(() => triageApi.takedown(report.id, urls, classification), t('staff.report.takedownRequested'))} />
                  <ForwardForm onSubmit={(country, hotline, note) => act(() => triageApi.forward(report.id, country, hotline, note), t('staff.report.forwarded'))} />
                </>
              )}
            </div>
          </section>

          <section aria-labelledby="related-title">
            <h2 id="related-title">{t('staff.report.related')}</h2>
            <DataTable
              caption={t('staff.report.related')}
              hideCaption
              rows={data.related.related}
              rowKey={(row) => row.reportId}
              columns={[
                { key: 'reference', header: t('staff.queue.reference'), render: (row) => <a href={routeHref('/staff/reports', row.reportId)}>{row.reference}</a> },
                { key: 'type', header: t('staff.queue.type'), render: (row) => t(`incidentTypes.${row.incidentType}`) },
                { key: 'priority', header: t('staff.queue.priority'), render: (row) => t(`staff.priorities.${row.priority}`) },
                { key: 'status', header: t('staff.report.status'), render: (row) => t(`staff.reportStatuses.${row.status}`, { defaultValue: row.status }) },
                { key: 'shared', header: t('staff.report.shared'), render: (row) => row.shared.map((one) => `${one.kind}: ${one.value}`).join('; ') },
              ]}
            />
          </section>

          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('staff.report.timeline')}</h2>
            <DataTable<TimelineItem>
              caption={t('staff.report.timeline')}
              hideCaption
              rows={data.timeline}
              rowKey={(row) => `${row.at}-${row.action}-${row.summary}`}
              columns={[
                { key: 'at', header: t('staff.report.when'), render: (row) => date(row.at) },
                { key: 'by', header: t('staff.report.who'), render: (row) => timelineText.who(row) },
                { key: 'action', header: t('staff.report.action'), render: (row) => t(`staff.timelineActions.${row.action}`, { defaultValue: row.action }) },
                { key: 'summary', header: t('staff.report.what'), render: (row) => timelineText.what(row) },
              ]}
            />
          </section>
        </>
      )}
    </Page>
  );
}

function IncidentsSection({ incidents }: { incidents: ReportIncident[] }) {
  const { t } = useTranslation();
  const offence = useOffenceText();
  return (
    <section aria-labelledby="incidents-title">
      <h2 id="incidents-title">{t('staff.report.incidents', { count: incidents.length })}</h2>
      <DataTable<ReportIncident>
        caption={t('staff.report.incidents', { count: incidents.length })}
        hideCaption
        rows={incidents}
        rowKey={(row) => row.id}
        columns={[
          { key: 'type', header: t('staff.queue.type'), render: (row) => t(`incidentTypes.${row.incidentType}`) },
          { key: 'description', header: t('staff.report.incidentDescription'), render: (row) => row.description || '—' },
          { key: 'urls', header: t('staff.report.urls'), render: (row) => (row.urls.length ? row.urls.join(' ') : '—') },
          { key: 'offences', header: t('staff.report.offences'), render: (row) => (row.offences.length ? row.offences.map(offence.withLabel).join('; ') : '—') },
        ]}
      />
    </section>
  );
}

/** Takedowns and forwards abroad (escalation and closing already show in the status). */
function Decisions({ decisions }: { decisions: TriageState['decisions'] }) {
  const { t, i18n } = useTranslation();
  const shown = decisions.filter((decision) => decision.kind === 'takedown-requested' || decision.kind === 'forwarded-abroad');
  if (shown.length === 0) return <>{t('staff.report.none')}</>;
  const countries = new Intl.DisplayNames([i18n.resolvedLanguage ?? 'en'], { type: 'region' });
  return (
    <ul className="tip-plain-list">
      {shown.map((decision, index) => (
        <li key={`${decision.at}-${index}`}>
          {decision.kind === 'takedown-requested'
            ? t('staff.report.takedownDecision', { urls: (decision.urls ?? []).join(' '), by: decision.by })
            : t('staff.report.forwardDecision', { hotline: decision.hotline, country: countries.of(decision.country ?? '') ?? decision.country, by: decision.by })}
        </li>
      ))}
    </ul>
  );
}

const SIZE_UNITS = [
  { unit: 'megabyte', bytes: 1024 * 1024, digits: 1 },
  { unit: 'kilobyte', bytes: 1024, digits: 0 },
  { unit: 'byte', bytes: 1, digits: 0 },
];

/** A size as people read it ("177 kB", "177 ko"), in binary multiples as file managers count them. */
function humanSize(bytes: number, locale: string): string {
  const { unit, bytes: per, digits } = SIZE_UNITS.find((one) => bytes >= one.bytes) ?? SIZE_UNITS[SIZE_UNITS.length - 1];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: digits }).format(bytes / per);
}

function MediaSection({ media }: { media: ReportMedia[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA';
  const exact = new Intl.NumberFormat(locale);
  return (
    <section aria-labelledby="media-title">
      <h2 id="media-title">{t('staff.report.mediaTitle', { count: media.length })}</h2>
      {media.map((item) => (
        <article key={item.mediaId} className="vigil-panel" aria-label={item.filename}>
          <dl className="vigil-facts">
            <dt>{t('staff.report.filename')}</dt>
            <dd>{item.filename}</dd>
            <dt>{t('staff.report.contentType')}</dt>
            <dd>{item.contentType}</dd>
            <dt>{t('staff.report.size')}</dt>
            {/* The exact count too (analysts compare it with the copy a platform or the police holds), unless the size is already in bytes. */}
            <dd data-testid="media-size">{item.bytes < 1024 ? humanSize(item.bytes, locale) : t('staff.report.sizeValue', { size: humanSize(item.bytes, locale), bytes: exact.format(item.bytes) })}</dd>
            <dt>SHA-256</dt>
            <dd className="vigil-hash">{item.sha256}</dd>
            <dt>MD5</dt>
            <dd className="vigil-hash">{item.md5}</dd>
            <dt>PDQ</dt>
            <dd className="vigil-hash">{item.pdq ?? '—'}</dd>
            <dt>{t('staff.report.matchState')}</dt>
            <dd>{t(`staff.report.matchStates.${item.matchState}`)}</dd>
          </dl>
          {item.matchState === 'matched' ? (
            <p>{t('staff.report.matchedNotShown', { bank: item.match?.bankName ?? '—', classification: item.match?.classification ?? '—' })}</p>
          ) : (
            <EvidencePreview item={item} />
          )}
        </article>
      ))}
    </section>
  );
}

/** The original file, fetched with the analyst's token (audited) and shown only through BlurredMedia's filter. */
function EvidencePreview({ item }: { item: ReportMedia }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    triageApi.evidence(item.mediaId).then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [item.mediaId]);
  return <BlurredMedia src={src} alt={t('staff.report.mediaAlt', { name: item.filename })} reveal={async () => URL.createObjectURL(await triageApi.evidence(item.mediaId))} />;
}

function PriorityForm({ current, onSubmit }: { current: Report; onSubmit: (priority: string, reason: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [priority, setPriority] = useState<string>(current.priority);
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onSubmit(priority, reason)) setReason('');
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>{t('staff.report.priorityLegend')}</legend>
        <div className="vigil-field">
          <label htmlFor="priority-level">{t('staff.report.newPriority')}</label>
          <select id="priority-level" value={priority} onChange={(event) => setPriority(event.target.value)}>
            {PRIORITY_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`staff.priorities.${level}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="vigil-field">
          <label htmlFor="priority-reason">{t('staff.report.priorityReason')}</label>
          <input id="priority-reason" required value={reason} onChange={(event) => setReason(event.target.value)} />
        </div>
        <button type="submit">{t('staff.report.setPriority')}</button>
      </fieldset>
    </form>
  );
}

function ReasonForm({ id, legend, label, submit, danger = false, onSubmit }: { id: string; legend: string; label: string; submit: string; danger?: boolean; onSubmit: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await onSubmit(text)) setText('');
  };
  return (
    <form onSubmit={(event) => void send(event)}>
      <fieldset>
        <legend>{legend}</legend>
        <div className="vigil-field">
          <label htmlFor={`${id}-text`}>{label}</label>
          <textarea id={`${id}-text`} rows={3} required value={text} onChange={(event) => setText(event.target.value)} />
        </div>
        <button type="submit" className={danger ? 'vigil-danger' : undefined}>
          {submit}
        </button>
      </fieldset>
    </form>
  );
}
