import type { NetworkId, PackAction } from '@heimo/domain';
import type { Locale, MemberKind } from '../../members/entities/member.entity';

// Data only, seeded by demo-packs.ts: the demo's packs, their variants and their history.

/** The demo curators who write and review the packs (their e-mails, as in demo-people.data.ts). */
export const KALLE = 'curator@demo.heimo.test';
export const PAULA = 'paula.product@demo.heimo.test';
export const MAIJA = 'maija.marketing@demo.heimo.test';

export interface DemoVariant {
  readonly network: NetworkId;
  readonly locale: Locale;
  readonly caption: string;
  readonly title?: string;
  /** Uses the demo organisation's first image, when it has one (Pinterest needs an image). */
  readonly image?: boolean;
}

/** One step of a demo pack's history; `actor` null is the scheduler. */
export interface DemoStep {
  readonly action: PackAction;
  readonly actor: string | null;
  readonly comment?: string;
}

export interface DemoPack {
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly destinationUrl: string | null;
  readonly hashtags: readonly string[];
  readonly audienceKinds?: readonly MemberKind[];
  readonly audienceLocales?: readonly Locale[];
  readonly allowCaptionEdit?: boolean;
  /** Null: imported from the blog's feed. */
  readonly author: string | null;
  readonly steps: readonly DemoStep[];
  readonly createdDaysAgo: number;
  /** Days from the seed; negative is past. */
  readonly publishInDays?: number;
  readonly expireInDays?: number;
  readonly variants: readonly DemoVariant[];
}

/**
 * Seventeen packs in every state, across networks and both locales, written by the demo curators so
 * the review queue shows four-eyes at work: Kalle (the demo curator login) may approve Paula's pack
 * in review but not his own. Every caption carries `{{disclosure}}` (the demo requires `#employee`).
 */
export const DEMO_PACKS: readonly DemoPack[] = [
  {
    slug: 'spring-launch-2026',
    title: 'Heimo Spring release is out',
    summary: 'Leaderboards per team, a new studio and Finnish everywhere.',
    destinationUrl: 'https://heimo.example/blog/spring-release',
    hashtags: ['HeimoSpring', 'advocacy'],
    audienceKinds: ['employee', 'fan'],
    author: KALLE,
    steps: [
      { action: 'submit', actor: KALLE },
      { action: 'approve', actor: PAULA },
      { action: 'publish', actor: PAULA },
    ],
    createdDaysAgo: 12,
    variants: [
      {
        network: 'linkedin',
        locale: 'en',
        caption:
          'Months of work, out today. Proud of what we built for people who share. {{hashtags}} {{disclosure}}',
      },
      {
        network: 'linkedin',
        locale: 'fi',
        caption:
          'Kuukausien työ julki tänään. Ylpeä siitä, mitä teimme jakajille. {{hashtags}} {{disclosure}}',
      },
      {
        network: 'x',
        locale: 'en',
        caption: 'Our spring release is out {{link}} {{hashtags}} {{disclosure}}',
      },
      { network: 'x', locale: 'fi', caption: 'Kevään julkaisu on täällä {{link}} {{disclosure}}' },
      {
        network: 'facebook',
        locale: 'en',
        caption: 'Big day for the team: the spring release is live. Have a look! {{disclosure}}',
      },
    ],
  },
  {
    slug: 'hiring-backend-engineers',
    title: 'We are hiring backend engineers',
    summary: 'Two open roles in Helsinki and remote in Finland.',
    destinationUrl: 'https://heimo.example/careers/backend',
    hashtags: ['hiring', 'TypeScript'],
    author: PAULA,
    steps: [
      { action: 'submit', actor: PAULA },
      { action: 'approve', actor: KALLE },
      { action: 'publish', actor: KALLE },
    ],
    createdDaysAgo: 10,
    expireInDays: 30,
    variants: [
      {
        network: 'linkedin',
        locale: 'en',
        caption:
          'My team is hiring! If you like TypeScript and PostgreSQL, talk to me. {{hashtags}} {{disclosure}}',
      },
      {
        network: 'linkedin',
        locale: 'fi',
        caption:
          'Tiimini palkkaa! Jos TypeScript ja PostgreSQL kiinnostavat, jutellaan. {{hashtags}} {{disclosure}}',
      },
      { network: 'xing', locale: 'en', caption: 'Backend roles open at Heimo. {{disclosure}}' },
      { network: 'x', locale: 'en', caption: 'We are hiring backend engineers {{link}} {{disclosure}}' },
    ],
  },
  {
    slug: 'customer-story-nordic-rail',
    title: 'Customer story: Nordic Rail',
    summary: 'How 400 station staff became the railway’s best storytellers.',
    destinationUrl: 'https://heimo.example/customers/nordic-rail',
    hashtags: ['customerstory'],
    author: MAIJA,
    steps: [
      { action: 'submit', actor: MAIJA },
      { action: 'approve', actor: KALLE },
      { action: 'publish', actor: null },
    ],
    createdDaysAgo: 9,
    publishInDays: -6,
    expireInDays: 20,
    variants: [
      {
        network: 'linkedin',
        locale: 'en',
        caption: 'Loved working with Nordic Rail on this. Their staff tell the best stories. {{disclosure}}',
      },
      {
        network: 'facebook',
        locale: 'fi',
        caption: 'Näin Nordic Railin asemahenkilökunnasta tuli parhaita tarinankertojia. {{disclosure}}',
      },
      { network: 'bluesky', locale: 'en', caption: 'A customer story worth reading {{link}} {{disclosure}}' },
    ],
  },
  {
    slug: 'behind-the-scenes-oulu',
    title: 'Behind the scenes at the Oulu office',
    summary: 'Photos from the new office by the river.',
    destinationUrl: 'https://heimo.example/blog/oulu-office',
    hashtags: ['Oulu', 'worklife'],
    audienceKinds: ['employee', 'fan'],
    author: KALLE,
    steps: [
      { action: 'submit', actor: KALLE },
      { action: 'approve', actor: MAIJA },
      { action: 'publish', actor: MAIJA },
    ],
    createdDaysAgo: 8,
    variants: [
      {
        network: 'facebook',
        locale: 'en',
        caption: 'Our new home by the river in Oulu. {{hashtags}} {{disclosure}}',
      },
      {
        network: 'facebook',
        locale: 'fi',
        caption: 'Uusi kotimme joen rannalla Oulussa. {{hashtags}} {{disclosure}}',
      },
      { network: 'threads', locale: 'en', caption: 'New office, new view {{link}} {{disclosure}}' },
    ],
  },
  {
    slug: 'summer-webinar',
    title: 'Webinar: advocacy that people trust',
    summary: 'Forty minutes on earned reach, with time for questions.',
    destinationUrl: 'https://heimo.example/events/summer-webinar',
    hashtags: ['webinar'],
    author: PAULA,
    steps: [
      { action: 'submit', actor: PAULA },
      { action: 'approve', actor: MAIJA },
    ],
    createdDaysAgo: 5,
    publishInDays: 2,
    expireInDays: 16,
    variants: [
      {
        network: 'linkedin',
        locale: 'en',
        caption: 'Join us for forty minutes on advocacy that people trust. {{hashtags}} {{disclosure}}',
      },
      {
        network: 'linkedin',
        locale: 'fi',
        caption: 'Tule kuulemaan, millaiseen suositteluun ihmiset luottavat. {{hashtags}} {{disclosure}}',
      },
      { network: 'x', locale: 'en', caption: 'Webinar: advocacy people trust {{link}} {{disclosure}}' },
    ],
  },
  {
    slug: 'sustainability-report-2025',
    title: 'Our sustainability report 2025',
    summary: 'Emissions down a third; what we still have to do.',
    destinationUrl: 'https://heimo.example/sustainability/2025',
    hashtags: ['sustainability'],
    author: MAIJA,
    steps: [
      { action: 'submit', actor: MAIJA },
      { action: 'approve', actor: PAULA },
    ],
    createdDaysAgo: 4,
    variants: [
      {
        network: 'linkedin',
        locale: 'en',
        caption: 'Emissions down a third, and honest about the rest. {{disclosure}}',
      },
      {
        network: 'bluesky',
        locale: 'en',
        caption: 'Our sustainability report is out {{link}} {{disclosure}}',
      },
      { network: 'x', locale: 'fi', caption: 'Vastuullisuusraporttimme on julki {{link}} {{disclosure}}' },
    ],
  },
  {
    slug: 'new-mobile-app',
    title: 'The Heimo mobile app',
    summary: 'Share from your phone in one tap.',
    destinationUrl: 'https://heimo.example/blog/mobile-app',
    hashtags: ['mobile'],
    audienceKinds: ['employee', 'fan'],
    author: KALLE,
    steps: [{ action: 'submit', actor: KALLE }],
    createdDaysAgo: 3,
    variants: [
      { network: 'x', locale: 'en', caption: 'Share in one tap, from your phone {{link}} {{disclosure}}' },
      {
        network: 'x',
        locale: 'fi',
        caption: 'Jaa yhdellä napautuksella puhelimesta {{link}} {{disclosure}}',
      },
      { network: 'bluesky', locale: 'fi', caption: 'Heimo nyt myös puhelimessa {{link}} {{disclosure}}' },
      { network: 'threads', locale: 'en', caption: 'Heimo is on your phone now {{link}} {{disclosure}}' },
    ],
  },
  {
    slug: 'open-house-tampere',
    title: 'Open house in Tampere',
    summary: 'Come and meet the team on Friday afternoon.',
    destinationUrl: 'https://heimo.example/events/tampere',
    hashtags: ['Tampere'],
    audienceLocales: ['fi'],
    author: PAULA,
    steps: [{ action: 'submit', actor: PAULA }],
    createdDaysAgo: 2,
    variants: [
      {
        network: 'linkedin',
        locale: 'fi',
        caption: 'Tervetuloa tutustumaan perjantaina Tampereella! {{disclosure}}',
      },
      {
        network: 'facebook',
        locale: 'fi',
        caption: 'Avoimet ovet Tampereella perjantaina. {{hashtags}} {{disclosure}}',
      },
    ],
  },
  {
    slug: 'winter-collection-pins',
    title: 'Winter collection on Pinterest',
    summary: 'The winter photo series for our Pinterest board.',
    destinationUrl: 'https://heimo.example/gallery/winter',
    hashtags: ['winter'],
    author: MAIJA,
    steps: [],
    createdDaysAgo: 2,
    variants: [
      {
        network: 'pinterest',
        locale: 'en',
        caption: 'Winter light over the office. {{disclosure}}',
        title: 'Winter at Heimo',
        image: true,
      },
      {
        network: 'pinterest',
        locale: 'fi',
        caption: 'Talven valoa toimistolla. {{disclosure}}',
        title: 'Talvi Heimossa',
        image: true,
      },
    ],
  },
  {
    slug: 'quarterly-results-teaser',
    title: 'Q1 results teaser',
    summary: 'A teaser ahead of the results on Thursday.',
    destinationUrl: 'https://heimo.example/investors',
    hashtags: ['results'],
    author: KALLE,
    steps: [
      { action: 'submit', actor: KALLE },
      {
        action: 'reject',
        actor: PAULA,
        comment: 'Figures are not public until Thursday: wait for the release.',
      },
    ],
    createdDaysAgo: 6,
    variants: [
      { network: 'x', locale: 'en', caption: 'Something good is coming on Thursday {{link}} {{disclosure}}' },
      { network: 'linkedin', locale: 'en', caption: 'Results on Thursday. Stay tuned. {{disclosure}}' },
    ],
  },
  {
    slug: 'black-friday-2025',
    title: 'Black Friday: a year of Heimo at half price',
    summary: 'Last year’s campaign, ended.',
    destinationUrl: 'https://heimo.example/offers/black-friday',
    hashtags: ['BlackFriday'],
    audienceKinds: ['employee', 'fan'],
    author: PAULA,
    steps: [
      { action: 'submit', actor: PAULA },
      { action: 'approve', actor: KALLE },
      { action: 'publish', actor: null },
      { action: 'expire', actor: null },
    ],
    createdDaysAgo: 40,
    publishInDays: -35,
    expireInDays: -10,
    variants: [
      { network: 'facebook', locale: 'en', caption: 'Half price for a year, this week only. {{disclosure}}' },
      { network: 'x', locale: 'en', caption: 'Half price, this week only {{link}} {{disclosure}}' },
    ],
  },
  {
    slug: 'old-brand-video',
    title: 'Our old brand video',
    summary: 'Replaced by the new one in March.',
    destinationUrl: 'https://heimo.example/video/brand-2024',
    hashtags: [],
    author: MAIJA,
    steps: [
      { action: 'submit', actor: MAIJA },
      { action: 'approve', actor: KALLE },
      { action: 'publish', actor: KALLE },
      { action: 'archive', actor: MAIJA },
    ],
    createdDaysAgo: 60,
    variants: [
      { network: 'linkedin', locale: 'en', caption: 'Who we are, in ninety seconds. {{disclosure}}' },
      { network: 'facebook', locale: 'en', caption: 'Who we are, in ninety seconds. {{disclosure}}' },
    ],
  },
  // Campaigns of the last three months, shared and clicked in the demo's history (demo-shares.ts).
  {
    slug: 'autumn-hackathon',
    title: 'Autumn hackathon: 48 hours, 19 prototypes',
    summary: 'What our engineers built in a weekend.',
    destinationUrl: 'https://heimo.example/blog/autumn-hackathon',
    hashtags: ['hackathon', 'engineering'],
    author: MAIJA,
    steps: [
      { action: 'submit', actor: MAIJA },
      { action: 'approve', actor: KALLE },
      { action: 'publish', actor: null },
      { action: 'expire', actor: null },
    ],
    createdDaysAgo: 92,
    publishInDays: -88,
    expireInDays: -60,
    variants: [
      {
        network: 'linkedin',
        locale: 'en',
        caption: '19 prototypes in 48 hours. {{hashtags}} {{disclosure}}',
      },
      {
        network: 'linkedin',
        locale: 'fi',
        caption: '19 prototyyppiä 48 tunnissa. {{hashtags}} {{disclosure}}',
      },
      { network: 'x', locale: 'en', caption: '48 hours, 19 prototypes {{link}} {{disclosure}}' },
    ],
  },
  {
    slug: 'customer-day-helsinki',
    title: 'Customer day in Helsinki',
    summary: 'Talks, demos and coffee with the people who use Heimo.',
    destinationUrl: 'https://heimo.example/events/customer-day',
    hashtags: ['CustomerDay'],
    audienceKinds: ['employee', 'fan'],
    author: PAULA,
    steps: [
      { action: 'submit', actor: PAULA },
      { action: 'approve', actor: KALLE },
      { action: 'publish', actor: null },
      { action: 'expire', actor: null },
    ],
    createdDaysAgo: 80,
    publishInDays: -74,
    expireInDays: -44,
    variants: [
      {
        network: 'linkedin',
        locale: 'en',
        caption: 'See you at our customer day. {{hashtags}} {{disclosure}}',
      },
      { network: 'facebook', locale: 'en', caption: 'Join us in Helsinki. {{disclosure}}' },
      { network: 'x', locale: 'fi', caption: 'Asiakaspäivä Helsingissä {{link}} {{disclosure}}' },
    ],
  },
  {
    slug: 'engineering-blog-event-streams',
    title: 'How we count a million clicks a day',
    summary: 'From the engineering blog.',
    destinationUrl: 'https://heimo.example/blog/counting-clicks',
    hashtags: ['engineering'],
    author: KALLE,
    steps: [
      { action: 'submit', actor: KALLE },
      { action: 'approve', actor: MAIJA },
      { action: 'publish', actor: MAIJA },
      { action: 'archive', actor: KALLE },
    ],
    createdDaysAgo: 66,
    variants: [
      { network: 'linkedin', locale: 'en', caption: 'How we count a million clicks a day. {{disclosure}}' },
      { network: 'bluesky', locale: 'en', caption: 'Counting clicks at scale {{link}} {{disclosure}}' },
      { network: 'x', locale: 'en', caption: 'Counting a million clicks a day {{link}} {{disclosure}}' },
    ],
  },
  {
    slug: 'summer-team-day',
    title: 'Our summer team day by the lake',
    summary: 'Saunas, boats and a very competitive mölkky final.',
    destinationUrl: 'https://heimo.example/blog/summer-team-day',
    hashtags: ['LifeAtHeimo'],
    audienceLocales: ['fi'],
    author: MAIJA,
    steps: [
      { action: 'submit', actor: MAIJA },
      { action: 'approve', actor: PAULA },
      { action: 'publish', actor: null },
      { action: 'expire', actor: null },
    ],
    createdDaysAgo: 52,
    publishInDays: -49,
    expireInDays: -21,
    variants: [
      { network: 'linkedin', locale: 'fi', caption: 'Kesäpäivä järvellä. {{hashtags}} {{disclosure}}' },
      { network: 'facebook', locale: 'fi', caption: 'Sauna, veneet ja mölkkyfinaali. {{disclosure}}' },
    ],
  },
  {
    slug: 'from-the-blog-advocacy-myths',
    title: 'Five myths about employee advocacy',
    summary: 'Imported from the company blog; no variants written yet.',
    destinationUrl: 'https://heimo.example/blog/advocacy-myths',
    hashtags: [],
    author: null,
    steps: [],
    createdDaysAgo: 1,
    variants: [],
  },
];
