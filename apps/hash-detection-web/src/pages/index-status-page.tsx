import { ErrorNotice, useLoad } from '@vigil/web-ui';
import { useTranslation } from 'react-i18next';
import { indexApi } from '../api';
import { Page } from '../components/page';
import { useFormat } from '../format';

/** The in-memory PDQ match index: how many hashes it holds, where it came from, its snapshot. */
export function IndexStatusPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useLoad(() => indexApi.status(), []);
  const mebibytes = (bytes?: number) => (bytes === undefined ? '—' : t('index.mebibytes', { value: format.hours(bytes / 1048576) }));
  return (
    <Page title={t('index.title')}>
      <p className="vigil-muted">{t('index.intro')}</p>
      <ErrorNotice error={status.error} />
      {status.data && (
        <div className="vigil-columns">
          <section className="vigil-panel" aria-labelledby="index-pdq">
            <h2 id="index-pdq">{t('index.pdq')}</h2>
            <dl className="vigil-facts">
              <dt>{t('index.entries')}</dt>
              <dd>{format.number(status.data.pdq.entries)}</dd>
              <dt>{t('index.memory')}</dt>
              <dd>{mebibytes(status.data.pdq.memoryEstimateBytes)}</dd>
              <dt>{t('index.source')}</dt>
              <dd>
                {t(`index.sources.${status.data.pdq.source}`, { defaultValue: status.data.pdq.source })}
                {status.data.pdq.snapshotWrittenAt && ` (${t('index.snapshotOf', { date: format.date(status.data.pdq.snapshotWrittenAt) })})`}
              </dd>
              <dt>{t('index.loadedAt')}</dt>
              <dd>
                {format.date(status.data.pdq.loadedAt)}
                {status.data.pdq.loadMs !== undefined && ` (${t('index.milliseconds', { value: format.number(status.data.pdq.loadMs) })})`}
              </dd>
              <dt>{t('index.checksum')}</dt>
              <dd>
                <code className="vigil-hash">{status.data.pdq.fingerprint.checksum}</code>
              </dd>
              <dt>{t('index.changedSinceSnapshot')}</dt>
              <dd>{status.data.pdq.changedSinceSnapshot ? t('index.yes') : t('index.no')}</dd>
            </dl>
          </section>
          <section className="vigil-panel" aria-labelledby="index-snapshot">
            <h2 id="index-snapshot">{t('index.snapshot')}</h2>
            <dl className="vigil-facts">
              <dt>{t('index.snapshotPath')}</dt>
              <dd>
                <code>{status.data.snapshot.path}</code>
              </dd>
              <dt>{t('index.lastWrittenAt')}</dt>
              <dd>
                {/* Not written by this process yet: the file on disk is the one loaded at start, if any. */}
                {status.data.snapshot.lastWrittenAt
                  ? format.date(status.data.snapshot.lastWrittenAt)
                  : status.data.pdq.snapshotWrittenAt
                    ? t('index.writtenBeforeStart', { date: format.date(status.data.pdq.snapshotWrittenAt) })
                    : t('index.notWrittenYet')}
              </dd>
              <dt>{t('index.lastBytes')}</dt>
              <dd>{mebibytes(status.data.snapshot.lastBytes)}</dd>
              {status.data.snapshot.lastError && (
                <>
                  <dt>{t('index.lastError')}</dt>
                  <dd className="vigil-error">{status.data.snapshot.lastError}</dd>
                </>
              )}
            </dl>
          </section>
        </div>
      )}
      <p>
        <button type="button" className="vigil-secondary" onClick={status.reload}>
          {t('index.refresh')}
        </button>
      </p>
    </Page>
  );
}
