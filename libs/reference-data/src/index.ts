export * from './vocabularies';
export * from './district';
export * from './validators/credit-code';
export * from './validators/resident-id';
export * from './validators/phone';
export * from './schemas';
export * from './field-checks';
export * from './erased';
