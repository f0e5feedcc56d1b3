/**
 * Undo log for one kintone request. Multi-record writes and bulkRequest are all-or-nothing in kintone:
 * every mutation registers how to undo itself, and a failure rolls the whole request back.
 */
export class Journal {
  private readonly undos: Array<() => void> = [];

  record(undo: () => void): void {
    this.undos.push(undo);
  }

  rollback(): void {
    for (let i = this.undos.length - 1; i >= 0; i--) this.undos[i]?.();
    this.undos.length = 0;
  }
}

/** Runs `work` against a fresh journal, rolling back everything it did if it throws. */
export function atomically<T>(work: (journal: Journal) => T): T {
  const journal = new Journal();
  try {
    return work(journal);
  } catch (error) {
    journal.rollback();
    throw error;
  }
}
