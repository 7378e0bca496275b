import { DataTable, ErrorNotice, routeHref, useLoad } from '@vigil/web-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { triageApi, type Dissemination, type TriageQueueItem } from '../api';
import { Page } from '../components/page';
import { TriageDecisionForm, UrgencyBadge } from '../components/triage-decision-form';
import { useFormat } from '../format';
import { useTriageReasons } from '../triage-reasons';

/**
 * The 24/7 triage queue: referrals awaiting a decision, most urgent (P1) first as the server
 * orders them, each with the rules' proposal and reasons; and referrals a police service has not
 * acknowledged in time, re-flagged.
 */
export function TriagePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const reasons = useTriageReasons();
  const [version, setVersion] = useState(0);
  const [deciding, setDeciding] = useState<TriageQueueItem>();
  const [decided, setDecided] = useState<string>();
  const queue = useLoad(() => triageApi.queue(), [version]);

  return (
    <Page title={t('triage.title')}>
      <p className="vigil-muted">{t('triage.intro')}</p>
      <ErrorNotice error={queue.error} />
      {decided && (
        <p className="vigil-success" role="status">
          {t('triage.decided', { referral: decided })}
        </p>
      )}
      {queue.data && (
        <>
          <section aria-labelledby="triage-waiting">
            <h2 id="triage-waiting">{t('triage.waiting', { count: queue.data.items.length })}</h2>
            <DataTable<TriageQueueItem>
              caption={t('triage.waitingCaption')}
              hideCaption
              rows={queue.data.items}
              rowKey={(item) => item.referralId}
              columns={[
                { key: 'urgency', header: t('triage.urgency'), render: (item) => <UrgencyBadge level={item.urgency} /> },
                { key: 'case', header: t('triage.case'), render: (item) => <a href={routeHref('/cases', item.caseId)}>{item.caseReference}</a> },
                { key: 'referral', header: t('triage.referral'), render: (item) => `${t(`sources.${item.origin}`, { defaultValue: item.origin })} · ${item.reference}` },
                { key: 'type', header: t('triage.incidentType'), render: (item) => format.incidentType(item.incidentType) },
                { key: 'validity', header: t('triage.validity'), render: (item) => <Validity actionable={item.proposed.actionable} reason={reasons.validity(item.proposed)} /> },
                {
                  key: 'reasons',
                  header: t('triage.reasons'),
                  render: (item) => (
                    <ul className="hub-reasons">
                      {reasons.urgency(item.proposed).map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  ),
                },
                { key: 'received', header: t('triage.received'), render: (item) => format.date(item.receivedAt) },
                {
                  key: 'actions',
                  header: t('triage.actions'),
                  render: (item) => (
                    <button type="button" className="vigil-secondary" aria-label={t('triage.decideReferral', { referral: item.reference })} onClick={() => setDeciding(item)}>
                      {t('triage.decide')}
                    </button>
                  ),
                },
              ]}
            />
            {deciding && (
              <TriageDecisionForm
                key={deciding.referralId}
                referralId={deciding.referralId}
                referralLabel={deciding.reference}
                standing={{ actionable: deciding.proposed.actionable, urgency: deciding.proposed.urgency, decided: false }}
                onCancel={() => setDeciding(undefined)}
                onDecided={() => {
                  setDecided(deciding.reference);
                  setDeciding(undefined);
                  setVersion((count) => count + 1);
                }}
              />
            )}
          </section>
          <section aria-labelledby="triage-unacknowledged">
            <h2 id="triage-unacknowledged">{t('triage.unacknowledged', { hours: format.number(queue.data.unacknowledged.ackHours) })}</h2>
            <DataTable<Dissemination>
              caption={t('triage.unacknowledgedCaption')}
              hideCaption
              rows={queue.data.unacknowledged.items}
              rowKey={(item) => item.id}
              columns={[
                { key: 'case', header: t('triage.case'), render: (item) => <a href={routeHref('/cases', item.caseId, 'packages')}>{item.caseReference}</a> },
                { key: 'service', header: t('dissemination.policeService'), render: (item) => item.policeServiceId },
                { key: 'kind', header: t('packages.kind'), render: (item) => t(`packages.kinds.${item.kind}`) },
                { key: 'sent', header: t('dissemination.sentAt'), render: (item) => `${format.date(item.disseminatedAt)} · ${item.disseminatedBy}` },
              ]}
            />
          </section>
        </>
      )}
    </Page>
  );
}

export function Validity({ actionable, reason }: { actionable: boolean; reason?: string }) {
  const { t } = useTranslation();
  return (
    <span>
      <strong>{actionable ? t('triage.actionable') : t('triage.notActionable')}</strong>
      {reason && <>: {reason}</>}
    </span>
  );
}
