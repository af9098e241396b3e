package encharge.gateway.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import encharge.gateway.bus.FailureCode;
import encharge.gateway.bus.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PasswordHasherTest {

  private PasswordHasher hasher;

  @BeforeEach
  void createHasher(Vertx vertx) {
    hasher = new PasswordHasher(vertx, 4);
  }

  @AfterEach
  void closeHasher() {
    hasher.close();
  }

  @Test
  void hashVerifiesOnlyItsPassword(VertxTestContext testContext) {
    hasher.hash("correct horse").compose(hash -> Future.all(
            hasher.verify("correct horse", hash),
            hasher.verify("wrong horse", hash),
            // PHP's password_hash writes $2y$: the same algorithm
            hasher.verify("correct horse", "$2y$" + hash.substring(4)),
            hasher.verify("correct horse", "not a bcrypt hash"))
        .map(verified -> List.<Object>of(hash, verified.resultAt(0), verified.resultAt(1),
            verified.resultAt(2), verified.resultAt(3))))
        .onComplete(testContext.succeeding(results -> testContext.verify(() -> {
          String hash = (String) results.get(0);
          assertTrue(hash.startsWith("$2a$04$"), hash);
          assertEquals(List.of(true, false, true, false), results.subList(1, 5));
          testContext.completeNow();
        })));
  }

  @Test
  void aFullQueueRefusesAtOnceInsteadOfHashingLate(Vertx vertx) {
    PasswordHasher bounded = new PasswordHasher(vertx, 12, 2);
    try {
      List<Future<String>> hashes = List.of(bounded.hash("a"), bounded.hash("b"), bounded.hash("c"));
      GatewayException refused = (GatewayException) hashes.get(2).cause();
      assertEquals(FailureCode.OVERLOADED, refused.code());
      Future.all(hashes.get(0), hashes.get(1)).await();
      assertTrue(bounded.hash("d").await().startsWith("$2a$12$"), "room again once the queue drained");
    } finally {
      bounded.close();
    }
  }

  @Test
  void generatedPasswordsAreTwelveRandomAlphanumerics() {
    String first = PasswordHasher.generatePassword();
    assertTrue(first.matches("[A-Za-z0-9]{12}"), first);
    assertNotEquals(first, PasswordHasher.generatePassword());
  }
}
