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
    ['a term split by a zero-width space', 'Total sc\u200bam', ['scam'], ['scam']],
    ['a term split by a soft hyphen', 'Total sc\u00adam', ['scam'], ['scam']],
    ['a term split by a word joiner and a zero-width joiner', 's\u2060ca\u200dm!', ['scam'], ['scam']],
    ['a term split by a variation selector', 'sca\ufe0fm', ['scam'], ['scam']],
    ['a term split by a combining grapheme joiner', 'sc\u034fam', ['scam'], ['scam']],
    ['a term wrapped in bidi controls', '\u202escam\u202c', ['scam'], ['scam']],
    ['an accented Greek term', 'Ψεύτικος', ['ψευτικος'], ['ψευτικος']],
    ['a Vietnamese term with stacked marks', 'Lừa đảo', ['lua đao'], ['lua đao']],
    ['Katakana with its voiced mark, decomposed or not', 'ガス\u3000カ\u3099ス', ['ガス'], ['ガス']],
    ['a Devanagari term with its vowel sign', 'यह काम है', ['काम'], ['काम']],
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
    ['a Katakana word that differs by its voiced mark', 'ガス', ['カス']],
    ['a Katakana word that differs by its semi-voiced mark', 'パン', ['ハン']],
    ['a Hiragana word that differs by its voiced mark', 'がす', ['かす']],
    ['a Devanagari word that differs by a vowel sign', 'यह काम है', ['कम']],
    ['a Devanagari word inside a longer word after a vowel sign', 'कामना', ['मना']],
    ['a Devanagari consonant that carries a vowel sign', 'का', ['क']],
    ['a Devanagari word that differs by a nukta', 'ज़रा', ['जरा']],
    ['a Thai word that differs by a tone mark', 'ไก่', ['ไก']],
  ])('does not flag %s', (_name, text, terms) => {
    expect(findBlockedTerms(text, terms)).toEqual([]);
  });

  it('reports each term once, in list order', () => {
    expect(findBlockedTerms('b a b a', ['a', 'b', 'A'])).toEqual(['a', 'b']);
  });

  it('folds case, marks and width the same way for text and terms', () => {
    expect(foldForMatching('ÅÄÖ ＡＢ ﬁ')).toBe('aao ab fi');
  });

  it('drops invisible characters before matching', () => {
    expect(foldForMatching('sc\u200bam\u00ad \u2060x\u200c\ufeff')).toBe('scam x');
  });

  it('keeps the marks of scripts other than Latin, Greek and Cyrillic', () => {
    expect(foldForMatching('ガ')).toBe('カ\u3099');
    expect(foldForMatching('का')).toBe('का');
    expect(foldForMatching('Ё ά ñ')).toBe('е α n');
  });
});
