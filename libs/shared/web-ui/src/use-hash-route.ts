import { useEffect, useState } from 'react';
import { parseHash } from './hash-route';

/** The current hash route, updated on navigation. */
export function useHashRoute(): { path: string; query: Record<string, string> } {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseHash(hash);
}
