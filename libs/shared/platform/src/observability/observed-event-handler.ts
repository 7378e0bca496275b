import { withRequestId, type EventHandler } from '@vigil/messaging';
import type { Logger } from 'pino';
import type { ServiceMetrics } from './service-metrics';

/**
 * Wraps a consumer's handler so each delivery runs under the request id the event carries (its
 * log lines and the events it writes in turn name the request that started it all), is logged
 * once with its outcome, and is counted.
 */
export function observedEventHandler(handle: EventHandler, logger: Logger, metrics: ServiceMetrics): EventHandler {
  return (event) =>
    withRequestId(event.requestId, async () => {
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      const about = { eventType: event.type, eventId: event.id, correlationId: event.correlationId, from: event.source };
      try {
        await handle(event);
      } catch (error) {
        metrics.observeEvent(event.type, 'failed', seconds());
        logger.warn({ ...about, reason: (error as Error).message }, 'event handling failed; the bus retries it or dead-letters it');
        throw error;
      }
      metrics.observeEvent(event.type, 'handled', seconds());
      logger.info({ ...about, durationMs: Math.round(seconds() * 1000) }, `handled ${event.type}`);
    });
}
