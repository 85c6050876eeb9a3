export * from './time-ordered-queue';
export * from './seeded-random';
