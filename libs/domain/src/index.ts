export * from './networks';
export * from './packs';
export * from './training';
export * from './reach';
export * from './leaderboard';
export * from './clicks';
export * from './insights';
export * from './audit';
