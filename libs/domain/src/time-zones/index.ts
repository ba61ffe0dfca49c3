export { isTimeZone } from './time-zone';
export {
  addLocalDays,
  isLocalDate,
  localDateOf,
  moveToLocalDate,
  parseLocalDate,
  startOfLocalDate,
} from './wall-clock';
