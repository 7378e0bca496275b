import { DataTable, ErrorNotice } from '@vigil/web-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HASH_TYPES, matchApi, type HashType, type MatchResponse, type MatchResult } from '../api';
import { Page } from '../components/page';
import { useFormat } from '../format';

/** Checks a file or a hash against the banks and shows why it matched (or did not): kind, distance, reason. */
export function MatchTesterPage() {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<MatchResponse>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async (request: () => Promise<MatchResponse>) => {
    setBusy(true);
    setError(undefined);
    setAnswer(undefined);
    try {
      setAnswer(await request());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const submitFile = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('file');
    if (file instanceof File && file.size > 0) void run(() => matchApi.file(file));
  };
  const submitHash = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void run(() => matchApi.hashes([{ type: String(data.get('type')) as HashType, value: String(data.get('value')).trim() }]));
  };
  return (
    <Page title={t('match.title')}>
      <p className="vigil-muted">{t('match.intro')}</p>
      <section className="vigil-panel" aria-labelledby="match-file">
        <h2 id="match-file">{t('match.file.title')}</h2>
        <p className="vigil-muted">{t('match.file.help')}</p>
        <form className="vigil-inline" onSubmit={submitFile}>
          <div>
            <label htmlFor="match-file-input">{t('match.file.label')}</label>
            <input id="match-file-input" name="file" type="file" required />
          </div>
          <button type="submit" disabled={busy}>
            {t('match.file.submit')}
          </button>
        </form>
      </section>
      <section className="vigil-panel" aria-labelledby="match-hash">
        <h2 id="match-hash">{t('match.hash.title')}</h2>
        <form className="vigil-inline" onSubmit={submitHash}>
          <div>
            <label htmlFor="match-hash-type">{t('match.hash.type')}</label>
            <select id="match-hash-type" name="type" defaultValue="pdq">
              {HASH_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type.toUpperCase()}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="match-hash-value">{t('match.hash.value')}</label>
            <input id="match-hash-value" name="value" required size={66} maxLength={200} spellCheck={false} autoComplete="off" />
          </div>
          <button type="submit" disabled={busy}>
            {t('match.hash.submit')}
          </button>
        </form>
      </section>
      <ErrorNotice error={error} />
      {answer && (
        <section aria-labelledby="match-results" aria-live="polite">
          <h2 id="match-results">{t('match.results.title')}</h2>
          {answer.verdict && <Verdict answer={answer} />}
          <MatchResults results={answer.results} />
        </section>
      )}
    </Page>
  );
}

/** For a file: the decision over all its hashes together, as a report would get it. */
function Verdict({ answer }: { answer: MatchResponse }) {
  const { t } = useTranslation();
  const format = useFormat();
  const verdict = answer.verdict;
  if (!verdict) return null;
  return (
    <dl className="vigil-facts vigil-panel">
      {answer.file && (
        <>
          <dt>{t('match.verdict.file')}</dt>
          <dd>{t('match.verdict.fileFacts', { contentType: answer.file.contentType, bytes: format.number(answer.file.bytes), quality: answer.file.pdqQuality ?? '—' })}</dd>
        </>
      )}
      <dt>{t('match.verdict.decision')}</dt>
      <dd>
        <strong>{verdict.matched ? t('match.verdict.matched', { kind: verdict.matchKind ? t(`match.kinds.${verdict.matchKind}`) : '' }) : t('match.verdict.noMatch')}</strong>
        {verdict.matched && <> · {format.classification(verdict.classification)}</>}
      </dd>
      <dt>{t('match.results.reason')}</dt>
      <dd>{verdict.reason}</dd>
      <dt>{t('match.verdict.requestId')}</dt>
      <dd>
        <code>{answer.requestId}</code>
      </dd>
    </dl>
  );
}

function MatchResults({ results }: { results: MatchResult[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <DataTable<MatchResult>
      caption={t('match.results.title')}
      hideCaption
      rows={results}
      rowKey={(result) => `${result.type}:${result.hash}`}
      columns={[
        { key: 'type', header: t('match.results.type'), render: (result) => result.type.toUpperCase() },
        { key: 'hash', header: t('match.results.hash'), render: (result) => <code className="vigil-hash">{result.hash}</code> },
        { key: 'matched', header: t('match.results.matched'), render: (result) => (result.matched ? <strong>{t('match.results.yes')}</strong> : t('match.results.no')) },
        { key: 'kind', header: t('match.results.kind'), render: (result) => (result.matchKind ? t(`match.kinds.${result.matchKind}`) : '—') },
        { key: 'distance', header: t('match.results.distance'), numeric: true, render: (result) => format.number(result.distance) },
        { key: 'classification', header: t('match.results.classification'), render: (result) => format.classification(result.classification) },
        { key: 'bank', header: t('match.results.bank'), render: (result) => (result.bank ? <a href={`#/banks/${encodeURIComponent(result.bank.id)}`}>{result.bank.name}</a> : '—') },
        { key: 'reason', header: t('match.results.reason'), render: (result) => result.reason },
      ]}
    />
  );
}
