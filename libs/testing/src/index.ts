export * from './infrastructure';
export * from './sipp';
