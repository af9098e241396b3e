package encharge.gateway.encharge;

import io.vertx.core.json.JsonArray;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the simulator saw, for tests to assert on. Thread-safe. */
final class SimulatorRecords {

  /** Older writes are dropped beyond this, so that a long load test cannot exhaust memory. */
  static final int MAX_WRITES_KEPT = 10_000;

  private final LongAdder requests = new LongAdder();
  private final Map<String, AtomicInteger> lookupsById = new ConcurrentHashMap<>();
  private final Deque<JsonArray> writes = new ArrayDeque<>(); // guarded by itself

  void request() {
    requests.increment();
  }

  void lookupById(String id) {
    lookupsById.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
  }

  void write(JsonArray people) {
    synchronized (writes) {
      if (writes.size() == MAX_WRITES_KEPT) {
        writes.removeFirst();
      }
      writes.addLast(people.copy());
    }
  }

  int requestCount() {
    return requests.intValue();
  }

  int lookupCount(String id) {
    AtomicInteger count = lookupsById.get(id);
    return count == null ? 0 : count.get();
  }

  List<JsonArray> writes() {
    synchronized (writes) {
      return writes.stream().map(JsonArray::copy).toList();
    }
  }

  void clear() {
    requests.reset();
    lookupsById.clear();
    synchronized (writes) {
      writes.clear();
    }
  }
}
