import { ErrorNotice } from '@vigil/web-ui';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { triageApi, URGENCY_LEVELS, type Referral, type UrgencyLevel } from '../api';
import { decisionRequest, departures, type TriageStanding } from '../triage-decision';

/**
 * An investigator's validity and urgency decision on one referral. It starts from what stands
 * (the rules' proposal or the last decision); departing from it needs a reason, which the
 * server records as an override with who and when.
 */
export function TriageDecisionForm({ referralId, referralLabel, standing, onDecided, onCancel }: { referralId: string; referralLabel: string; standing: TriageStanding; onDecided: (referral: Referral) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [actionable, setActionable] = useState(standing.actionable);
  const [urgency, setUrgency] = useState<UrgencyLevel>(standing.urgency);
  const [notActionableReason, setNotActionableReason] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const changed = departures(standing, { actionable, urgency });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onDecided(await triageApi.decide(referralId, decisionRequest({ actionable, urgency, notActionableReason, reason })));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="vigil-panel" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('decision.title', { referral: referralLabel })}</h3>
      <form className="vigil-stack" onSubmit={(event) => void submit(event)}>
        <span className="vigil-muted">{t('decision.validity')}</span>
        <fieldset>
          <legend className="vigil-visually-hidden">{t('decision.validity')}</legend>
          <label>
            <input type="radio" name={`${id}-actionable`} checked={actionable} onChange={() => setActionable(true)} /> {t('triage.actionable')}
          </label>
          <label>
            <input type="radio" name={`${id}-actionable`} checked={!actionable} onChange={() => setActionable(false)} /> {t('triage.notActionable')}
          </label>
        </fieldset>
        {!actionable && (
          <>
            <label htmlFor={`${id}-not-actionable`}>{t('decision.notActionableReason')}</label>
            <textarea id={`${id}-not-actionable`} rows={2} maxLength={2000} required value={notActionableReason} onChange={(event) => setNotActionableReason(event.target.value)} />
          </>
        )}
        <label htmlFor={`${id}-urgency`}>{t('decision.urgency')}</label>
        <select id={`${id}-urgency`} value={urgency} onChange={(event) => setUrgency(event.target.value as UrgencyLevel)}>
          {URGENCY_LEVELS.map((level) => (
            <option key={level} value={level}>
              {t('urgency.option', { level, definition: t(`urgency.definitions.${level}`) })}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-reason`}>{t('decision.reason')}</label>
        <textarea id={`${id}-reason`} rows={2} maxLength={2000} required={changed.length > 0} aria-describedby={`${id}-reason-help`} value={reason} onChange={(event) => setReason(event.target.value)} />
        <span />
        <span id={`${id}-reason-help`} className={changed.length > 0 ? 'hub-warning' : 'vigil-muted'}>
          {changed.length > 0 ? t('decision.overrideNote', { fields: changed.map((field) => t(`decision.fields.${field}`)).join(', ') }) : t('decision.reasonHelp')}
        </span>
        <span />
        <div className="hub-actions">
          <button type="submit" disabled={busy}>
            {t('decision.submit')}
          </button>
          {onCancel && (
            <button type="button" className="vigil-secondary" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      <ErrorNotice error={error} />
    </div>
  );
}

export function UrgencyBadge({ level }: { level: UrgencyLevel }) {
  const { t } = useTranslation();
  return (
    <abbr className={`hub-urgency hub-urgency-${level}`} title={t(`urgency.definitions.${level}`)}>
      {level}
    </abbr>
  );
}
