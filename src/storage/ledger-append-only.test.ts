import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../test/db';
import { TestClock } from '../../test/app';
import { appendEntry } from '../services/ledger';

// The append-only guarantee lives in the schema (triggers), so it is proved against the tables
// directly: no repository offers a way to change an entry.
describe.each(DIALECTS)('ledger storage on %s', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    await db.db.transaction().execute((trx) =>
      appendEntry(
        trx,
        { clock: new TestClock() },
        { type: 'system', id: 'test' },
        'test.appended@1',
        {
          type: 'test',
          id: '1',
        },
        {},
      ),
    );
  });
  afterAll(() => db?.cleanup());

  it('PLT-04 the database refuses to update or delete a ledger entry', async () => {
    await expect(
      db.db.updateTable('ledger').set({ action: 'x.y@1' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.db.deleteFrom('ledger').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
  });
});
