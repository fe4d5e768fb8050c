import { importedRows, rowsWithErrors } from './messages';

describe('import messages', () => {
  it('speak of one row in the singular', () => {
    expect(rowsWithErrors(1, 1)).toBe('Of 1 row, 1 has errors: nothing was imported');
    expect(importedRows({ written: 1, existed: 0, refused: 0 })).toBe('1 row imported.');
    expect(importedRows({ written: 0, existed: 1, refused: 1 })).toBe(
      '0 rows imported; 1 row had been imported from this file before and was left as it was. ' +
        '1 row was not imported: its number belongs to another record since the check.',
    );
  });

  it('speak of many rows in the plural', () => {
    expect(rowsWithErrors(2, 5)).toBe('Of 5 rows, 2 have errors: nothing was imported');
    expect(rowsWithErrors(1, 5)).toBe('Of 5 rows, 1 has errors: nothing was imported');
    expect(importedRows({ written: 3, existed: 0, refused: 0 })).toBe('3 rows imported.');
    expect(importedRows({ written: 3, existed: 2, refused: 2 })).toBe(
      '3 rows imported; 2 rows had been imported from this file before and were left as they were. ' +
        '2 rows were not imported: their numbers belong to other records since the check.',
    );
  });
});
