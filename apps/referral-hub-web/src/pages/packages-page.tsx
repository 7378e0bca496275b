import { DataTable, DownloadButton, ErrorNotice, routeHref, useLoad } from '@vigil/web-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi, OUTCOMES, PACKAGE_KINDS, packagesApi, type Dissemination, type ManifestPart, type PackageKind, type PackageManifest, type PackageSummary } from '../api';
import { Page } from '../components/page';
import { PoliceServiceInput, usePoliceServiceName } from '../components/police-service-input';
import { useFormat } from '../format';

/**
 * The package builder and dissemination tracker for one case: build a package or lead version,
 * see each version's SHA-256 manifest, download the PDF (people), JSON (systems) or NCMEC CyberTipline XML (foreign partners), send the
 * latest to the police service of jurisdiction, and follow its acknowledgement and outcomes.
 */
export function PackagesPage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const kase = useLoad(() => casesApi.get(caseId), [caseId]);
  const packages = useLoad(() => packagesApi.list(caseId), [caseId, version]);
  const [shown, setShown] = useState<PackageManifest>();
  const reference = kase.data?.reference;
  return (
    <Page title={reference ? t('packages.title', { reference }) : t('case.loading')}>
      <p>
        <a href={routeHref('/cases', caseId)}>{t('packages.back')}</a>
      </p>
      <ErrorNotice error={kase.error} />
      <BuildForm
        caseId={caseId}
        onBuilt={(manifest) => {
          setShown(manifest);
          setVersion((count) => count + 1);
        }}
      />
      {shown && <ManifestView manifest={shown} />}
      <section aria-labelledby="package-versions">
        <h2 id="package-versions">{t('packages.versions')}</h2>
        <ErrorNotice error={packages.error} />
        {packages.data && <VersionsTable caseId={caseId} versions={packages.data} onShow={setShown} />}
      </section>
      <DisseminationSection caseId={caseId} version={version} hasPackages={(packages.data?.length ?? 0) > 0} onSent={() => setVersion((count) => count + 1)} />
    </Page>
  );
}

function BuildForm({ caseId, onBuilt }: { caseId: string; onBuilt: (manifest: PackageManifest) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [built, setBuilt] = useState<{ version: number; kind: PackageKind }>();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const kind = String(new FormData(event.currentTarget).get('kind')) as PackageKind;
    setBusy(true);
    setError(undefined);
    try {
      const result = await packagesApi.build(caseId, kind);
      setBuilt({ version: result.version, kind: result.kind });
      onBuilt(result.manifest);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="vigil-panel" aria-labelledby="package-build">
      <h2 id="package-build">{t('packages.build.title')}</h2>
      <p className="vigil-muted">{t('packages.build.intro')}</p>
      <form className="vigil-inline" onSubmit={(event) => void submit(event)}>
        <div>
          <label htmlFor="build-kind">{t('packages.kind')}</label>
          <select id="build-kind" name="kind" defaultValue="package">
            {PACKAGE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`packages.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('packages.build.building') : t('packages.build.submit')}
        </button>
      </form>
      {built && (
        <p className="vigil-success" role="status">
          {t('packages.build.done', { version: built.version, kind: t(`packages.kinds.${built.kind}`) })}
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}

/** What a recipient verifies: each part's SHA-256 and the manifest's own. */
function ManifestView({ manifest }: { manifest: PackageManifest }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="vigil-panel" aria-labelledby="package-manifest">
      <h2 id="package-manifest">{t('packages.manifest.title', { version: manifest.version, kind: t(`packages.kinds.${manifest.kind}`) })}</h2>
      <dl className="vigil-facts">
        <dt>{t('packages.manifest.sha256')}</dt>
        <dd>
          <code className="vigil-hash" data-testid="manifest-sha256">
            {manifest.manifestSha256}
          </code>
        </dd>
      </dl>
      <DataTable<ManifestPart>
        caption={t('packages.manifest.parts')}
        rows={manifest.parts}
        rowKey={(part) => part.name}
        columns={[
          { key: 'name', header: t('packages.manifest.name'), render: (part) => part.name },
          { key: 'type', header: t('packages.manifest.mediaType'), render: (part) => part.mediaType },
          { key: 'bytes', header: t('packages.manifest.bytes'), numeric: true, render: (part) => format.number(part.bytes) },
          { key: 'sha256', header: 'SHA-256', render: (part) => <code className="vigil-hash">{part.sha256}</code> },
        ]}
      />
      <p className="vigil-muted">{t('packages.manifest.howToVerify')}</p>
    </section>
  );
}

function VersionsTable({ caseId, versions, onShow }: { caseId: string; versions: PackageSummary[]; onShow: (manifest: PackageManifest) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [error, setError] = useState<unknown>();
  const show = async (version: number) => {
    setError(undefined);
    try {
      onShow(await packagesApi.manifest(caseId, version));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <ErrorNotice error={error} />
      <DataTable<PackageSummary>
        caption={t('packages.versions')}
        hideCaption
        rows={[...versions].sort((a, b) => b.version - a.version)}
        rowKey={(summary) => String(summary.version)}
        columns={[
          { key: 'version', header: t('packages.version'), numeric: true, render: (summary) => summary.version },
          { key: 'kind', header: t('packages.kind'), render: (summary) => t(`packages.kinds.${summary.kind}`) },
          { key: 'built', header: t('packages.builtAt'), render: (summary) => `${format.date(summary.builtAt)} · ${summary.builtBy}` },
          { key: 'sha', header: t('packages.manifest.sha256'), render: (summary) => <code className="vigil-hash">{summary.manifestSha256}</code> },
          {
            key: 'actions',
            header: t('triage.actions'),
            render: (summary) => (
              <div className="hub-actions">
                <button type="button" className="vigil-secondary" onClick={() => void show(summary.version)}>
                  {t('packages.showManifest')}
                  <span className="vigil-visually-hidden"> {t('packages.ofVersion', { version: summary.version })}</span>
                </button>
                <DownloadButton fetchFile={() => packagesApi.download(caseId, summary.version, 'pdf')} filename={`package-v${summary.version}.pdf`}>
                  PDF<span className="vigil-visually-hidden"> {t('packages.ofVersion', { version: summary.version })}</span>
                </DownloadButton>
                <DownloadButton fetchFile={() => packagesApi.download(caseId, summary.version, 'json')} filename={`package-v${summary.version}.json`}>
                  JSON<span className="vigil-visually-hidden"> {t('packages.ofVersion', { version: summary.version })}</span>
                </DownloadButton>
                <DownloadButton fetchFile={() => packagesApi.download(caseId, summary.version, 'cybertip-xml')} filename={`package-v${summary.version}.cybertip.xml`}>
                  {t('packages.cybertipXml')}
                  <span className="vigil-visually-hidden"> {t('packages.ofVersion', { version: summary.version })}</span>
                </DownloadButton>
              </div>
            ),
          },
        ]}
      />
    </>
  );
}

function DisseminationSection({ caseId, version, hasPackages, onSent }: { caseId: string; version: number; hasPackages: boolean; onSent: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const jurisdiction = useLoad(() => casesApi.jurisdiction(caseId), [caseId]);
  const disseminations = useLoad(() => packagesApi.disseminations(caseId), [caseId, version]);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<Dissemination>();
  const serviceName = usePoliceServiceName();
  const recommended = jurisdiction.data?.resolution.recommended.policeService;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setError(undefined);
    setSent(undefined);
    try {
      setSent(await packagesApi.disseminate(caseId, String(data.get('policeServiceId') ?? '').trim(), String(data.get('kind')) as PackageKind));
      onSent();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section aria-labelledby="dissemination">
      <h2 id="dissemination">{t('dissemination.title')}</h2>
      <div className="vigil-panel">
        {!hasPackages && <p className="vigil-muted">{t('dissemination.buildFirst')}</p>}
        <form className="vigil-inline" onSubmit={(event) => void submit(event)}>
          <div>
            <label htmlFor="disseminate-service">{t('dissemination.policeService')}</label>
            <PoliceServiceInput id="disseminate-service" name="policeServiceId" key={recommended?.id ?? 'none'} defaultValue={recommended?.id ?? ''} describedBy="disseminate-service-help" />
          </div>
          <div>
            <label htmlFor="disseminate-kind">{t('packages.kind')}</label>
            <select id="disseminate-kind" name="kind" defaultValue="package">
              {PACKAGE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`packages.kinds.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={!hasPackages}>
            {t('dissemination.submit')}
          </button>
        </form>
        <p id="disseminate-service-help" className="vigil-muted">
          {recommended ? t('dissemination.recommended', { name: recommended.name[format.language], id: recommended.id }) : t('dissemination.serviceHelp')}
        </p>
        {sent && (
          <p className="vigil-success" role="status">
            {t('dissemination.sent', { service: serviceName(sent.policeServiceId), version: sent.packageVersion })}
          </p>
        )}
        <ErrorNotice error={error ?? jurisdiction.error} />
      </div>
      <ErrorNotice error={disseminations.error} />
      {disseminations.data && (
        <DataTable<Dissemination>
          caption={t('dissemination.tracker')}
          rows={disseminations.data}
          rowKey={(item) => item.id}
          columns={[
            { key: 'service', header: t('dissemination.policeService'), render: (item) => serviceName(item.policeServiceId) },
            { key: 'what', header: t('packages.kind'), render: (item) => t('dissemination.what', { kind: t(`packages.kinds.${item.kind}`), version: item.packageVersion }) },
            { key: 'sha', header: t('packages.manifest.sha256'), render: (item) => <code className="vigil-hash">{item.manifestSha256}</code> },
            { key: 'sent', header: t('dissemination.sentAt'), render: (item) => `${format.date(item.disseminatedAt)} · ${item.disseminatedBy}` },
            {
              key: 'ack',
              header: t('dissemination.acknowledgement'),
              render: (item) => (item.acknowledgedAt ? t('dissemination.acknowledged', { date: format.date(item.acknowledgedAt), name: item.acknowledgedBy ?? '—' }) : <strong>{t('dissemination.awaiting')}</strong>),
            },
            {
              key: 'outcomes',
              header: t('dissemination.outcomes'),
              render: (item) =>
                item.outcomes.length ? (
                  <ul className="hub-reasons">
                    {item.outcomes.map((outcome) => (
                      <li key={`${outcome.outcome}-${outcome.at}`}>
                        {(OUTCOMES as readonly string[]).includes(outcome.outcome) ? t(`dissemination.outcomeNames.${outcome.outcome}`) : outcome.outcome} · {format.date(outcome.at)}
                        {outcome.note && <> · {outcome.note}</>}
                      </li>
                    ))}
                  </ul>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
