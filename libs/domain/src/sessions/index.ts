export * from './user-agent';
