import type { RouteTable } from '../../support/negative-cases';

export const linkPreviewsRoutes: RouteTable = {
  module: 'link-previews',
  routes: [
    {
      method: 'POST',
      path: '/api/link-previews',
      roles: ['curator', 'admin'],
      // Never read: every case here is refused before the URL is looked at.
      body: () => ({ url: 'https://news.example.com/new-office' }),
    },
    {
      method: 'POST',
      path: '/api/link-previews/image',
      roles: ['curator', 'admin'],
      body: () => ({ url: 'https://news.example.com/office.png' }),
    },
  ],
};
