import { MESSAGE_LOCALES } from '../messages';
import { renderEmail, scrubEmail } from './render-email';
import { EMAIL_FOOTER_REASON, EMAIL_KINDS } from './templates';

const frame = {
  organisationName: 'Kesko & Co',
  unsubscribeUrl: 'https://heimo.example/unsubscribe?token=abc.def',
  preferencesUrl: 'https://heimo.example/profile',
};

const alert = {
  name: 'Aino',
  organisationName: 'Kesko & Co',
  single: false,
  count: 2,
  firstTitle: 'First',
  packs: [
    {
      title: '<script>alert(1)</script> Spring',
      summary: 'Fresh & new',
      openUrl: 'https://heimo.example/feed?pack=1',
      networks: [{ label: 'LinkedIn', url: 'https://heimo.example/feed?pack=1&network=linkedin' }],
    },
    { title: 'Second', summary: '', openUrl: 'https://heimo.example/feed?pack=2', networks: [] },
  ],
};

/** Attribute values as a browser reads them (Handlebars writes `=` as `&#x3D;`). */
const decoded = (html: string) =>
  html
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

describe('e-mail rendering', () => {
  it('escapes HTML in the HTML part and keeps the text part as written', () => {
    const email = renderEmail('pack_alert', 'en', alert, frame);
    expect(email.subject).toBe('2 new packs to share from Kesko & Co');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Spring');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&amp;network');
    expect(decoded(email.html)).toContain('href="https://heimo.example/feed?pack=1&network=linkedin"');
    expect(email.text).toContain('<script>alert(1)</script> Spring');
    expect(email.text).toContain('Share on LinkedIn: https://heimo.example/feed?pack=1&network=linkedin');
  });

  it('renders in the member’s locale and falls back to English', () => {
    expect(renderEmail('pack_alert', 'fi', alert, frame).subject).toBe('2 uutta jaettavaa: Kesko & Co');
    expect(renderEmail('pack_alert', 'sv', alert, frame).subject).toBe(
      '2 new packs to share from Kesko & Co',
    );
  });

  // A sign-up's confirmation goes to an address that is not a member: there is nothing to unsubscribe from.
  const toMembers = EMAIL_KINDS.filter((kind) => EMAIL_FOOTER_REASON[kind] !== 'signup');

  it.each(toMembers.flatMap((kind) => MESSAGE_LOCALES.map((locale) => [kind, locale] as const)))(
    'puts the unsubscribe link in both parts of %s (%s)',
    (kind, locale) => {
      const email = renderEmail(kind, locale, { name: 'Aino', packs: [], modules: [], figures: [] }, frame);
      expect(email.subject.length).toBeGreaterThan(5);
      expect(decoded(email.html)).toContain('href="https://heimo.example/unsubscribe?token=abc.def"');
      expect(email.text).toContain('https://heimo.example/unsubscribe?token=abc.def');
      expect(email.html).toContain(`<html lang="${locale}">`);
    },
  );

  it.each(MESSAGE_LOCALES)(
    'tells who asked to create an organisation why they receive the link, with no unsubscribe link (%s)',
    (locale) => {
      const email = renderEmail(
        'organisation_signup_verify',
        locale,
        { verifyUrl: 'https://heimo.example/signup-organisation?token=t' },
        { organisationName: 'Heimo', unsubscribeUrl: '', preferencesUrl: null },
      );
      expect(decoded(email.html)).toContain('href="https://heimo.example/signup-organisation?token=t"');
      expect(email.text).toContain('https://heimo.example/signup-organisation?token=t');
      expect(email.text).toContain(locale === 'fi' ? 'Luo organisaatio' : 'Create the organisation');
      expect(email.html).toContain('class="footer"');
      expect(email.text.toLowerCase()).not.toContain('unsubscribe');
    },
  );

  it.each(MESSAGE_LOCALES)(
    'tells a fan who signed up why they receive the confirmation, with no unsubscribe link (%s)',
    (locale) => {
      const email = renderEmail(
        'fan_signup_verify',
        locale,
        { name: 'Aino', verifyUrl: 'https://heimo.example/confirm-join?token=t' },
        frame,
      );
      expect(decoded(email.html)).toContain('href="https://heimo.example/confirm-join?token=t"');
      expect(email.text).toContain('https://heimo.example/confirm-join?token=t');
      expect(email.text).not.toContain('unsubscribe');
    },
  );

  it.each(MESSAGE_LOCALES)(
    'tells an invitee (%s) why they get an invitation, not that they are a member',
    (locale) => {
      const data = { inviterName: 'Ilse Inviter', invitationUrl: 'https://x.test/i', expiresAt: 'May' };
      const invitation = renderEmail('invitation', locale, data, { ...frame, preferencesUrl: null });
      const reason = {
        en: 'You receive this because Ilse Inviter invited this address to join Kesko & Co on Heimo. You are not a member',
        fi: 'Saat tämän viestin, koska Ilse Inviter kutsui tämän osoitteen organisaation Kesko & Co jäseneksi Heimoon. Et ole jäsen',
      }[locale];
      expect(invitation.text).toContain(reason);
      expect(invitation.html).toContain(reason.replace('&', '&amp;'));
      expect(invitation.text).not.toMatch(/you are a member|olet organisaation/);
      // Members keep the member's reason.
      expect(renderEmail('pack_alert', locale, alert, frame).text).toMatch(
        /you are a member|olet organisaation/,
      );
    },
  );

  it.each(MESSAGE_LOCALES)(
    'says a password e-mail (%s) comes whatever the member unsubscribed from, with its link',
    (locale) => {
      const reset = renderEmail(
        'password_reset',
        locale,
        { name: 'Aino', adminName: '', resetUrl: 'https://x.test/reset-password/abc' },
        frame,
      );
      expect(reset.text).toContain('https://x.test/reset-password/abc');
      expect(reset.text).toMatch(/60 min/);
      const changed = renderEmail('password_changed', locale, { name: 'Aino', reset: false }, frame);
      for (const email of [reset, changed]) {
        expect(email.text).toMatch(/whatever you unsubscribed from|vaikka olisit perunut muut/);
        expect(email.text).not.toMatch(/you are a member|olet organisaation/);
      }
    },
  );
});

describe('scrubEmail', () => {
  it('replaces a name as written, as the subject collapses it and as the HTML escapes it', () => {
    const email = renderEmail(
      'invitation',
      'en',
      { name: 'Ina', inviterName: "Ilse  O'Brien & Co", invitationUrl: 'https://x.test/i', expiresAt: 'May' },
      frame,
    );
    expect(email.html).toContain('Ilse  O&#x27;Brien &amp; Co');
    const scrubbed = scrubEmail(email, ["Ilse  O'Brien & Co", 'ilse@example.test'], 'Erased <member>');
    expect(scrubbed.subject).toBe('Erased <member> invited you to Kesko & Co on Heimo');
    expect(scrubbed.text).toContain('Erased <member> invited you to share');
    expect(scrubbed.html).toContain('Erased &lt;member&gt; invited you to share');
    expect(JSON.stringify(scrubbed)).not.toMatch(/Brien/);
    expect(scrubbed.html).toContain('Hello Ina,');
  });
});
