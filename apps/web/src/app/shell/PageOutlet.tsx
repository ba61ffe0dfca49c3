import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { FullPageLoader } from './FullPageLoader';

/** The child route's page, with the loader in its place while the page's code arrives. */
export function PageOutlet() {
  return (
    <Suspense fallback={<FullPageLoader />}>
      <Outlet />
    </Suspense>
  );
}
