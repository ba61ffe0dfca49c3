export { plainText } from './plain-text';
