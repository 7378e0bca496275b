import { useState, type ReactNode } from 'react';
import { ErrorNotice } from './error-notice';

/**
 * Downloads need the bearer token, which a plain link cannot carry: fetch the file, then hand
 * it to the browser through a short-lived object URL.
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** `fetchFile` may name the file (from the server's Content-Disposition); `filename` is the fallback. */
export function DownloadButton({ fetchFile, filename, children }: { fetchFile: () => Promise<Blob | { blob: Blob; filename?: string }>; filename: string; children: ReactNode }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const file = await fetchFile();
      if (file instanceof Blob) saveBlob(file, filename);
      else saveBlob(file.blob, file.filename ?? filename);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="vigil-download">
      <button type="button" className="vigil-secondary" disabled={busy} onClick={() => void download()}>
        {children}
      </button>
      <ErrorNotice error={error} />
    </span>
  );
}
