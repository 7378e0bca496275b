import { useTranslation } from 'react-i18next';
import { ApiError } from './api-client';

/** An API failure in words: the server's own message, or "not available yet" for a route it lacks. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  let text: string;
  if (error instanceof ApiError && error.isMissingRoute) text = t('ui.errors.notAvailable');
  else if (error instanceof ApiError && error.status === 403) text = t('ui.errors.forbidden');
  else text = t('ui.errors.generic', { message: error instanceof Error ? error.message : String(error) });
  return (
    <p className="vigil-error" role="alert">
      {text}
    </p>
  );
}
