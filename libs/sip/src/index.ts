export * from './message';
export * from './sdp';
export * from './stack';
