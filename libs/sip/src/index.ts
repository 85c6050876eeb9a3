export * from './message';
export * from './sdp';
