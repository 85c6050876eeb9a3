export * from './sdp';
export * from './origin';
