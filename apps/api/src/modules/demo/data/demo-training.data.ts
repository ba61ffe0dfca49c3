import type { TrainingContent, TrainingKind } from '../../training/training-content';

// Data only, seeded by demo-seed.ts: the demo's training modules and who has done what.

export interface DemoModule {
  kind: TrainingKind;
  content: TrainingContent;
  /** The policy is at version 2 (material), so a version-1 acceptance shows as outdated. */
  version: number;
}

export const DEMO_TRAINING_MODULES: readonly DemoModule[] = [
  {
    kind: 'policy',
    version: 2,
    content: {
      title: { en: 'Social media policy', fi: 'Sosiaalisen median ohje' },
      body: {
        en: '# Social media policy\n\nYou speak for yourself, in your own voice. Say that you work here (`#employee`) whenever you share about us. Never share what is confidential, and never speak for customers.',
        fi: '# Sosiaalisen median ohje\n\nPuhut omalla äänelläsi omissa nimissäsi. Kerro työskenteleväsi meillä (`#employee`) aina kun jaat meistä. Älä koskaan jaa luottamuksellista tietoa äläkä puhu asiakkaiden puolesta.',
      },
      quiz: null,
      validityDays: 365,
      requiredFor: { kinds: ['employee', 'fan'], teamIds: [] },
    },
  },
  {
    kind: 'course',
    version: 1,
    content: {
      title: { en: 'What is private and what is not', fi: 'Mikä on yksityistä ja mikä ei' },
      body: {
        en: '# What is private and what is not\n\nPublished news, blog posts and open jobs are public. Roadmaps, customer names, figures before they are published and anything said in internal meetings are not.',
        fi: '# Mikä on yksityistä ja mikä ei\n\nJulkaistut uutiset, blogikirjoitukset ja avoimet työpaikat ovat julkisia. Tiekartat, asiakkaiden nimet, julkaisemattomat luvut ja sisäisten palaverien asiat eivät ole.',
      },
      quiz: {
        passMark: 100,
        questions: [
          {
            id: 'roadmap',
            kind: 'single',
            text: { en: 'May you share next year’s roadmap?', fi: 'Saatko jakaa ensi vuoden tiekartan?' },
            options: [
              {
                id: 'yes',
                text: { en: 'Yes, it is exciting', fi: 'Kyllä, se on jännittävä' },
                correct: false,
              },
              { id: 'no', text: { en: 'No, it is internal', fi: 'En, se on sisäinen' }, correct: true },
            ],
            explanation: {
              en: 'Roadmaps stay inside the company until it announces them itself.',
              fi: 'Tiekartat pysyvät yrityksen sisällä, kunnes yritys itse julkistaa ne.',
            },
          },
          {
            id: 'public',
            kind: 'multiple',
            text: { en: 'Which of these may you share?', fi: 'Mitä näistä saat jakaa?' },
            options: [
              {
                id: 'blog',
                text: { en: 'A published blog post', fi: 'Julkaistu blogikirjoitus' },
                correct: true,
              },
              { id: 'job', text: { en: 'An open job', fi: 'Avoin työpaikka' }, correct: true },
              {
                id: 'customer',
                text: { en: 'A customer’s name from a meeting', fi: 'Asiakkaan nimi palaverista' },
                correct: false,
              },
            ],
            explanation: {
              en: 'What the company has published is public; what customers tell you in a meeting is theirs.',
              fi: 'Minkä yritys on julkaissut, on julkista; mitä asiakas kertoo palaverissa, on hänen asiansa.',
            },
          },
        ],
      },
      validityDays: 365,
      requiredFor: { kinds: ['employee'], teamIds: [] },
    },
  },
  {
    kind: 'course',
    version: 1,
    content: {
      title: { en: 'Share in your own voice', fi: 'Jaa omalla äänelläsi' },
      body: {
        en: '# Share in your own voice\n\nNobody hands you a script. Say why the story matters to you, in a sentence or two, the way you would tell a friend.',
        fi: '# Jaa omalla äänelläsi\n\nKukaan ei anna sinulle käsikirjoitusta. Kerro lauseella tai kahdella, miksi juttu on sinulle tärkeä, niin kuin kertoisit ystävälle.',
      },
      quiz: null,
      validityDays: null,
      requiredFor: { kinds: ['employee', 'fan'], teamIds: [] },
    },
  },
];

export type DemoTrainingState = 'passed' | 'expired' | 'outdated' | 'failed';
/** Per person: module index → state; a module left out is not started. Everyone else has done it all. */
export const DEMO_TRAINING_STATES: Readonly<Record<string, Partial<Record<number, DemoTrainingState>>>> = {
  'sami.sales@demo.heimo.test': { 0: 'expired', 1: 'passed', 2: 'passed' },
  'sara.sales@demo.heimo.test': { 0: 'outdated', 1: 'passed', 2: 'passed' },
  'pekka.product@demo.heimo.test': { 0: 'passed', 1: 'failed' },
  'nils.nordics@demo.heimo.test': {},
  'frank.fan@demo.heimo.test': {},
  'fanni.fan@demo.heimo.test': { 0: 'passed' },
};
