import { DataTable, DownloadButton, ErrorNotice, routeHref, useLoad } from '@vigil/web-ui';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi, type Case, type CaseHistoryEntry, type LinkProposal, type Referral, type SuspectIdentifier } from '../api';
import { JurisdictionSection } from '../components/jurisdiction-section';
import { Page } from '../components/page';
import { TriageDecisionForm, UrgencyBadge } from '../components/triage-decision-form';
import { useFormat } from '../format';
import { useJurisdictionReasons, type JurisdictionReasons } from '../jurisdiction-reasons';
import { useProvenance } from '../provenance';
import { triageStanding } from '../triage-decision';
import { Validity } from './triage-page';

/**
 * One case: every referral in it across sources, the suspect identifiers, proposed links to other
 * cases (merge) and splitting off referrals, where it belongs, and its timeline. Text, hashes
 * and metadata only.
 */
export function CasePage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [version, setVersion] = useState(0);
  const kase = useLoad(() => casesApi.get(caseId), [caseId, version]);
  const changed = () => setVersion((count) => count + 1);
  const data = kase.data;
  return (
    <Page title={data ? t('case.title', { reference: data.reference }) : t('case.loading')}>
      <p>
        <a href="#/cases">{t('case.back')}</a>
      </p>
      <ErrorNotice error={kase.error} />
      {data && (
        <>
          <section className="vigil-panel" aria-labelledby="case-facts">
            <h2 id="case-facts">{t('case.facts')}</h2>
            <dl className="vigil-facts">
              <dt>{t('case.status')}</dt>
              <dd>
                {t(`case.statuses.${data.status}`)}
                {data.mergedInto && (
                  <>
                    {' '}
                    (<a href={routeHref('/cases', data.mergedInto)}>{t('case.openMergedInto')}</a>)
                  </>
                )}
              </dd>
              <dt>{t('cases.openedAt')}</dt>
              <dd>{format.date(data.openedAt)}</dd>
              <dt>{t('cases.referrals')}</dt>
              <dd>{format.number(data.reports.length)}</dd>
            </dl>
            <p>
              <a href={routeHref('/cases', data.id, 'packages')}>{t('case.toPackages')}</a>
            </p>
          </section>
          <ReferralsSection kase={data} onChanged={changed} />
          <IdentifiersSection identifiers={data.reports.flatMap((referral) => referral.identifiers)} />
          {data.status === 'open' && <LinksSection caseId={data.id} version={version} onMerged={changed} />}
          <JurisdictionSection caseId={data.id} version={version} canOverride={data.status === 'open'} onOverridden={changed} />
          <TimelineSection history={data.history} />
        </>
      )}
    </Page>
  );
}

function ReferralsSection({ kase, onChanged }: { kase: Case; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [deciding, setDeciding] = useState<Referral>();
  const [selected, setSelected] = useState<string[]>([]);
  const open = kase.status === 'open';
  const toggle = (id: string) => setSelected((current) => (current.includes(id) ? current.filter((one) => one !== id) : [...current, id]));
  return (
    <section aria-labelledby="case-referrals">
      <h2 id="case-referrals">{t('case.referrals.title')}</h2>
      <DataTable<Referral>
        caption={t('case.referrals.title')}
        hideCaption
        rows={kase.reports}
        rowKey={(referral) => referral.id}
        columns={[
          {
            key: 'source',
            header: t('case.referrals.source'),
            render: (referral) => (
              <>
                <strong>{t(`sources.${referral.origin}`, { defaultValue: referral.origin })}</strong> · {referral.reference}
                {referral.sender && <div className="vigil-muted">{referral.sender.name}</div>}
              </>
            ),
          },
          { key: 'received', header: t('triage.received'), render: (referral) => format.date(referral.receivedAt) },
          { key: 'type', header: t('triage.incidentType'), render: (referral) => format.incidentType(referral.incidentType) },
          { key: 'summary', header: t('case.referrals.summary'), render: (referral) => referral.summary },
          {
            key: 'triage',
            header: t('case.referrals.triage'),
            render: (referral) => {
              const standing = triageStanding(referral.triage);
              return (
                <>
                  <UrgencyBadge level={standing.urgency} /> <Validity actionable={standing.actionable} reason={standing.actionable ? undefined : referral.triage.decision?.notActionableReason} />
                  <div className="vigil-muted">
                    {referral.triage.decision ? t('case.referrals.decidedBy', { name: referral.triage.decision.decidedBy, date: format.date(referral.triage.decision.decidedAt) }) : t('case.referrals.proposed')}
                  </div>
                  {referral.triage.overrides.length > 0 && (
                    <ul className="hub-reasons">
                      {referral.triage.overrides.map((override) => (
                        <li key={`${override.field}-${override.at}`}>{t('case.referrals.override', { field: t(`decision.fields.${override.field}`), from: override.from, to: override.to, reason: override.reason, name: override.by })}</li>
                      ))}
                    </ul>
                  )}
                </>
              );
            },
          },
          { key: 'evidence', header: t('case.referrals.evidence'), numeric: true, render: (referral) => format.number(referral.evidence.length) },
          {
            key: 'actions',
            header: t('triage.actions'),
            render: (referral) => (
              <div className="hub-actions">
                {open && (
                  <button type="button" className="vigil-secondary" aria-label={t('case.referrals.decideReferral', { referral: referral.reference })} onClick={() => setDeciding(referral)}>
                    {t('case.referrals.decide')}
                  </button>
                )}
                <DownloadButton fetchFile={() => casesApi.original(referral.id)} filename={`${referral.reference}.original`}>
                  {t('case.referrals.original')}
                  <span className="vigil-visually-hidden"> {referral.reference}</span>
                </DownloadButton>
                {open && kase.reports.length > 1 && (
                  <label>
                    <input type="checkbox" checked={selected.includes(referral.id)} onChange={() => toggle(referral.id)} /> {t('case.split.select', { referral: referral.reference })}
                  </label>
                )}
              </div>
            ),
          },
        ]}
      />
      {deciding && (
        <TriageDecisionForm
          key={deciding.id}
          referralId={deciding.id}
          referralLabel={deciding.reference}
          standing={triageStanding(deciding.triage)}
          onCancel={() => setDeciding(undefined)}
          onDecided={() => {
            setDeciding(undefined);
            onChanged();
          }}
        />
      )}
      {selected.length > 0 && (
        <SplitForm
          caseId={kase.id}
          referralIds={selected}
          onSplit={() => {
            setSelected([]);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function SplitForm({ caseId, referralIds, onSplit }: { caseId: string; referralIds: string[]; onSplit: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(undefined);
    try {
      const result = await casesApi.split(caseId, referralIds, String(new FormData(event.currentTarget).get('reason') ?? ''));
      setDone(result.split.reference);
      onSplit();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <div className="vigil-panel" role="group" aria-labelledby="split-title">
      <h3 id="split-title">{t('case.split.title', { count: referralIds.length })}</h3>
      <form className="vigil-stack" onSubmit={(event) => void submit(event)}>
        <label htmlFor="split-reason">{t('common.reason')}</label>
        <textarea id="split-reason" name="reason" rows={2} required minLength={3} maxLength={2000} />
        <span />
        <div>
          <button type="submit">{t('case.split.submit')}</button>
        </div>
      </form>
      {done && (
        <p className="vigil-success" role="status">
          {t('case.split.done', { reference: done })}
        </p>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}

function IdentifiersSection({ identifiers }: { identifiers: SuspectIdentifier[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const provenance = useProvenance();
  return (
    <section aria-labelledby="case-identifiers">
      <h2 id="case-identifiers">{t('case.identifiers.title')}</h2>
      <DataTable<SuspectIdentifier & { index: number }>
        caption={t('case.identifiers.title')}
        hideCaption
        rows={identifiers.map((identifier, index) => ({ ...identifier, index }))}
        rowKey={(identifier) => String(identifier.index)}
        columns={[
          { key: 'kind', header: t('case.identifiers.kind'), render: (identifier) => t(`identifierKinds.${identifier.kind}`, { defaultValue: identifier.kind }) },
          { key: 'value', header: t('case.identifiers.value'), render: (identifier) => <code>{identifier.value}</code> },
          { key: 'observed', header: t('case.identifiers.observedAt'), render: (identifier) => format.date(identifier.observedAt) },
          { key: 'source', header: t('case.identifiers.source'), render: (identifier) => provenance.source(identifier) },
        ]}
      />
    </section>
  );
}

function LinksSection({ caseId, version, onMerged }: { caseId: string; version: number; onMerged: () => void }) {
  const { t } = useTranslation();
  const reasons = useJurisdictionReasons();
  const links = useLoad(() => casesApi.links(caseId), [caseId, version]);
  const [merging, setMerging] = useState<LinkProposal>();
  const [error, setError] = useState<unknown>();
  const merge = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!merging) return;
    setError(undefined);
    try {
      await casesApi.merge(caseId, merging.caseId, String(new FormData(event.currentTarget).get('reason') ?? ''));
      setMerging(undefined);
      onMerged();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section aria-labelledby="case-links">
      <h2 id="case-links">{t('case.links.title')}</h2>
      <p className="vigil-muted">{t('case.links.intro')}</p>
      <ErrorNotice error={links.error} />
      {links.data && (
        <DataTable<LinkProposal>
          caption={t('case.links.title')}
          hideCaption
          rows={links.data}
          rowKey={(link) => link.caseId}
          columns={[
            { key: 'case', header: t('triage.case'), render: (link) => <a href={routeHref('/cases', link.caseId)}>{link.reference}</a> },
            { key: 'strength', header: t('case.links.strength'), render: (link) => (link.strong ? t('case.links.strong') : t('case.links.weak')) },
            {
              key: 'shared',
              header: t('case.links.shared'),
              render: (link) => (
                <ul className="hub-reasons">
                  {link.shared.map((item) => (
                    <li key={`${item.kind}-${item.value}`}>{reasons.link(item)}</li>
                  ))}
                </ul>
              ),
            },
            {
              key: 'actions',
              header: t('triage.actions'),
              render: (link) => (
                <button type="button" className="vigil-secondary" aria-label={t('case.links.mergeCase', { reference: link.reference })} onClick={() => setMerging(link)}>
                  {t('case.links.merge')}
                </button>
              ),
            },
          ]}
        />
      )}
      {merging && (
        <div className="vigil-panel" role="group" aria-labelledby="merge-title">
          <h3 id="merge-title">{t('case.links.mergeTitle', { reference: merging.reference })}</h3>
          <form className="vigil-stack" onSubmit={(event) => void merge(event)}>
            <label htmlFor="merge-reason">{t('common.reason')}</label>
            <textarea id="merge-reason" name="reason" rows={2} required minLength={3} maxLength={2000} />
            <span />
            <div className="hub-actions">
              <button type="submit">{t('case.links.mergeSubmit')}</button>
              <button type="button" className="vigil-secondary" onClick={() => setMerging(undefined)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
          <ErrorNotice error={error} />
        </div>
      )}
    </section>
  );
}

/** A timeline entry's detail in words: the reason, and what moved where. */
function describe(entry: CaseHistoryEntry, t: TFunction, reasons: JurisdictionReasons): string {
  const detail = entry.detail;
  const text = (key: string) => (typeof detail[key] === 'string' ? (detail[key] as string) : undefined);
  const parts = [
    text('otherReference') && t('case.timeline.otherCase', { reference: text('otherReference') }),
    text('reference') && t('case.timeline.otherCase', { reference: text('reference') }),
    text('newReference') && t('case.timeline.otherCase', { reference: text('newReference') }),
    text('from') && text('to') && `${text('from')} → ${text('to')}`,
    // An automatic opening by its rule, in the reader's language; a person's reason as they wrote it.
    text('rule') === 'no-known-identifier' ? t('case.timeline.noKnownIdentifier') : (reasons.attached(entry) ?? text('reason')),
  ];
  return parts.filter(Boolean).join(' · ') || '—';
}

function TimelineSection({ history }: { history: CaseHistoryEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reasons = useJurisdictionReasons();
  return (
    <section aria-labelledby="case-timeline">
      <h2 id="case-timeline">{t('case.timeline.title')}</h2>
      <DataTable<CaseHistoryEntry & { index: number }>
        caption={t('case.timeline.title')}
        hideCaption
        rows={history.map((entry, index) => ({ ...entry, index }))}
        rowKey={(entry) => String(entry.index)}
        columns={[
          { key: 'at', header: t('case.timeline.at'), render: (entry) => format.date(entry.at) },
          { key: 'action', header: t('case.timeline.action'), render: (entry) => t(`case.timeline.actions.${entry.action}`, { defaultValue: entry.action }) },
          { key: 'actor', header: t('case.timeline.actor'), render: (entry) => (entry.actor === 'system' ? t('case.timeline.system') : entry.actor) },
          { key: 'detail', header: t('case.timeline.detail'), render: (entry) => describe(entry, t, reasons) },
        ]}
      />
    </section>
  );
}
