import { runRelayThread } from '@vigil/messaging';

/**
 * Entry of a service's outbox relay thread (ThreadedOutboxRelay runs `run.js relay-thread`, which
 * registers the compiled libraries' path aliases and calls this). A relay that cannot start ends
 * its thread with code 1; the service starts it again.
 */
export function main(): void {
  runRelayThread().catch((error: unknown) => {
    console.error(`[vigil] outbox relay thread could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
