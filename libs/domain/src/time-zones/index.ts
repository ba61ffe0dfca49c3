export { isTimeZone } from './time-zone';
export { localDateOf, moveToLocalDate, startOfLocalDate } from './wall-clock';
