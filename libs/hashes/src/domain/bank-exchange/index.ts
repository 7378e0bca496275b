export * from './bank-file';
export * from './bank-file-writer';
export * from './bank-file-formats';
export { DELIMITED_COLUMNS } from './delimited-bank-file';
export { VICS_CATEGORY_CLASSIFICATIONS, vicsCategoryOf } from './vics-bank-file';
