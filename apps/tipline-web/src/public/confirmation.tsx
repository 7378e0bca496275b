import { usePageTitle } from '@vigil/web-ui';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isSextortion } from '../api';
import type { Submitted } from './report-form';

const SAFETY_STEPS = ['blame', 'stop', 'pay', 'deactivate', 'evidence', 'tell'] as const;
const HELP = ['kids', 'needHelpNow', 'police'] as const;

/**
 * After a report: the reference to keep and, for sextortion, the safety guidance (Public Safety
 * Canada's 2023 sextortion webinar: stop contact, don't comply, deactivate rather than delete,
 * keep evidence, never the victim's fault) and where to get help.
 */
export function Confirmation({ submitted, onAnother }: { submitted: Submitted; onAnother: () => void }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('confirmation.title'), t('app.name'));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const received = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(submitted.receivedAt));
  return (
    <section aria-labelledby="confirmation-title">
      <h1 id="confirmation-title" ref={heading} tabIndex={-1}>
        {t('confirmation.title')}
      </h1>
      <div className="tip-reference">
        <p>{t('confirmation.reference')}</p>
        <p className="tip-reference-value" data-testid="reference">
          {submitted.reference}
        </p>
        <p>{t('confirmation.keep')}</p>
        {/* English's message has no full stop of its own: its date ends in "a.m." or "p.m."; French's does not, so it keeps one. */}
        <p className="vigil-muted">{t('confirmation.received', { date: received })}</p>
      </div>
      <section aria-labelledby="secret-title" className="tip-reference">
        <h2 id="secret-title">{t('confirmation.secretTitle')}</h2>
        <p className="tip-reference-value" data-testid="follow-up-secret">
          {submitted.followUpSecret}
        </p>
        <p>{t('confirmation.secretKeep')}</p>
        <p>{t('confirmation.secretOnce')}</p>
        <p>
          <a href="#/follow-up">{t('confirmation.secretLink')}</a>
        </p>
      </section>
      <p>{t('confirmation.next')}</p>
      {isSextortion(submitted.incidentType) && (
        <section aria-labelledby="safety-title" className="tip-safety">
          <h2 id="safety-title">{t('confirmation.safetyTitle')}</h2>
          <ul>
            {SAFETY_STEPS.map((step) => (
              <li key={step}>{t(`confirmation.safety.${step}`)}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="help-title">
        <h2 id="help-title">{t('confirmation.helpTitle')}</h2>
        <ul>
          {HELP.map((place) => (
            <li key={place}>{t(`confirmation.help.${place}`)}</li>
          ))}
        </ul>
      </section>
      <button type="button" onClick={onAnother}>
        {t('confirmation.another')}
      </button>
    </section>
  );
}
