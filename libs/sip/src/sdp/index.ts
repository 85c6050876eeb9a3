export * from './sdp';
