/** The demo organisation's feed source: a fictional blog (`.example` never resolves), seeded switched off. */
export const DEMO_FEED = {
  url: 'https://blog.heimo.example/feed.xml',
  title: 'Heimo blog',
  /** Who added it: the demo curator login. */
  createdByEmail: 'curator@demo.heimo.test',
} as const;
