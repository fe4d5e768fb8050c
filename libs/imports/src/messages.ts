import { placeholderText } from '@lc/reference-data';

/*
 * The sentences an import answers with (the 400 of a real run, the message of GET /imports/{id}).
 * Numbers and the words they govern go through placeholderText, the `{n:one|other}` rule the
 * locale texts use, so that one row is "1 row" and its verb agrees: whole phrases are its forms.
 */

/** A file refused because some rows are bad: nothing was written. */
export function rowsWithErrors(badRows: number, rowsTotal: number): string {
  return `Of ${placeholderText(rowsTotal, 'row', 'rows')}, ${placeholderText(badRows, 'has', 'have')} errors: nothing was imported`;
}

/** What a completed import wrote, left as it was (written before) and refused (a number taken since the check). */
export function importedRows(counts: { written: number; existed: number; refused: number }): string {
  const written = `${placeholderText(counts.written, 'row', 'rows')} imported`;
  const messages = [
    counts.existed === 0
      ? `${written}.`
      : `${written}; ${placeholderText(
          counts.existed,
          'row had been imported from this file before and was left as it was',
          'rows had been imported from this file before and were left as they were',
        )}.`,
  ];
  if (counts.refused) {
    messages.push(
      `${placeholderText(
        counts.refused,
        'row was not imported: its number belongs to another record since the check',
        'rows were not imported: their numbers belong to other records since the check',
      )}.`,
    );
  }
  return messages.join(' ');
}
