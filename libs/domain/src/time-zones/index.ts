export { isTimeZone } from './time-zone';
