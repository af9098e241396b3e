package encharge.gateway.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void generatedPasswordsAreTwelveRandomAlphanumerics() {
    String first = PasswordHasher.generatePassword();
    assertTrue(first.matches("[A-Za-z0-9]{12}"), first);
    assertNotEquals(first, PasswordHasher.generatePassword());
  }
}
