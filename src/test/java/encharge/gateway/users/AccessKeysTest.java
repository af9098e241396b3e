package encharge.gateway.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import encharge.gateway.bus.AccessKey;
import encharge.gateway.bus.AccessKeyRequest;
import encharge.gateway.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AccessKeysTest {

  @Test
  void keyIsGeneratedOnceAndThenRead(Vertx vertx, VertxTestContext testContext) {
    Vertx otherProcess = Vertx.vertx();
    Pool direct = UsersFixture.directPool(vertx);
    // the one row this test owns: start from "never generated"
    direct.query("DELETE FROM gateway_settings WHERE name = 'access_key'").execute()
        .compose(deleted -> Future.all(UsersFixture.deploy(vertx), UsersFixture.deploy(otherProcess)))
        .compose(deployed -> Future.all(accessKey(vertx), accessKey(otherProcess))
            .compose(racing -> accessKey(vertx)
                .map(later -> List.<AccessKey>of(racing.resultAt(0), racing.resultAt(1), later))))
        .eventually(otherProcess::close)
        .eventually(direct::close)
        .onComplete(testContext.succeeding(keys -> testContext.verify(() -> {
          String key = keys.get(0).value();
          assertTrue(key.matches("[A-Za-z0-9_-]{32}"), "not 32 url-safe characters");
          assertEquals(key, keys.get(1).value());
          assertEquals(key, keys.get(2).value());
          assertEquals(1, keys.subList(0, 2).stream().filter(AccessKey::generated).count());
          assertEquals(false, keys.get(2).generated());
          testContext.completeNow();
        })));
  }

  private static Future<AccessKey> accessKey(Vertx vertx) {
    return vertx.eventBus().<AccessKey>request(Addresses.ACCESS_KEY, new AccessKeyRequest())
        .map(Message::body);
  }
}
