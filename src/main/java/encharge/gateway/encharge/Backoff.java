package encharge.gateway.encharge;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before retrying a call to Encharge: exponential backoff with full jitter, never
 * shorter than the server's {@code Retry-After}.
 */
final class Backoff {

  /** No {@code Retry-After} header, or one that could not be read. */
  static final long NO_RETRY_AFTER = -1;

  private final long baseMs;
  private final long maxMs;

  Backoff(long baseMs, long maxMs) {
    this.baseMs = Math.max(0, baseMs);
    this.maxMs = Math.max(this.baseMs, maxMs);
  }

  /**
   * The wait before retry number {@code retry + 1} (0 for the first retry): uniform in
   * {@code [0, min(maxMs, baseMs * 2^retry)]}, raised to {@code retryAfterMs} when the server sent
   * one. The jitter stays on top of {@code Retry-After} so that callers told the same instant do
   * not all come back at once.
   */
  long delayMs(int retry, long retryAfterMs) {
    // compared before shifting, so the doubling cannot overflow
    long ceiling = retry < 62 && baseMs <= maxMs >> retry ? baseMs << retry : maxMs;
    long jittered = ThreadLocalRandom.current().nextLong(ceiling + 1);
    return Math.max(jittered, retryAfterMs);
  }

  /**
   * A {@code Retry-After} value in milliseconds: delta seconds or an HTTP date (RFC 1123);
   * {@link #NO_RETRY_AFTER} when absent or unreadable. A date in the past means "now" (0).
   */
  static long retryAfterMs(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return NO_RETRY_AFTER;
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Math.multiplyExact(Long.parseLong(value), 1000L);
      } catch (ArithmeticException | NumberFormatException e) {
        return NO_RETRY_AFTER;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Math.max(0, Duration.between(now, at).toMillis());
    } catch (DateTimeParseException e) {
      return NO_RETRY_AFTER;
    }
  }
}
