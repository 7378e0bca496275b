/**
 * Rows as one JSON document, for a statement that reads them with `json_to_recordset($n::json)`:
 * one parameter and one JSON.stringify for any number of rows and columns.
 *
 * Strings are made well formed first. node-postgres sends a lone UTF-16 surrogate as U+FFFD (the
 * UTF-8 encoder replaces it), but in JSON it becomes a `\udXXX` escape, which Postgres refuses:
 * replacing it here keeps what was stored before instead of failing the whole statement.
 * (U+0000 is refused by Postgres text either way; requests carrying it are refused at the edge.)
 */
export function jsonDocument(rows: readonly object[]): string {
  return JSON.stringify(rows, wellFormedStrings);
}

function wellFormedStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' && !value.isWellFormed() ? value.toWellFormed() : value;
}
