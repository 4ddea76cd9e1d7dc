/** A separate process that appends ledger entries to a PostgreSQL schema (for the concurrency test). */
import { openDatabase } from '../src/storage/database';
import { appendEntry } from '../src/services/ledger';
import { systemClock } from '../src/services/deps';

const [url, schema, who, countArg] = process.argv.slice(2) as [string, string, string, string];
const database = await openDatabase({ kind: 'postgres', url }, { pgSchema: schema, pgPoolSize: 4 });
const deps = { dialect: database.dialect, clock: systemClock };
const count = Number(countArg);
// Four concurrent writers inside this process too.
await Promise.all(
  [0, 1, 2, 3].map(async (lane) => {
    for (let i = lane; i < count; i += 4) {
      await database.db
        .transaction()
        .execute((trx) =>
          appendEntry(
            trx,
            deps,
            { type: 'system', id: who },
            'test.appended@1',
            { type: 'test', id: `${who}-${i}` },
            { who, i },
          ),
        );
    }
  }),
);
await database.destroy();
