import { findBlockedTerms, foldForMatching } from './blocked-terms';

describe('blocked terms', () => {
  it.each([
    ['the same word', 'This is a scam', ['scam'], ['scam']],
    ['another case', 'This is a SCAM', ['scam'], ['scam']],
    ['a term written with capitals', 'this is a scam', ['Scam'], ['Scam']],
    ['an accented spelling', 'Ce café est nul', ['cafe'], ['cafe']],
    ['an accented term', 'Ce cafe est nul', ['café'], ['café']],
    ['a decomposed accent', 'Ce cafe\u0301 est nul', ['café'], ['café']],
    ['full-width letters', 'ＳＣＡＭ alert', ['scam'], ['scam']],
    ['German sharp s', 'Die STRASSE ist gesperrt', ['straße'], ['straße']],
    ['Finnish letters', 'Kilpailija on KÄRKKÄINEN', ['kärkkäinen'], ['kärkkäinen']],
    ['Cyrillic in another case', 'Это МОШЕННИЧЕСТВО!', ['мошенничество'], ['мошенничество']],
    ['Greek with final sigma and tonos', 'ΑΠΆΤΗ και ψεύτικος', ['ψευτικοσ'], ['ψευτικοσ']],
    ['a phrase across extra whitespace', 'get  rich\nquick now', ['get rich quick'], ['get rich quick']],
    ['a term next to punctuation', '(scam), scam!', ['scam'], ['scam']],
    ['a hashtag term', 'Try #freemoney today', ['#freemoney'], ['#freemoney']],
    ['a CJK term inside CJK text without spaces', '这是诈骗网站', ['诈骗'], ['诈骗']],
    ['a Japanese term inside a sentence', 'これは詐欺です', ['詐欺'], ['詐欺']],
    ['a Thai term without spaces', 'นี่คือการหลอกลวงนะ', ['หลอกลวง'], ['หลอกลวง']],
    ['a Latin term right after CJK', '买iPhone便宜', ['iphone'], ['iphone']],
    ['an inflected Finnish word with a * term', 'Kilpailijan tuote', ['kilpailija*'], ['kilpailija*']],
  ])('finds %s', (_name, text, terms, expected) => {
    expect(findBlockedTerms(text, terms)).toEqual(expected);
  });

  it.each([
    ['a term inside a longer word', 'Scampi for dinner', ['scam']],
    ['a term at the end of a longer word', 'assassin', ['sin']],
    ['a Cyrillic term inside a longer word', 'мошенничества', ['мошенничество']],
    ['a term joined by an underscore', 'scam_alert', ['scam']],
    ['a term joined by digits', 'scam2025', ['scam']],
    ['an inflected word without a * term', 'Kilpailijan tuote', ['kilpailija']],
    ['a blank term', 'anything', ['', '   ', '*']],
  ])('does not flag %s', (_name, text, terms) => {
    expect(findBlockedTerms(text, terms)).toEqual([]);
  });

  it('reports each term once, in list order', () => {
    expect(findBlockedTerms('b a b a', ['a', 'b', 'A'])).toEqual(['a', 'b']);
  });

  it('folds case, marks and width the same way for text and terms', () => {
    expect(foldForMatching('ÅÄÖ ＡＢ ﬁ')).toBe('aao ab fi');
  });
});
