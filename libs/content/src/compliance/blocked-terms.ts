/**
 * Folds text for matching: compatibility decomposition (NFKD), combining marks removed (so "é",
 * "e\u0301" and "ｅ" all become "e"), full case folding through upper- then lower-case (so "ß"
 * matches "SS" and Greek final sigma matches sigma), typographic apostrophes made plain and
 * whitespace runs made one space.
 */
export function foldForMatching(text: string): string {
  const stripMarks = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '');
  return stripMarks(stripMarks(text).toUpperCase().toLowerCase())
    .replace(/[\u2018\u2019\u02bc\uff07]/g, "'")
    .replace(/\s+/gu, ' ');
}

// Scripts written without spaces between words: a match there cannot demand a word boundary.
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD_CHAR = /[\p{L}\p{N}\p{Pc}]/u;

/** A letter, digit or connector of a script that separates words with spaces. */
function isSpacedWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char) && !UNSPACED_SCRIPT.test(char);
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
    const rightOk = prefix || !isSpacedWordChar(last) || !isSpacedWordChar(charAt(text, end));
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
