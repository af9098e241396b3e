package encharge.gateway.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares a presented secret (access key, admin token) with the configured one in constant time: both are hashed first, so
 * neither the content nor the length of the secret leaks through timing.
 */
final class SecretCheck {

  private final byte[] expectedDigest;

  SecretCheck(String expected) {
    this.expectedDigest = expected == null ? null : digest(expected);
  }

  boolean matches(String presented) {
    return expectedDigest != null && presented != null
        && MessageDigest.isEqual(expectedDigest, digest(presented));
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
