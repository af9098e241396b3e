package encharge.gateway.users;

import static encharge.gateway.users.UsersFixture.add;
import static encharge.gateway.users.UsersFixture.apply;
import static encharge.gateway.users.UsersFixture.changes;
import static encharge.gateway.users.UsersFixture.newContactId;
import static encharge.gateway.users.UsersFixture.newEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;

import encharge.gateway.bus.ApplyResult;
import encharge.gateway.bus.ApplyResult.Status;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exactly one user per contact id and per email, however many creates race. */
@ExtendWith(VertxExtension.class)
class ConcurrentCreateTest {

  @Test
  void fiftySimultaneousAddsMakeOneUser(Vertx vertx, VertxTestContext testContext) {
    String contactId = newContactId();
    String email = newEmail();
    UsersFixture.deploy(vertx)
        .compose(deployed -> {
          List<Future<ApplyResult>> adds = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            adds.add(apply(vertx, add(contactId, changes(email, "Jane", null), email)));
          }
          return Future.all(adds).map(all -> all.<ApplyResult>list());
        })
        .compose(results -> countUsers(vertx, contactId, email).map(count -> Map.entry(results, count)))
        .onComplete(testContext.succeeding(resultsAndCount -> testContext.verify(() -> {
          List<ApplyResult> results = resultsAndCount.getKey();
          assertEquals(1, resultsAndCount.getValue());
          assertEquals(1, results.stream().map(ApplyResult::userId).distinct().count());
          assertEquals(Map.of(Status.CREATED, 1L, Status.UPDATED, 49L), countByStatus(results));
          testContext.completeNow();
        })));
  }

  @Test
  void twoProcessesRacingMakeOneUser(Vertx vertx, VertxTestContext testContext) {
    Vertx otherProcess = Vertx.vertx();
    String contactId = newContactId();
    String email = newEmail();
    Future.all(UsersFixture.deploy(vertx), UsersFixture.deploy(otherProcess))
        .compose(deployed -> {
          List<Future<ApplyResult>> adds = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            adds.add(apply(vertx, add(contactId, changes(email, null, null), email)));
            adds.add(apply(otherProcess, add(contactId, changes(email, null, null), email)));
          }
          return Future.all(adds).map(all -> all.<ApplyResult>list());
        })
        .compose(results -> countUsers(vertx, contactId, email).map(count -> Map.entry(results, count)))
        .eventually(otherProcess::close)
        .onComplete(testContext.succeeding(resultsAndCount -> testContext.verify(() -> {
          assertEquals(1, resultsAndCount.getValue());
          assertEquals(1, resultsAndCount.getKey().stream().map(ApplyResult::userId).distinct().count());
          assertEquals(1L, countByStatus(resultsAndCount.getKey()).get(Status.CREATED));
          testContext.completeNow();
        })));
  }

  @Test
  void twoContactsWithOneEmailShareOneUser(Vertx vertx, VertxTestContext testContext) {
    String email = newEmail();
    UsersFixture.deploy(vertx)
        .compose(deployed -> {
          List<Future<ApplyResult>> adds = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            adds.add(apply(vertx, add(newContactId(), changes(email, null, null), email)));
          }
          return Future.all(adds).map(all -> all.<ApplyResult>list());
        })
        .onComplete(testContext.succeeding(results -> testContext.verify(() -> {
          assertEquals(1, results.stream().map(ApplyResult::userId).distinct().count());
          Map<Status, Long> statuses = countByStatus(results);
          assertEquals(1L, statuses.get(Status.CREATED));
          assertEquals(9L, statuses.get(Status.LINKED));
          testContext.completeNow();
        })));
  }

  private static Future<Long> countUsers(Vertx vertx, String contactId, String email) {
    Pool direct = UsersFixture.directPool(vertx);
    return direct.preparedQuery("SELECT count(*) FROM users WHERE contact_id = $1 OR lower(email) = lower($2)")
        .execute(Tuple.of(contactId, email))
        .map(rows -> rows.iterator().next().getLong(0))
        .eventually(direct::close);
  }

  private static Map<Status, Long> countByStatus(List<ApplyResult> results) {
    return results.stream().collect(Collectors.groupingBy(ApplyResult::status, Collectors.counting()));
  }
}
