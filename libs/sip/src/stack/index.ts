export * from './dialog';
export * from './incoming';
export * from './outgoing-invite';
export * from './timer-settings';
export * from './transport';
export * from './user-agent';
