export * from './admission-decision';
export * from './admission-rule';
export * from './attestor';
export * from './deployment-path';
export * from './policy';
