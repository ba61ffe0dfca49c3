import type { MessageLocale } from '../messages';

/**
 * The e-mail templates, in Handlebars: a subject, an HTML body and a plain-text body per message
 * and locale. HTML bodies are rendered with escaping on; text bodies and subjects with escaping off.
 * Each body is wrapped in the layout, which adds the footer with the unsubscribe link.
 */
export interface EmailTemplate {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export const EMAIL_KINDS = [
  'invitation',
  'pack_alert',
  'training_reminder',
  'weekly_summary',
  'pack_review',
  'password_reset',
  'password_changed',
  'fan_signup_verify',
  'fan_signup_existing',
  'webhook_disabled',
  'suggestion_decided',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/**
 * Messages that belong to no organisation and are never a delivery row (no outbox page, no retries
 * by the queue): sent straight through the mail transport. Creating an organisation from the web
 * sends its confirmation before the organisation exists.
 */
export const SYSTEM_EMAIL_KINDS = ['organisation_signup_verify'] as const;
export type SystemEmailKind = (typeof SYSTEM_EMAIL_KINDS)[number];

export const EMAIL_TEMPLATES: Readonly<Record<EmailKind, Readonly<Record<MessageLocale, EmailTemplate>>>> = {
  invitation: {
    en: {
      subject:
        '{{#if inviterName}}{{inviterName}} invited you{{else}}You are invited{{/if}} to {{organisationName}} on Heimo',
      html: `<p>Hello{{#if name}} {{name}}{{/if}},</p>
<p>{{#if inviterName}}{{inviterName}} invited you{{else}}You are invited{{/if}} to share {{organisationName}}’s news on Heimo.</p>
<p><a class="button" href="{{invitationUrl}}">Accept the invitation</a></p>
<p>The link works once and until {{expiresAt}}.</p>`,
      text: `Hello{{#if name}} {{name}}{{/if}},

{{#if inviterName}}{{inviterName}} invited you{{else}}You are invited{{/if}} to share {{organisationName}}’s news on Heimo.

Accept the invitation: {{invitationUrl}}

The link works once and until {{expiresAt}}.`,
    },
    fi: {
      subject:
        '{{#if inviterName}}{{inviterName}} kutsui sinut{{else}}Sinut on kutsuttu{{/if}} Heimoon ({{organisationName}})',
      html: `<p>Hei{{#if name}} {{name}}{{/if}},</p>
<p>{{#if inviterName}}{{inviterName}} kutsui sinut{{else}}Sinut on kutsuttu{{/if}} jakamaan organisaation {{organisationName}} uutisia Heimossa.</p>
<p><a class="button" href="{{invitationUrl}}">Hyväksy kutsu</a></p>
<p>Linkki toimii kerran ja on voimassa {{expiresAt}} asti.</p>`,
      text: `Hei{{#if name}} {{name}}{{/if}},

{{#if inviterName}}{{inviterName}} kutsui sinut{{else}}Sinut on kutsuttu{{/if}} jakamaan organisaation {{organisationName}} uutisia Heimossa.

Hyväksy kutsu: {{invitationUrl}}

Linkki toimii kerran ja on voimassa {{expiresAt}} asti.`,
    },
  },
  pack_alert: {
    en: {
      subject:
        '{{#if single}}New to share: {{firstTitle}}{{else}}{{count}} new packs to share from {{organisationName}}{{/if}}',
      html: `<p>Hello {{name}},</p>
<p>{{#if single}}There is something new to share{{else}}There are {{count}} new packs to share{{/if}} from {{organisationName}}.</p>
{{#each packs}}<div class="pack">
<h2><a href="{{openUrl}}">{{title}}</a></h2>
{{#if summary}}<p>{{summary}}</p>{{/if}}
<p>{{#each networks}}<a class="button" href="{{url}}">Share on {{label}}</a> {{/each}}</p>
</div>
{{/each}}`,
      text: `Hello {{name}},

{{#if single}}There is something new to share{{else}}There are {{count}} new packs to share{{/if}} from {{organisationName}}.
{{#each packs}}

{{title}}
{{#if summary}}{{summary}}
{{/if}}{{#each networks}}Share on {{label}}: {{url}}
{{/each}}{{/each}}`,
    },
    fi: {
      subject:
        '{{#if single}}Uutta jaettavaa: {{firstTitle}}{{else}}{{count}} uutta jaettavaa: {{organisationName}}{{/if}}',
      html: `<p>Hei {{name}},</p>
<p>{{#if single}}Organisaatiolta {{organisationName}} on uutta jaettavaa{{else}}Organisaatiolta {{organisationName}} on {{count}} uutta jaettavaa{{/if}}.</p>
{{#each packs}}<div class="pack">
<h2><a href="{{openUrl}}">{{title}}</a></h2>
{{#if summary}}<p>{{summary}}</p>{{/if}}
<p>{{#each networks}}<a class="button" href="{{url}}">Jaa: {{label}}</a> {{/each}}</p>
</div>
{{/each}}`,
      text: `Hei {{name}},

{{#if single}}Organisaatiolta {{organisationName}} on uutta jaettavaa{{else}}Organisaatiolta {{organisationName}} on {{count}} uutta jaettavaa{{/if}}.
{{#each packs}}

{{title}}
{{#if summary}}{{summary}}
{{/if}}{{#each networks}}Jaa ({{label}}): {{url}}
{{/each}}{{/each}}`,
    },
  },
  training_reminder: {
    en: {
      subject: 'Your Heimo training needs attention',
      html: `<p>Hello {{name}},</p>
<p>To keep sharing {{organisationName}}’s news, please finish:</p>
<ul>{{#each modules}}<li><a href="{{url}}">{{title}}</a>: {{#if expiring}}expires on {{date}}{{/if}}{{#if expired}}expired on {{date}}{{/if}}{{#if outdated}}a new version was published{{/if}}</li>{{/each}}</ul>`,
      text: `Hello {{name}},

To keep sharing {{organisationName}}’s news, please finish:
{{#each modules}}
- {{title}}: {{#if expiring}}expires on {{date}}{{/if}}{{#if expired}}expired on {{date}}{{/if}}{{#if outdated}}a new version was published{{/if}}
  {{url}}{{/each}}`,
    },
    fi: {
      subject: 'Heimo-koulutuksesi kaipaa huomiota',
      html: `<p>Hei {{name}},</p>
<p>Jotta voit jatkaa organisaation {{organisationName}} uutisten jakamista, suorita:</p>
<ul>{{#each modules}}<li><a href="{{url}}">{{title}}</a>: {{#if expiring}}vanhenee {{date}}{{/if}}{{#if expired}}vanheni {{date}}{{/if}}{{#if outdated}}uusi versio on julkaistu{{/if}}</li>{{/each}}</ul>`,
      text: `Hei {{name}},

Jotta voit jatkaa organisaation {{organisationName}} uutisten jakamista, suorita:
{{#each modules}}
- {{title}}: {{#if expiring}}vanhenee {{date}}{{/if}}{{#if expired}}vanheni {{date}}{{/if}}{{#if outdated}}uusi versio on julkaistu{{/if}}
  {{url}}{{/each}}`,
    },
  },
  weekly_summary: {
    en: {
      subject: 'Your advocates’ week at {{organisationName}}',
      html: `<p>Hello {{name}},</p>
<p>Last week ({{periodLabel}}):</p>
<table>{{#each figures}}<tr><th>{{label}}</th><td>{{value}}</td><td>{{change}}</td></tr>{{/each}}</table>
{{#if advocates.length}}<h2>Top advocates</h2><ol>{{#each advocates}}<li>{{name}}: {{points}} points</li>{{/each}}</ol>{{/if}}
<p><a class="button" href="{{insightsUrl}}">Open insights</a></p>`,
      text: `Hello {{name}},

Last week ({{periodLabel}}):
{{#each figures}}
{{label}}: {{value}} ({{change}}){{/each}}
{{#if advocates.length}}

Top advocates:
{{#each advocates}}{{rank}}. {{name}}: {{points}} points
{{/each}}{{/if}}
Open insights: {{insightsUrl}}`,
    },
    fi: {
      subject: 'Lähettiläidesi viikko: {{organisationName}}',
      html: `<p>Hei {{name}},</p>
<p>Viime viikko ({{periodLabel}}):</p>
<table>{{#each figures}}<tr><th>{{label}}</th><td>{{value}}</td><td>{{change}}</td></tr>{{/each}}</table>
{{#if advocates.length}}<h2>Parhaat lähettiläät</h2><ol>{{#each advocates}}<li>{{name}}: {{points}} pistettä</li>{{/each}}</ol>{{/if}}
<p><a class="button" href="{{insightsUrl}}">Avaa tilastot</a></p>`,
      text: `Hei {{name}},

Viime viikko ({{periodLabel}}):
{{#each figures}}
{{label}}: {{value}} ({{change}}){{/each}}
{{#if advocates.length}}

Parhaat lähettiläät:
{{#each advocates}}{{rank}}. {{name}}: {{points}} pistettä
{{/each}}{{/if}}
Avaa tilastot: {{insightsUrl}}`,
    },
  },
  // A step of the four-eyes review: `submitted` to reviewers, `approved` or `rejected` (with the
  // reviewer's comment) to the pack's authors.
  pack_review: {
    en: {
      subject:
        '{{#if submitted}}To review: {{packTitle}}{{else if approved}}Approved: {{packTitle}}{{else}}Sent back: {{packTitle}}{{/if}}',
      html: `<p>Hello {{name}},</p>
<p>{{#if submitted}}{{actorName}} submitted “{{packTitle}}” for review. Someone who did not write it approves it or sends it back.{{else if approved}}{{actorName}} approved “{{packTitle}}”.{{else}}{{actorName}} sent “{{packTitle}}” back to draft.{{/if}}</p>
{{#if comment}}<p>“{{comment}}”</p>{{/if}}
<p><a class="button" href="{{packUrl}}">{{#if submitted}}Review the pack{{else}}Open the pack{{/if}}</a></p>`,
      text: `Hello {{name}},

{{#if submitted}}{{actorName}} submitted “{{packTitle}}” for review. Someone who did not write it approves it or sends it back.{{else if approved}}{{actorName}} approved “{{packTitle}}”.{{else}}{{actorName}} sent “{{packTitle}}” back to draft.{{/if}}
{{#if comment}}
“{{comment}}”
{{/if}}
{{#if submitted}}Review the pack{{else}}Open the pack{{/if}}: {{packUrl}}`,
    },
    fi: {
      subject:
        '{{#if submitted}}Tarkistettavana: {{packTitle}}{{else if approved}}Hyväksytty: {{packTitle}}{{else}}Palautettu: {{packTitle}}{{/if}}',
      html: `<p>Hei {{name}},</p>
<p>{{#if submitted}}{{actorName}} lähetti paketin ”{{packTitle}}” tarkistettavaksi. Sen hyväksyy tai palauttaa joku, joka ei ole kirjoittanut sitä.{{else if approved}}{{actorName}} hyväksyi paketin ”{{packTitle}}”.{{else}}{{actorName}} palautti paketin ”{{packTitle}}” luonnokseksi.{{/if}}</p>
{{#if comment}}<p>”{{comment}}”</p>{{/if}}
<p><a class="button" href="{{packUrl}}">{{#if submitted}}Tarkista paketti{{else}}Avaa paketti{{/if}}</a></p>`,
      text: `Hei {{name}},

{{#if submitted}}{{actorName}} lähetti paketin ”{{packTitle}}” tarkistettavaksi. Sen hyväksyy tai palauttaa joku, joka ei ole kirjoittanut sitä.{{else if approved}}{{actorName}} hyväksyi paketin ”{{packTitle}}”.{{else}}{{actorName}} palautti paketin ”{{packTitle}}” luonnokseksi.{{/if}}
{{#if comment}}
”{{comment}}”
{{/if}}
{{#if submitted}}Tarkista paketti{{else}}Avaa paketti{{/if}}: {{packUrl}}`,
    },
  },
  password_reset: {
    en: {
      subject: 'Reset your Heimo password',
      html: `<p>Hello{{#if name}} {{name}}{{/if}},</p>
<p>{{#if adminName}}{{adminName}} sent you a link to set a new password for {{organisationName}} on Heimo.{{else}}Someone, hopefully you, asked to reset your password for {{organisationName}} on Heimo.{{/if}}</p>
<p><a class="button" href="{{resetUrl}}">Set a new password</a></p>
<p>The link works once and for 60 minutes. Setting a new password signs you out everywhere. If you did not ask for this, ignore this message: your password stays as it is.</p>`,
      text: `Hello{{#if name}} {{name}}{{/if}},

{{#if adminName}}{{adminName}} sent you a link to set a new password for {{organisationName}} on Heimo.{{else}}Someone, hopefully you, asked to reset your password for {{organisationName}} on Heimo.{{/if}}

Set a new password: {{resetUrl}}

The link works once and for 60 minutes. Setting a new password signs you out everywhere. If you did not ask for this, ignore this message: your password stays as it is.`,
    },
    fi: {
      subject: 'Vaihda Heimo-salasanasi',
      html: `<p>Hei{{#if name}} {{name}}{{/if}},</p>
<p>{{#if adminName}}{{adminName}} lähetti sinulle linkin, jolla voit asettaa uuden salasanan organisaation {{organisationName}} Heimoon.{{else}}Joku, toivottavasti sinä, pyysi vaihtamaan salasanasi organisaation {{organisationName}} Heimoon.{{/if}}</p>
<p><a class="button" href="{{resetUrl}}">Aseta uusi salasana</a></p>
<p>Linkki toimii kerran ja 60 minuutin ajan. Uuden salasanan asettaminen kirjaa sinut ulos kaikkialta. Jos et pyytänyt tätä, voit jättää viestin huomiotta: salasanasi pysyy ennallaan.</p>`,
      text: `Hei{{#if name}} {{name}}{{/if}},

{{#if adminName}}{{adminName}} lähetti sinulle linkin, jolla voit asettaa uuden salasanan organisaation {{organisationName}} Heimoon.{{else}}Joku, toivottavasti sinä, pyysi vaihtamaan salasanasi organisaation {{organisationName}} Heimoon.{{/if}}

Aseta uusi salasana: {{resetUrl}}

Linkki toimii kerran ja 60 minuutin ajan. Uuden salasanan asettaminen kirjaa sinut ulos kaikkialta. Jos et pyytänyt tätä, voit jättää viestin huomiotta: salasanasi pysyy ennallaan.`,
    },
  },
  password_changed: {
    en: {
      subject: 'Your Heimo password was changed',
      html: `<p>Hello{{#if name}} {{name}}{{/if}},</p>
<p>The password of your account at {{organisationName}} on Heimo was {{#if reset}}reset with a link sent to this address{{else}}changed{{/if}}. Your other sign-ins have ended.</p>
<p>If this was not you, <a href="{{forgotUrl}}">reset your password</a> now and tell an administrator of {{organisationName}}.</p>`,
      text: `Hello{{#if name}} {{name}}{{/if}},

The password of your account at {{organisationName}} on Heimo was {{#if reset}}reset with a link sent to this address{{else}}changed{{/if}}. Your other sign-ins have ended.

If this was not you, reset your password now and tell an administrator of {{organisationName}}: {{forgotUrl}}`,
    },
    fi: {
      subject: 'Heimo-salasanasi vaihdettiin',
      html: `<p>Hei{{#if name}} {{name}}{{/if}},</p>
<p>Organisaation {{organisationName}} Heimo-tilisi salasana {{#if reset}}vaihdettiin tähän osoitteeseen lähetetyllä linkillä{{else}}vaihdettiin{{/if}}. Muut kirjautumisesi on päätetty.</p>
<p>Jos tämä et ollut sinä, <a href="{{forgotUrl}}">vaihda salasanasi</a> heti ja kerro asiasta organisaation {{organisationName}} ylläpitäjälle.</p>`,
      text: `Hei{{#if name}} {{name}}{{/if}},

Organisaation {{organisationName}} Heimo-tilisi salasana {{#if reset}}vaihdettiin tähän osoitteeseen lähetetyllä linkillä{{else}}vaihdettiin{{/if}}. Muut kirjautumisesi on päätetty.

Jos tämä et ollut sinä, vaihda salasanasi heti ja kerro asiasta organisaation {{organisationName}} ylläpitäjälle: {{forgotUrl}}`,
    },
  },
  fan_signup_verify: {
    en: {
      subject: 'Confirm your address to join {{organisationName}} on Heimo',
      html: `<p>Hello{{#if name}} {{name}}{{/if}},</p>
<p>Someone, hopefully you, signed this address up for {{organisationName}}’s fan programme on Heimo.</p>
<p><a class="button" href="{{verifyUrl}}">Confirm and join</a></p>
<p>The link works once and for 48 hours. If you did not sign up, ignore this message: nothing happens and the sign-up expires.</p>`,
      text: `Hello{{#if name}} {{name}}{{/if}},

Someone, hopefully you, signed this address up for {{organisationName}}’s fan programme on Heimo.

Confirm and join: {{verifyUrl}}

The link works once and for 48 hours. If you did not sign up, ignore this message: nothing happens and the sign-up expires.`,
    },
    fi: {
      subject: 'Vahvista osoitteesi liittyäksesi organisaation {{organisationName}} Heimoon',
      html: `<p>Hei{{#if name}} {{name}}{{/if}},</p>
<p>Joku, toivottavasti sinä, liitti tämän osoitteen organisaation {{organisationName}} faniohjelmaan Heimossa.</p>
<p><a class="button" href="{{verifyUrl}}">Vahvista ja liity</a></p>
<p>Linkki toimii kerran ja 48 tunnin ajan. Jos et liittynyt, voit jättää viestin huomiotta: mitään ei tapahdu ja liittyminen vanhenee.</p>`,
      text: `Hei{{#if name}} {{name}}{{/if}},

Joku, toivottavasti sinä, liitti tämän osoitteen organisaation {{organisationName}} faniohjelmaan Heimossa.

Vahvista ja liity: {{verifyUrl}}

Linkki toimii kerran ja 48 tunnin ajan. Jos et liittynyt, voit jättää viestin huomiotta: mitään ei tapahdu ja liittyminen vanhenee.`,
    },
  },
  fan_signup_existing: {
    en: {
      subject: 'You already have a Heimo account at {{organisationName}}',
      html: `<p>Hello{{#if name}} {{name}}{{/if}},</p>
<p>Someone, hopefully you, tried to join {{organisationName}}’s fan programme on Heimo with this address. You already have an account there, so nothing was changed.</p>
<p><a class="button" href="{{resetUrl}}">Set a new password</a></p>
<p>If you have forgotten your password, the link above sets a new one; it works once and for 60 minutes. Otherwise, sign in as usual and ignore this message.</p>`,
      text: `Hello{{#if name}} {{name}}{{/if}},

Someone, hopefully you, tried to join {{organisationName}}’s fan programme on Heimo with this address. You already have an account there, so nothing was changed.

Set a new password: {{resetUrl}}

If you have forgotten your password, the link above sets a new one; it works once and for 60 minutes. Otherwise, sign in as usual and ignore this message.`,
    },
    fi: {
      subject: 'Sinulla on jo Heimo-tili organisaatiossa {{organisationName}}',
      html: `<p>Hei{{#if name}} {{name}}{{/if}},</p>
<p>Joku, toivottavasti sinä, yritti liittyä organisaation {{organisationName}} faniohjelmaan Heimossa tällä osoitteella. Sinulla on siellä jo tili, joten mitään ei muutettu.</p>
<p><a class="button" href="{{resetUrl}}">Aseta uusi salasana</a></p>
<p>Jos olet unohtanut salasanasi, yllä oleva linkki asettaa uuden; se toimii kerran ja 60 minuutin ajan. Muuten kirjaudu sisään tavalliseen tapaan ja jätä tämä viesti huomiotta.</p>`,
      text: `Hei{{#if name}} {{name}}{{/if}},

Joku, toivottavasti sinä, yritti liittyä organisaation {{organisationName}} faniohjelmaan Heimossa tällä osoitteella. Sinulla on siellä jo tili, joten mitään ei muutettu.

Aseta uusi salasana: {{resetUrl}}

Jos olet unohtanut salasanasi, yllä oleva linkki asettaa uuden; se toimii kerran ja 60 minuutin ajan. Muuten kirjaudu sisään tavalliseen tapaan ja jätä tämä viesti huomiotta.`,
    },
  },
  webhook_disabled: {
    en: {
      subject: 'A webhook of {{organisationName}} on Heimo was switched off',
      html: `<p>Hello{{#if name}} {{name}}{{/if}},</p>
<p>The webhook endpoint {{endpointUrl}} did not accept a <code>{{eventType}}</code> event for about a day, however often Heimo tried. It has been switched off: no more events go there.</p>
<p>Check the delivery log, fix the endpoint and switch it on again under Settings → Integrations.</p>
<p><a class="button" href="{{integrationsUrl}}">Open Integrations</a></p>`,
      text: `Hello{{#if name}} {{name}}{{/if}},

The webhook endpoint {{endpointUrl}} did not accept a {{eventType}} event for about a day, however often Heimo tried. It has been switched off: no more events go there.

Check the delivery log, fix the endpoint and switch it on again under Settings → Integrations: {{integrationsUrl}}`,
    },
    fi: {
      subject: 'Organisaation {{organisationName}} webhook kytkettiin pois Heimossa',
      html: `<p>Hei{{#if name}} {{name}}{{/if}},</p>
<p>Webhook-osoite {{endpointUrl}} ei ottanut vastaan <code>{{eventType}}</code>-tapahtumaa noin vuorokauden aikana, vaikka Heimo yritti toistuvasti. Se on kytketty pois: sinne ei lähetetä enää tapahtumia.</p>
<p>Tarkista toimitusloki, korjaa vastaanottaja ja kytke webhook takaisin päälle kohdassa Asetukset → Integraatiot.</p>
<p><a class="button" href="{{integrationsUrl}}">Avaa Integraatiot</a></p>`,
      text: `Hei{{#if name}} {{name}}{{/if}},

Webhook-osoite {{endpointUrl}} ei ottanut vastaan {{eventType}}-tapahtumaa noin vuorokauden aikana, vaikka Heimo yritti toistuvasti. Se on kytketty pois: sinne ei lähetetä enää tapahtumia.

Tarkista toimitusloki, korjaa vastaanottaja ja kytke webhook takaisin päälle kohdassa Asetukset → Integraatiot: {{integrationsUrl}}`,
    },
  },
  // A curator accepted a member's suggested link (a draft pack now, points credited) or declined it
  // with a note; the suggester hears either way.
  suggestion_decided: {
    en: {
      subject: '{{#if accepted}}Your suggestion was accepted{{else}}About your suggestion{{/if}}',
      html: `<p>Hello {{name}},</p>
<p>{{#if accepted}}{{curatorName}} accepted the link you suggested, {{url}}: it is now a draft pack.{{#if points}} You earned {{points}} points.{{/if}}{{else}}{{curatorName}} decided not to use the link you suggested, {{url}}.{{/if}}</p>
{{#if note}}<p>“{{note}}”</p>{{/if}}
<p><a class="button" href="{{suggestionsUrl}}">See your suggestions</a></p>`,
      text: `Hello {{name}},

{{#if accepted}}{{curatorName}} accepted the link you suggested, {{url}}: it is now a draft pack.{{#if points}} You earned {{points}} points.{{/if}}{{else}}{{curatorName}} decided not to use the link you suggested, {{url}}.{{/if}}
{{#if note}}
“{{note}}”
{{/if}}
See your suggestions: {{suggestionsUrl}}`,
    },
    fi: {
      subject: '{{#if accepted}}Ehdotuksesi hyväksyttiin{{else}}Ehdotuksestasi{{/if}}',
      html: `<p>Hei {{name}},</p>
<p>{{#if accepted}}{{curatorName}} hyväksyi ehdottamasi linkin {{url}}: siitä tehtiin pakettiluonnos.{{#if points}} Ansaitsit {{points}} pistettä.{{/if}}{{else}}{{curatorName}} päätti olla käyttämättä ehdottamaasi linkkiä {{url}}.{{/if}}</p>
{{#if note}}<p>”{{note}}”</p>{{/if}}
<p><a class="button" href="{{suggestionsUrl}}">Katso ehdotuksesi</a></p>`,
      text: `Hei {{name}},

{{#if accepted}}{{curatorName}} hyväksyi ehdottamasi linkin {{url}}: siitä tehtiin pakettiluonnos.{{#if points}} Ansaitsit {{points}} pistettä.{{/if}}{{else}}{{curatorName}} päätti olla käyttämättä ehdottamaasi linkkiä {{url}}.{{/if}}
{{#if note}}
”{{note}}”
{{/if}}
Katso ehdotuksesi: {{suggestionsUrl}}`,
    },
  },
};

/**
 * Why someone receives a message, said in its footer: members for being members; an invitee is not
 * one yet, and is told who invited the address and that nothing happens unless they accept; account
 * messages (about a password) say they come whatever the member unsubscribed from.
 */
export type EmailFooterReason = 'member' | 'invited' | 'account' | 'signup' | 'organisation_signup';

export const EMAIL_FOOTER_REASON: Readonly<Record<EmailKind, EmailFooterReason>> = {
  invitation: 'invited',
  pack_alert: 'member',
  training_reminder: 'member',
  weekly_summary: 'member',
  pack_review: 'member',
  password_reset: 'account',
  password_changed: 'account',
  fan_signup_verify: 'signup',
  fan_signup_existing: 'account',
  webhook_disabled: 'member',
  suggestion_decided: 'member',
};

export const SYSTEM_EMAIL_FOOTER_REASON: Readonly<Record<SystemEmailKind, EmailFooterReason>> = {
  organisation_signup_verify: 'organisation_signup',
};

export const SYSTEM_EMAIL_TEMPLATES: Readonly<
  Record<SystemEmailKind, Readonly<Record<MessageLocale, EmailTemplate>>>
> = {
  organisation_signup_verify: {
    en: {
      subject: 'Confirm your address to create an organisation on Heimo',
      html: `<p>Hello,</p>
<p>Someone, hopefully you, asked to create a new organisation on Heimo with this address.</p>
<p><a class="button" href="{{verifyUrl}}">Create the organisation</a></p>
<p>The link works once and for 48 hours. If you did not ask for this, ignore this message: nothing is created.</p>`,
      text: `Hello,

Someone, hopefully you, asked to create a new organisation on Heimo with this address.

Create the organisation: {{verifyUrl}}

The link works once and for 48 hours. If you did not ask for this, ignore this message: nothing is created.`,
    },
    fi: {
      subject: 'Vahvista osoitteesi luodaksesi organisaation Heimoon',
      html: `<p>Hei,</p>
<p>Joku, toivottavasti sinä, pyysi luomaan Heimoon uuden organisaation tällä osoitteella.</p>
<p><a class="button" href="{{verifyUrl}}">Luo organisaatio</a></p>
<p>Linkki toimii kerran ja 48 tunnin ajan. Jos et pyytänyt tätä, voit jättää viestin huomiotta: mitään ei luoda.</p>`,
      text: `Hei,

Joku, toivottavasti sinä, pyysi luomaan Heimoon uuden organisaation tällä osoitteella.

Luo organisaatio: {{verifyUrl}}

Linkki toimii kerran ja 48 tunnin ajan. Jos et pyytänyt tätä, voit jättää viestin huomiotta: mitään ei luoda.`,
    },
  },
};

/** The footer every message carries, with the one-click unsubscribe link. */
export const EMAIL_FOOTER: Readonly<
  Record<MessageLocale, Readonly<Record<EmailFooterReason, { readonly html: string; readonly text: string }>>>
> = {
  en: {
    member: {
      html: `<p class="footer">You receive this because you are a member of {{organisationName}} on Heimo. <a href="{{unsubscribeUrl}}">Unsubscribe from these e-mails</a>{{#if preferencesUrl}} or <a href="{{preferencesUrl}}">choose what you receive</a>{{/if}}.</p>`,
      text: `You receive this because you are a member of {{organisationName}} on Heimo.
Unsubscribe from these e-mails: {{unsubscribeUrl}}`,
    },
    invited: {
      html: `<p class="footer">You receive this because {{#if inviterName}}{{inviterName}}{{else}}someone at {{organisationName}}{{/if}} invited this address to join {{organisationName}} on Heimo. You are not a member, and nothing happens unless you accept; if you did not expect this, you can ignore it. <a href="{{unsubscribeUrl}}">Unsubscribe from these e-mails</a>.</p>`,
      text: `You receive this because {{#if inviterName}}{{inviterName}}{{else}}someone at {{organisationName}}{{/if}} invited this address to join {{organisationName}} on Heimo. You are not a member, and nothing happens unless you accept; if you did not expect this, you can ignore it.
Unsubscribe from these e-mails: {{unsubscribeUrl}}`,
    },
    account: {
      html: `<p class="footer">You receive this because this address signs in to {{organisationName}} on Heimo. Messages about your password are sent whatever you unsubscribed from. <a href="{{unsubscribeUrl}}">Unsubscribe from the other e-mails</a>.</p>`,
      text: `You receive this because this address signs in to {{organisationName}} on Heimo. Messages about your password are sent whatever you unsubscribed from.
Unsubscribe from the other e-mails: {{unsubscribeUrl}}`,
    },
    signup: {
      html: `<p class="footer">You receive this because this address was entered in the sign-up form of {{organisationName}}’s fan programme on Heimo. You are not a member, and nothing happens unless you confirm.</p>`,
      text: `You receive this because this address was entered in the sign-up form of {{organisationName}}’s fan programme on Heimo. You are not a member, and nothing happens unless you confirm.`,
    },
    organisation_signup: {
      html: `<p class="footer">You receive this because this address was entered in Heimo’s form for creating an organisation. Nothing is created and no further e-mail is sent unless you follow the link.</p>`,
      text: `You receive this because this address was entered in Heimo’s form for creating an organisation. Nothing is created and no further e-mail is sent unless you follow the link.`,
    },
  },
  fi: {
    member: {
      html: `<p class="footer">Saat tämän viestin, koska olet organisaation {{organisationName}} jäsen Heimossa. <a href="{{unsubscribeUrl}}">Peru nämä viestit</a>{{#if preferencesUrl}} tai <a href="{{preferencesUrl}}">valitse, mitä saat</a>{{/if}}.</p>`,
      text: `Saat tämän viestin, koska olet organisaation {{organisationName}} jäsen Heimossa.
Peru nämä viestit: {{unsubscribeUrl}}`,
    },
    invited: {
      html: `<p class="footer">Saat tämän viestin, koska {{#if inviterName}}{{inviterName}}{{else}}joku organisaatiosta {{organisationName}}{{/if}} kutsui tämän osoitteen organisaation {{organisationName}} jäseneksi Heimoon. Et ole jäsen, eikä mitään tapahdu, ellet hyväksy kutsua; jos et odottanut viestiä, voit jättää sen huomiotta. <a href="{{unsubscribeUrl}}">Peru nämä viestit</a>.</p>`,
      text: `Saat tämän viestin, koska {{#if inviterName}}{{inviterName}}{{else}}joku organisaatiosta {{organisationName}}{{/if}} kutsui tämän osoitteen organisaation {{organisationName}} jäseneksi Heimoon. Et ole jäsen, eikä mitään tapahdu, ellet hyväksy kutsua; jos et odottanut viestiä, voit jättää sen huomiotta.
Peru nämä viestit: {{unsubscribeUrl}}`,
    },
    account: {
      html: `<p class="footer">Saat tämän viestin, koska tällä osoitteella kirjaudutaan organisaation {{organisationName}} Heimoon. Salasanaa koskevat viestit lähetetään, vaikka olisit perunut muut. <a href="{{unsubscribeUrl}}">Peru muut viestit</a>.</p>`,
      text: `Saat tämän viestin, koska tällä osoitteella kirjaudutaan organisaation {{organisationName}} Heimoon. Salasanaa koskevat viestit lähetetään, vaikka olisit perunut muut.
Peru muut viestit: {{unsubscribeUrl}}`,
    },
    signup: {
      html: `<p class="footer">Saat tämän viestin, koska tämä osoite syötettiin organisaation {{organisationName}} faniohjelman liittymislomakkeeseen Heimossa. Et ole jäsen, eikä mitään tapahdu, ellet vahvista.</p>`,
      text: `Saat tämän viestin, koska tämä osoite syötettiin organisaation {{organisationName}} faniohjelman liittymislomakkeeseen Heimossa. Et ole jäsen, eikä mitään tapahdu, ellet vahvista.`,
    },
    organisation_signup: {
      html: `<p class="footer">Saat tämän viestin, koska tämä osoite syötettiin Heimon lomakkeeseen organisaation luomiseksi. Mitään ei luoda eikä muita viestejä lähetetä, ellet avaa linkkiä.</p>`,
      text: `Saat tämän viestin, koska tämä osoite syötettiin Heimon lomakkeeseen organisaation luomiseksi. Mitään ei luoda eikä muita viestejä lähetetä, ellet avaa linkkiä.`,
    },
  },
};

export const EMAIL_LAYOUT = `<!doctype html>
<html lang="{{locale}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{subject}}</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;color:#1d2433;max-width:600px;margin:0 auto;padding:16px}
a.button{display:inline-block;padding:10px 16px;margin:4px 4px 4px 0;background:#1f5fbf;color:#fff;border-radius:6px;text-decoration:none}
.pack{border-top:1px solid #dde3ec;padding-top:8px}.footer{color:#5b6577;font-size:13px;border-top:1px solid #dde3ec;margin-top:24px;padding-top:8px}</style>
</head><body>{{{body}}}{{{footer}}}</body></html>`;
