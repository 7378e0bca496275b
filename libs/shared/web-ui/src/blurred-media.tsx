import { createContext, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from './error-notice';

/**
 * Wellness by default: media show blurred and in greyscale; a person reveals one only by an
 * explicit click, after a warning, and only one at a time (revealing another blurs the first
 * again). The filter is an inline style, not a stylesheet rule, so the media stay concealed
 * even if the stylesheet fails to load. Exposure is counted by the server's reveal endpoint.
 */
export const CONCEALED_FILTER = 'blur(24px) grayscale(100%)';

const RevealContext = createContext<{ revealed?: string; setRevealed: (id: string | undefined) => void } | undefined>(undefined);

/** Wrap a page (or the app) so that at most one media item in it is revealed. */
export function RevealProvider({ children }: { children: ReactNode }) {
  const [revealed, setRevealed] = useState<string>();
  return <RevealContext.Provider value={{ revealed, setRevealed }}>{children}</RevealContext.Provider>;
}

export interface BlurredMediaProps {
  /** The concealed preview (an object URL or a same-origin URL); undefined while it loads. */
  src?: string;
  alt: string;
  /** Asks the server for the full media (which records the exposure); resolves to its URL. */
  reveal: () => Promise<string>;
  width?: number;
  height?: number;
}

export function BlurredMedia({ src, alt, reveal, width = 320, height = 240 }: BlurredMediaProps) {
  const { t } = useTranslation();
  const id = useId();
  const shared = useContext(RevealContext);
  const [local, setLocal] = useState<string>();
  const revealedId = shared ? shared.revealed : local;
  const setRevealedId = shared ? shared.setRevealed : setLocal;
  const [revealedSrc, setRevealedSrc] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const isRevealed = revealedId === id && revealedSrc !== undefined;

  // Forget a revealed image once another takes its place or it is blurred again.
  useEffect(() => {
    if (revealedId !== id && revealedSrc) {
      if (revealedSrc.startsWith('blob:')) URL.revokeObjectURL(revealedSrc);
      setRevealedSrc(undefined);
    }
  }, [revealedId, id, revealedSrc]);

  const onReveal = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const url = await reveal();
      setRevealedSrc(url);
      setRevealedId(id);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const shown = isRevealed ? revealedSrc : src;
  const warningId = `${id}-warning`;
  return (
    <figure className="vigil-media" data-revealed={isRevealed ? 'true' : 'false'}>
      <div className="vigil-media-frame" style={{ width, height }}>
        {shown ? (
          <img src={shown} alt={alt} width={width} height={height} data-revealed={isRevealed ? 'true' : 'false'} style={isRevealed ? { objectFit: 'contain' } : { objectFit: 'contain', filter: CONCEALED_FILTER }} />
        ) : (
          <span className="vigil-muted">{t('ui.media.noPreview')}</span>
        )}
      </div>
      <figcaption>
        {!isRevealed && <span className="vigil-muted">{t('ui.media.concealed')}</span>}
        <p id={warningId} className="vigil-media-warning">
          {t('ui.media.revealWarning')}
        </p>
        {isRevealed ? (
          <button type="button" onClick={() => setRevealedId(undefined)}>
            {t('ui.media.hide')}
          </button>
        ) : (
          <button type="button" aria-describedby={warningId} disabled={busy} onClick={() => void onReveal()}>
            {busy ? t('ui.media.revealing') : t('ui.media.reveal')}
          </button>
        )}
        <ErrorNotice error={error} />
      </figcaption>
    </figure>
  );
}
