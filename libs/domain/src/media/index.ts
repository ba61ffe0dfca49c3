export * from './alt-text';
