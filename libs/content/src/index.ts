export * from './messages';
export * from './links';
export * from './render';
export * from './compliance';
export * from './email';
export * from './text';
export * from './channels';
