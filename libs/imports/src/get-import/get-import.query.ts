/** An import's progress: its state, the rows done and written, and its errors. */
export class GetImportQuery {
  constructor(readonly importId: string) {}
}
