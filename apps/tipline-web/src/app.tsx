import { useHashRoute } from '@vigil/web-ui';
import { useEffect, useRef } from 'react';
import { PublicApp } from './public/public-app';
import { StaffApp } from './staff/staff-app';

/** `#/staff…` is the analysts' console; everything else is the public reporting form. */
export function App() {
  const { path } = useHashRoute();
  const mainFocus = useRef(path);
  // After navigation, focus the page's main landmark so screen readers start at the new content.
  useEffect(() => {
    if (mainFocus.current !== path) {
      mainFocus.current = path;
      document.getElementById('main')?.focus();
    }
  }, [path]);
  return path === '/staff' || path.startsWith('/staff/') ? <StaffApp path={path} /> : <PublicApp />;
}
