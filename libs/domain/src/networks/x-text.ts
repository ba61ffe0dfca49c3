// The reference makes the local typing reach every program that compiles this file from source
// (the API and the web client import the libs by path), not only this library's own tsconfig; an
// ambient module declaration cannot be imported, so the reference is the only way to carry it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./twitter-text.d.ts" />
import twitterText from 'twitter-text';

/** Weighted length with the official twitter-text rules (v3 config: 280, URLs 23, CJK and emoji 2). */
export function countXWeighted(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/** URLs as X recognises them, with or without a scheme (`example.com` counts). */
export function extractLinks(text: string): string[] {
  return twitterText.extractUrls(text);
}

/** Hashtags as X recognises them, without the leading `#`, in order of appearance. */
export function extractHashtags(text: string): string[] {
  return twitterText.extractHashtags(text);
}
