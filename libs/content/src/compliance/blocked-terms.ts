// Characters with no visible form (zero-width space and joiners, soft hyphen, word joiner,
// variation selectors, bidi controls, tags …): dropped, so they cannot hide a term.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
// Accents are dropped only where a script writes them as optional diacritics on its letters.
// Elsewhere a nonspacing mark makes another letter (Japanese dakuten: カ → ガ; a Devanagari nukta;
// Thai tone marks) and spacing marks (Devanagari vowel signs) are letters in their own right.
const ACCENTED_LETTER = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{Mn}+/gu;

function stripAccents(text: string): string {
  return text.normalize('NFKD').replace(INVISIBLE, '').replace(ACCENTED_LETTER, '$1');
}

/**
 * Folds text for matching: compatibility decomposition (NFKD), invisible characters (default
 * ignorable code points) removed, accents on Latin, Greek and Cyrillic letters removed (so "é",
 * "e\u0301" and "ｅ" all become "e"; the marks of other scripts stay), full case folding through
 * upper- then lower-case (so "ß" matches "SS" and Greek final sigma matches sigma), typographic
 * apostrophes made plain and whitespace runs made one space.
 */
export function foldForMatching(text: string): string {
  return stripAccents(stripAccents(text).toUpperCase().toLowerCase())
    .replace(/[\u2018\u2019\u02bc\uff07]/g, "'")
    .replace(/\s+/gu, ' ');
}

// Scripts written without spaces between words: a match there cannot demand a word boundary.
// Script extensions, so that marks shared by scripts (the kana voicing marks) count as theirs.
const UNSPACED_SCRIPT =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
// Marks that survive folding belong to the letter before them, so they are part of the word.
const WORD_CHAR = /[\p{L}\p{N}\p{M}\p{Pc}]/u;
const MARK = /\p{M}/u;

/** A letter, digit or connector of a script that separates words with spaces. */
function isSpacedWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char) && !UNSPACED_SCRIPT.test(char);
}

/** A combining mark: the match would end inside a character (カ of ガ, ก of ก่). */
function isMark(char: string | undefined): boolean {
  return char !== undefined && MARK.test(char);
}

function charBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return String.fromCodePoint(text.codePointAt(start) ?? 0);
}

function charAt(text: string, index: number): string | undefined {
  const cp = text.codePointAt(index);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

function lastChar(text: string): string | undefined {
  return charBefore(text, text.length);
}

interface PreparedTerm {
  readonly term: string;
  readonly folded: string;
  readonly prefix: boolean;
}

function prepare(term: string): PreparedTerm | null {
  const trimmed = term.trim();
  const prefix = trimmed.endsWith('*');
  const folded = foldForMatching(prefix ? trimmed.slice(0, -1) : trimmed).trim();
  return folded === '' ? null : { term: trimmed, folded, prefix };
}

function occursAsWord(text: string, { folded, prefix }: PreparedTerm): boolean {
  const first = charAt(folded, 0);
  const last = lastChar(folded);
  for (let at = text.indexOf(folded); at !== -1; at = text.indexOf(folded, at + 1)) {
    const end = at + folded.length;
    const leftOk = !isSpacedWordChar(first) || !isSpacedWordChar(charBefore(text, at));
    const next = charAt(text, end);
    const rightOk = prefix || ((!isSpacedWordChar(last) || !isSpacedWordChar(next)) && !isMark(next));
    if (leftOk && rightOk) return true;
  }
  return false;
}

/**
 * The blocked terms found in the text, each once, in the order of the list (as the organisation
 * wrote them). A term matches as a whole word, ignoring case and accents, in any script; where the
 * term or its neighbour is in a script written without spaces (Chinese, Japanese, Thai …) no word
 * boundary is demanded on that side. A trailing `*` matches any ending (`kilpailija*` also finds
 * "kilpailijan") — useful for inflected languages such as Finnish.
 */
export function findBlockedTerms(text: string, terms: readonly string[]): string[] {
  if (terms.length === 0) return [];
  const folded = foldForMatching(text);
  const found: string[] = [];
  const seen = new Set<string>();
  for (const term of terms) {
    const prepared = prepare(term);
    if (!prepared || seen.has(prepared.folded + (prepared.prefix ? '*' : ''))) continue;
    seen.add(prepared.folded + (prepared.prefix ? '*' : ''));
    if (occursAsWord(folded, prepared)) found.push(prepared.term);
  }
  return found;
}

/** True when the text holds `phrase` as a whole word (same matching as blocked terms). */
export function containsWord(text: string, phrase: string): boolean {
  return findBlockedTerms(text, [phrase]).length > 0;
}
