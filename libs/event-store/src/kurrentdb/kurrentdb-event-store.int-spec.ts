import { describeEventStoreContract } from '../contract/event-store.contract';

/**
 * The shared EventStore contract, run against a real KurrentDB server named by
 * KURRENTDB_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false). Without one the suite
 * says plainly that it did not run; it never fakes a server.
 */
const connectionString = process.env.KURRENTDB_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('KurrentDB', async () => {
    // Loaded here so that the gRPC client and its native bridge load only when a server is there.
    const { KurrentDbEventStore } = await import('./kurrentdb-event-store');
    const store = new KurrentDbEventStore({ connectionString });
    await store.ping();
    return store;
  });
} else {
  describe('EventStore contract: KurrentDB', () => {
    it('did not run: KURRENTDB_CONNECTION_STRING is not set', () => {
      console.log('KurrentDB contract suite SKIPPED: KURRENTDB_CONNECTION_STRING is not set');
    });
  });
}
