package encharge.gateway.encharge;

/**
 * How the {@link EnchargeSimulator} starts; the behaviour knobs can be changed at runtime too.
 *
 * @param port              0 for any free port
 * @param apiKey            the accepted {@code X-Encharge-Token}; null accepts any
 * @param latencyMs         added before every answer
 * @param errorRate         share of calls answered 503, 0..1
 * @param rateLimitRate     share of calls answered 429 with {@code Retry-After}, 0..1
 * @param retryAfterSeconds the {@code Retry-After} of those 429s
 */
public record SimulatorOptions(int port, String apiKey, long latencyMs, double errorRate,
    double rateLimitRate, int retryAfterSeconds) {

  public SimulatorOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
    requireNonNegative("latencyMs", latencyMs);
    requireNonNegative("retryAfterSeconds", retryAfterSeconds);
    requireRate("errorRate", errorRate);
    requireRate("rateLimitRate", rateLimitRate);
  }

  /** A well-behaved Encharge: no latency, no errors, no rate limit. */
  public static SimulatorOptions of(int port, String apiKey) {
    return new SimulatorOptions(port, apiKey, 0, 0, 0, 1);
  }

  static void requireRate(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " " + rate + " is outside 0..1");
    }
  }

  static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " " + value + " is negative");
    }
  }
}
