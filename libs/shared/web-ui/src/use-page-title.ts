import { useEffect } from 'react';

/** Names the browser tab after the page, so a person with several tabs (or a screen reader) knows where they are. */
export function usePageTitle(title: string, appName: string): void {
  useEffect(() => {
    document.title = `${title} — ${appName}`;
  }, [title, appName]);
}
