import { LINK_TOKEN, composeEditedCaption, renderCaptionForEditing } from './edited-caption';
import { renderCaption, tidyCaption } from './render-caption';

const LINK = 'https://heimo.example/r/Ab3dE9';

describe('captions advocates edit', () => {
  it('starts the editor from the rendered caption with [link] where the link goes', () => {
    expect(
      renderCaptionForEditing('Read {{link}} {{disclosure}}', {
        hasLink: true,
        pack: { title: 'T', hashtags: [] },
        advocateFirstName: 'Aino',
        disclosure: '#employee',
      }),
    ).toEqual({ ok: true, text: `Read ${LINK_TOKEN} #employee` });
  });

  it('replaces every [link] with the tracked link', () => {
    expect(
      composeEditedCaption({ networkId: 'x', text: `A ${LINK_TOKEN} B ${LINK_TOKEN}`, link: LINK }),
    ).toBe(`A ${LINK} B ${LINK}`);
  });

  it('keeps {{ typed by an advocate literally; the text is never a template', () => {
    expect(composeEditedCaption({ networkId: 'x', text: 'Try {{link}} and {{#each x}}', link: LINK })).toBe(
      `Try {{link}} and {{#each x}} ${LINK}`,
    );
  });

  it('appends the link where the network carries it in the text and the advocate removed it', () => {
    expect(composeEditedCaption({ networkId: 'bluesky', text: 'My own words', link: LINK })).toBe(
      `My own words ${LINK}`,
    );
    expect(composeEditedCaption({ networkId: 'bluesky', text: 'Ends with a line\n', link: LINK })).toBe(
      `Ends with a line\n${LINK}`,
    );
  });

  it('does not append the link where it travels as its own parameter', () => {
    expect(composeEditedCaption({ networkId: 'linkedin', text: 'My own words', link: LINK })).toBe(
      'My own words',
    );
  });

  it.each([
    ['at the end', `Read this ${LINK_TOKEN}`, 'Read this'],
    ['at the start', `${LINK_TOKEN} Read this`, 'Read this'],
    ['between words', `Read ${LINK_TOKEN} now`, 'Read now'],
    ['glued to words', `Read${LINK_TOKEN}now`, 'Readnow'],
    ['before a line break', `Read ${LINK_TOKEN}\nNext line`, 'Read\nNext line'],
    ['after a line break', `Read\n${LINK_TOKEN} next`, 'Read\nnext'],
    ['before a CRLF line break', `Read ${LINK_TOKEN}\r\nNext`, 'Read\r\nNext'],
    ['twice in a row', `Read ${LINK_TOKEN} ${LINK_TOKEN}  now`, 'Read now'],
    ['glued twice', `Read ${LINK_TOKEN}${LINK_TOKEN} now`, 'Read now'],
    ['alone', LINK_TOKEN, ''],
  ])('removes [link] %s when the pack has no link', (_name, text, expected) => {
    expect(composeEditedCaption({ networkId: 'x', text, link: null })).toBe(expected);
  });

  it('leaves other spacing as typed when the pack has no link', () => {
    expect(
      composeEditedCaption({ networkId: 'x', text: `A  b\n\n\nc ${LINK_TOKEN} d  e `, link: null }),
    ).toBe('A  b\n\n\nc d  e ');
    expect(composeEditedCaption({ networkId: 'x', text: 'No token  here ', link: null })).toBe(
      'No token  here ',
    );
  });
});

describe('rendering a caption', () => {
  it('tidies what empty variables leave behind', () => {
    expect(
      renderCaption('Read this:  {{link}}  \n\n\n{{hashtags}} {{disclosure}} ', {
        link: null,
        pack: { title: 'T', hashtags: [] },
        advocateFirstName: null,
        disclosure: null,
      }),
    ).toEqual({ ok: true, text: 'Read this:' });
  });

  it('never lengthens text when tidying', () => {
    for (const text of ['a  b', ' a\n\n\n\nb ', 'x \t\ny', ''])
      expect(tidyCaption(text).length).toBeLessThanOrEqual(text.length);
  });
});
