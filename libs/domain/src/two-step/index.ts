export * from './two-step';
