export * from './infrastructure';
export * from './sipp';
export * from './wait-for';
