export * from './pid-lock';
