package encharge.gateway.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code gateway_webhooks_total{action,outcome}}, {@code gateway_webhook_duration_seconds{action}}
 * and {@code gateway_return_passwords_total{outcome}}. No-op when the Vert.x instance runs without
 * metrics (tests). One instance per lane, used from its event loop only: the meters are kept, so
 * the hot path does not build and look up a meter per webhook.
 */
final class WebhookMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> webhooks = new HashMap<>();
  private final Map<String, Timer> durations = new HashMap<>();

  WebhookMetrics() {
    this.registry = BackendRegistries.getDefaultNow();
  }

  void record(String action, String outcome, long durationMillis) {
    if (registry == null) {
      return;
    }
    webhooks.computeIfAbsent(action + ' ' + outcome, key -> Counter.builder("gateway.webhooks")
            .description("Webhooks processed, by action and outcome")
            .tag("action", action).tag("outcome", outcome).register(registry))
        .increment();
    durations.computeIfAbsent(action, key -> Timer.builder("gateway.webhook.duration")
            .description("Time from receipt to answer")
            .tag("action", action).publishPercentileHistogram().register(registry))
        .record(durationMillis, TimeUnit.MILLISECONDS);
  }

  void recordReturnPassword(String outcome) {
    if (registry == null) {
      return;
    }
    Counter.builder("gateway.return.passwords").description("Generated passwords written back to Encharge, by outcome")
        .tag("outcome", outcome).register(registry).increment();
  }
}
