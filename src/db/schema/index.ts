export * from './territory';
export * from './identity';
export * from './organisations';
export * from './care';
export * from './platform';
export * from './directory';
export * from './schedule';
export * from './billing';
