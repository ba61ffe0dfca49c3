/**
 * How the redirect hands clicks over to the click shipper thread (`ClickBatcher` →
 * `ClickShipper.encode`): one string of NUL-separated values (NUL is a byte no HTTP header may
 * hold). First the handover's time (ms since the epoch, the time of every click in it), then per
 * click RAW_CLICK_FIELDS values: share id, client address, user agent, Referer, Sec-Purpose, Purpose
 * (or X-Purpose), X-Moz ('' where absent). One string crosses to the shipper thread far more cheaply
 * than an array of values. Its own module, so the redirect listener's thread loads nothing of the
 * shipper's.
 */
export const RAW_CLICK_FIELDS = 7;
export const RAW_SEPARATOR = '\0';
export type RawClicks = string;
