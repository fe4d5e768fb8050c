import { describeEventStoreContract } from '../contract/event-store.contract';

/**
 * The shared EventStore contract, run against a real KurrentDB server named by
 * KURRENTDB_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false). Without one the suite
 * says plainly that it did not run; it never fakes a server.
 */
const connectionString = process.env.KURRENTDB_CONNECTION_STRING;

// Without a server the suite is reported as skipped, with the reason in its name: counted as
// passed, a placeholder would claim a test that never ran.
const describeWithServer = connectionString ? describe : describe.skip;

describeWithServer(
  connectionString ? 'KurrentDB' : 'KurrentDB (skipped: KURRENTDB_CONNECTION_STRING is not set, no server to test against)',
  () => {
    describeEventStoreContract('KurrentDB', async () => {
      // Loaded here so that the gRPC client and its native bridge load only when a server is there.
      const { KurrentDbEventStore } = await import('./kurrentdb-event-store');
      const store = new KurrentDbEventStore({ connectionString: connectionString! });
      await store.ping();
      return store;
    });
  },
);
