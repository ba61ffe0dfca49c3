import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

/** How an address signs in: through its organisation's provider (`startUrl`), or with a password. */
export function useDiscoverSignIn() {
  return useMutation({
    mutationFn: (body: { email: string; returnTo?: string }) =>
      unwrap(api.POST('/api/auth/sso/discover', { body })),
  });
}

/** Leaves for the identity provider; the page comes back signed in (or with `?sso_error=`). */
export function goToSingleSignOn(startUrl: string): void {
  window.location.assign(startUrl);
}
