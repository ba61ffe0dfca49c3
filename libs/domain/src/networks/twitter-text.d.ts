// Minimal typing for the parts of twitter-text (3.x, untyped) that Heimo uses.
declare module 'twitter-text' {
  interface ParsedTweet {
    weightedLength: number;
    valid: boolean;
    permillage: number;
    validRangeStart: number;
    validRangeEnd: number;
    displayRangeStart: number;
    displayRangeEnd: number;
  }

  interface TwitterText {
    parseTweet(text: string): ParsedTweet;
    extractUrls(text: string): string[];
    extractHashtags(text: string): string[];
  }

  const twitterText: TwitterText;
  export default twitterText;
}
