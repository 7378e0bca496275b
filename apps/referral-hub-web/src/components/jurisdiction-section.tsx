import { DataTable, ErrorNotice, useLoad } from '@vigil/web-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi, type Evidence, type Jurisdiction } from '../api';
import { useFormat } from '../format';
import { useJurisdictionReasons } from '../jurisdiction-reasons';
import { useProvenance } from '../provenance';
import { PoliceServiceInput } from './police-service-input';

/**
 * Where the case belongs: the recommendation with its confidence and reason, every candidate,
 * the conflicts between pieces of evidence (shown, never hidden), what could not be placed, and
 * the investigator's override.
 */
export function JurisdictionSection({ caseId, version, canOverride, onOverridden }: { caseId: string; version: number; canOverride: boolean; onOverridden: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reasons = useJurisdictionReasons();
  /** "Ontario, Canada" / "France", as the reasons name them. */
  const name = (jurisdiction?: Jurisdiction) => (jurisdiction ? reasons.jurisdictionName(jurisdiction) : t('jurisdiction.nowhere'));
  const provenance = useProvenance();
  const resolved = useLoad(() => casesApi.jurisdiction(caseId), [caseId, version]);
  const [error, setError] = useState<unknown>();
  const override = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setError(undefined);
    try {
      await casesApi.overrideJurisdiction(caseId, String(data.get('target') ?? '').trim(), String(data.get('reason') ?? ''));
      form.reset();
      onOverridden();
    } catch (failure) {
      setError(failure);
    }
  };
  const resolution = resolved.data?.resolution;
  const recommended = resolution?.recommended;
  return (
    <section aria-labelledby="case-jurisdiction">
      <h2 id="case-jurisdiction">{t('jurisdiction.title')}</h2>
      <ErrorNotice error={resolved.error} />
      {resolution && recommended && (
        <>
          <div className="vigil-panel">
            <dl className="vigil-facts">
              <dt>{t('jurisdiction.recommended')}</dt>
              <dd data-testid="recommended-service">{recommended.policeService.name[format.language]}</dd>
              <dt>{t('jurisdiction.jurisdiction')}</dt>
              <dd>{name(recommended.jurisdiction)}</dd>
              <dt>{t('jurisdiction.route')}</dt>
              <dd>{t(`jurisdiction.routes.${recommended.route}`)}</dd>
              <dt>{t('jurisdiction.confidence')}</dt>
              <dd>{format.percent(recommended.confidence)}</dd>
              <dt>{t('jurisdiction.reason')}</dt>
              <dd>
                {reasons.recommendation(recommended)}
                {recommended.overridden && <strong> ({t('jurisdiction.overridden')})</strong>}
              </dd>
            </dl>
            {recommended.contested && <p className="hub-warning">{t('jurisdiction.contested')}</p>}
          </div>
          <h3>{t('jurisdiction.conflicts')}</h3>
          {resolution.conflicts.length ? (
            <ul className="hub-warning">
              {resolution.conflicts.map((conflict) => (
                <li key={conflict.description}>{reasons.conflict(conflict)}</li>
              ))}
            </ul>
          ) : (
            <p className="vigil-muted">{t('jurisdiction.noConflicts')}</p>
          )}
          <p className="vigil-muted">
            {t('jurisdiction.candidatesNote')}
          </p>
          <DataTable<(typeof resolution.candidates)[number]>
            caption={t('jurisdiction.candidates')}
            rows={resolution.candidates}
            rowKey={(candidate) => `${candidate.jurisdiction.country}-${candidate.jurisdiction.province ?? ''}`}
            columns={[
              { key: 'where', header: t('jurisdiction.jurisdiction'), render: (candidate) => name(candidate.jurisdiction) },
              { key: 'confidence', header: t('jurisdiction.confidence'), numeric: true, render: (candidate) => format.percent(candidate.confidence) },
              {
                key: 'reasons',
                header: t('jurisdiction.reasons'),
                render: (candidate) => (
                  <ul className="hub-reasons">
                    {reasons.candidate(candidate).map((reason, index) => (
                      <li key={index}>{reason}</li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
          <DataTable<Evidence & { index: number; unresolved?: string }>
            caption={t('jurisdiction.evidence')}
            rows={(resolved.data?.evidence ?? []).map((item, index) => {
              const unresolved = resolution.unresolved.find((one) => one.evidence.kind === item.kind && one.evidence.value === item.value);
              return { ...item, index, unresolved: unresolved && reasons.unresolved(unresolved) };
            })}
            rowKey={(item) => String(item.index)}
            columns={[
              { key: 'kind', header: t('jurisdiction.kind'), render: (item) => t(`jurisdiction.kinds.${item.kind}`, { defaultValue: item.kind }) },
              { key: 'value', header: t('case.identifiers.value'), render: (item) => <code>{item.value}</code> },
              { key: 'source', header: t('case.identifiers.source'), render: (item) => provenance.evidence(item) },
              { key: 'observed', header: t('case.identifiers.observedAt'), render: (item) => format.date(item.observedAt) },
              { key: 'unresolved', header: t('jurisdiction.unresolved'), render: (item) => item.unresolved ?? '—' },
            ]}
          />
        </>
      )}
      {canOverride && (
        <div className="vigil-panel" role="group" aria-labelledby="override-title">
          <h3 id="override-title">{t('jurisdiction.override.title')}</h3>
          <form className="vigil-stack" onSubmit={(event) => void override(event)}>
            <label htmlFor="override-target">{t('jurisdiction.override.target')}</label>
            <div className="vigil-field">
              <PoliceServiceInput id="override-target" name="target" describedBy="override-target-help" />
            </div>
            <span />
            <span id="override-target-help" className="vigil-muted">
              {t('jurisdiction.override.targetHelp')}
            </span>
            <label htmlFor="override-reason">{t('common.reason')}</label>
            <textarea id="override-reason" name="reason" rows={2} required minLength={3} maxLength={2000} />
            <span />
            <div>
              <button type="submit">{t('jurisdiction.override.submit')}</button>
            </div>
          </form>
          <ErrorNotice error={error} />
        </div>
      )}
    </section>
  );
}
