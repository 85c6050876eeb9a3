export * from './config';
export * from './routing';
export { selectAgent } from './selection/agent-selection';
export { occupancyOf } from './selection/occupancy';
export * from './wait-estimate';
