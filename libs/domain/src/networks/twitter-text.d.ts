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

  /** A twitter-text configuration (`configs.version3`: 280, scale 100, URLs 23, emoji parsing on). */
  interface TwitterTextConfig {
    version: number;
    maxWeightedTweetLength: number;
    scale: number;
    defaultWeight: number;
    emojiParsingEnabled?: boolean;
    transformedURLLength: number;
    ranges: { start: number; end: number; weight: number }[];
  }

  interface TwitterText {
    configs: { version3: TwitterTextConfig; defaults: TwitterTextConfig };
    parseTweet(text: string, config?: TwitterTextConfig): ParsedTweet;
    extractUrls(text: string): string[];
    /** Indices are UTF-16 offsets into the text; `extractUrlsWithoutProtocol` defaults to true. */
    extractUrlsWithIndices(
      text: string,
      options?: { extractUrlsWithoutProtocol?: boolean },
    ): { url: string; indices: [number, number] }[];
    extractHashtags(text: string): string[];
  }

  const twitterText: TwitterText;
  export default twitterText;
}
