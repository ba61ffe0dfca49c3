import type { Issue, IssueCode } from './issue';

export const MESSAGE_LOCALES = ['en', 'fi'] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];

/** One human message per code and locale; `{name}` is replaced by the issue's parameter of that name. */
export const MESSAGES: Readonly<Record<MessageLocale, Readonly<Record<IssueCode, string>>>> = {
  en: {
    'caption.empty': 'Write a caption.',
    'caption.too_long': 'The caption is {length} characters long; {network} allows {limit}.',
    'caption.too_many_bytes':
      'The caption takes {bytes} bytes; {network} allows {limit}. Use fewer emoji or special characters.',
    'caption.invalid_character': 'The caption contains a character that cannot be posted ({codePoint}).',
    'caption.disclosure_missing': 'Add the disclosure {hashtag}.',
    'caption.blocked_term': '“{term}” is not allowed by your organisation.',
    'caption.link_missing': 'The caption must contain the pack’s link.',
    'caption.link_not_separated':
      'Put a space or punctuation on both sides of the link; text stuck to it breaks the link.',
    'caption.too_many_links': 'The caption has {count} links; {network} allows {max}.',
    'caption.too_many_hashtags': 'The caption has {count} hashtags; {network} allows {max}.',
    'variant.title_too_long': 'The title is {length} characters long; {network} allows {limit}.',
    'variant.media_required': '{network} needs an image or a video.',
    'variant.media_kind_not_supported': '{network} does not take this kind of media ({kind}).',
    'network.unknown': 'Unknown network: {networkId}.',
    'settings.disclosure_hashtag_missing':
      'Your organisation requires a disclosure hashtag but has not set one. Ask an admin to set it in the settings.',
    'template.syntax_error': 'The template has a syntax error on line {line}.',
    'template.unknown_variable':
      'Unknown variable “{name}”. Use link, hashtags, disclosure, advocate.firstName or pack.title.',
    'template.expression_not_allowed':
      '“{expression}” is not allowed in a caption template; use plain variables and if/unless blocks.',
    'template.too_long': 'The template is longer than {limit} characters.',
    'template.render_failed': 'The template could not be rendered.',
    'link.empty': 'Enter a link.',
    'link.too_long': 'The link is longer than {limit} characters.',
    'link.whitespace': 'The link must not contain spaces or line breaks.',
    'link.control_character': 'The link contains invisible or control characters.',
    'link.backslash': 'The link must not contain a backslash (\\).',
    'link.scheme_missing': 'The link must start with https:// or http://.',
    'link.scheme_not_allowed': 'Only http and https links are allowed, not {scheme}:.',
    'link.malformed': 'This is not a valid web address.',
    'link.credentials_not_allowed': 'The link must not contain a user name or password.',
    'link.host_missing': 'The link has no domain name.',
    'link.host_invalid': 'The link’s domain name is not valid.',
    'link.port_invalid': 'The link’s port number is not valid.',
    'link.bad_percent_encoding': 'The link has a % that is not followed by two hexadecimal digits.',
    'link.query_not_allowed': 'The base address must not have a query (?) or a fragment (#).',
    'pack.transition_not_allowed': 'This step is not possible in the pack’s current state.',
    'pack.curator_required': 'Only curators can do this.',
    'pack.four_eyes_required': 'Someone other than the pack’s authors must approve it.',
    'pack.comment_required': 'Write a comment that says why the pack is sent back.',
    'pack.comment_too_long': 'The comment is longer than {limit} characters.',
    'pack.already_expired': 'The pack’s expiry time has passed, so it cannot be published.',
    'training.not_started': 'Complete this training before sharing.',
    'training.failed': 'You have not passed this training yet; try again.',
    'training.expired': 'Your pass of this training has expired; take it again.',
    'training.outdated': 'This training has been updated; take the new version.',
  },
  fi: {
    'caption.empty': 'Kirjoita julkaisulle teksti.',
    'caption.too_long': 'Teksti on {length} merkkiä pitkä; {network} sallii enintään {limit}.',
    'caption.too_many_bytes':
      'Teksti vie {bytes} tavua; {network} sallii enintään {limit}. Käytä vähemmän emojeja tai erikoismerkkejä.',
    'caption.invalid_character': 'Tekstissä on merkki, jota ei voi julkaista ({codePoint}).',
    'caption.disclosure_missing': 'Lisää sidonnaisuuden ilmoitus {hashtag}.',
    'caption.blocked_term': 'Organisaatiosi ei salli ilmausta ”{term}”.',
    'caption.link_missing': 'Tekstissä pitää olla sisältöpaketin linkki.',
    'caption.link_not_separated':
      'Erota linkki muusta tekstistä välilyönnillä tai välimerkillä; kiinni kirjoitettu teksti rikkoo linkin.',
    'caption.too_many_links': 'Tekstissä on {count} linkkiä; {network} sallii enintään {max}.',
    'caption.too_many_hashtags': 'Tekstissä on {count} hashtagia; {network} sallii enintään {max}.',
    'variant.title_too_long': 'Otsikko on {length} merkkiä pitkä; {network} sallii enintään {limit}.',
    'variant.media_required': '{network} vaatii kuvan tai videon.',
    'variant.media_kind_not_supported': '{network} ei tue tätä mediatyyppiä ({kind}).',
    'network.unknown': 'Tuntematon some-palvelu: {networkId}.',
    'settings.disclosure_hashtag_missing':
      'Organisaatiosi vaatii sidonnaisuuden kertovan hashtagin, mutta sitä ei ole asetettu. Pyydä ylläpitäjää asettamaan se asetuksissa.',
    'template.syntax_error': 'Mallipohjassa on syntaksivirhe rivillä {line}.',
    'template.unknown_variable':
      'Tuntematon muuttuja ”{name}”. Käytettävissä ovat link, hashtags, disclosure, advocate.firstName ja pack.title.',
    'template.expression_not_allowed':
      '”{expression}” ei ole sallittu mallipohjassa; käytä vain muuttujia sekä if- ja unless-lohkoja.',
    'template.too_long': 'Mallipohja on yli {limit} merkkiä pitkä.',
    'template.render_failed': 'Mallipohjasta ei voitu muodostaa tekstiä.',
    'link.empty': 'Anna linkki.',
    'link.too_long': 'Linkki on yli {limit} merkkiä pitkä.',
    'link.whitespace': 'Linkissä ei saa olla välilyöntejä eikä rivinvaihtoja.',
    'link.control_character': 'Linkissä on näkymättömiä merkkejä tai ohjausmerkkejä.',
    'link.backslash': 'Linkissä ei saa olla kenoviivaa (\\).',
    'link.scheme_missing': 'Linkin pitää alkaa https:// tai http://.',
    'link.scheme_not_allowed': 'Vain http- ja https-linkit ovat sallittuja, ei {scheme}:.',
    'link.malformed': 'Tämä ei ole kelvollinen verkko-osoite.',
    'link.credentials_not_allowed': 'Linkissä ei saa olla käyttäjätunnusta eikä salasanaa.',
    'link.host_missing': 'Linkistä puuttuu verkkotunnus.',
    'link.host_invalid': 'Linkin verkkotunnus ei kelpaa.',
    'link.port_invalid': 'Linkin porttinumero ei kelpaa.',
    'link.bad_percent_encoding': 'Linkissä on %-merkki, jota eivät seuraa kaksi heksadesimaalinumeroa.',
    'link.query_not_allowed': 'Perusosoitteessa ei saa olla kyselyosaa (?) eikä ankkuria (#).',
    'pack.transition_not_allowed': 'Tätä vaihetta ei voi tehdä paketin nykyisessä tilassa.',
    'pack.curator_required': 'Vain kuraattorit voivat tehdä tämän.',
    'pack.four_eyes_required': 'Paketin hyväksyjän pitää olla joku muu kuin sen laatija.',
    'pack.comment_required': 'Kirjoita kommentti, jossa kerrot, miksi paketti palautetaan.',
    'pack.comment_too_long': 'Kommentti on yli {limit} merkkiä pitkä.',
    'pack.already_expired': 'Paketin päättymisaika on jo mennyt, joten sitä ei voi julkaista.',
    'training.not_started': 'Suorita tämä koulutus ennen jakamista.',
    'training.failed': 'Et ole vielä läpäissyt tätä koulutusta; yritä uudelleen.',
    'training.expired': 'Koulutuksen suoritus on vanhentunut; suorita se uudelleen.',
    'training.outdated': 'Koulutus on päivittynyt; suorita uusi versio.',
  },
};

export function isMessageLocale(value: unknown): value is MessageLocale {
  return typeof value === 'string' && (MESSAGE_LOCALES as readonly string[]).includes(value);
}

const numberFormats = new Map<MessageLocale, Intl.NumberFormat>();

function formatNumber(value: number, locale: MessageLocale): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/** The issue as a sentence in the locale; numbers are formatted for it, unknown placeholders stay as written. */
export function formatIssue(issue: Pick<Issue, 'code' | 'params'>, locale: MessageLocale = 'en'): string {
  const template = MESSAGES[locale][issue.code] ?? MESSAGES.en[issue.code] ?? issue.code;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(issue.params, name) ? issue.params[name] : undefined;
    if (value === undefined) return placeholder;
    return typeof value === 'number' ? formatNumber(value, locale) : value;
  });
}
