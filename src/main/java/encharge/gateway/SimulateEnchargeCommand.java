package encharge.gateway;

import encharge.gateway.encharge.EnchargeSimulator;
import encharge.gateway.encharge.SimulatedContacts;
import encharge.gateway.encharge.SimulatorOptions;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The Encharge simulator alone, for load tests and local development. */
@Command(name = "simulate-encharge", mixinStandardHelpOptions = true,
    description = "Run the Encharge API simulator (base path /v1).")
final class SimulateEnchargeCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8090", description = "Port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--contacts", defaultValue = "0", description = "Generate this many contacts (default ${DEFAULT-VALUE}).")
  int contacts;

  @Option(names = "--random-seed", defaultValue = "42", description = "Seed of the generated contacts (default ${DEFAULT-VALUE}).")
  long randomSeed;

  @Option(names = "--seed", description = "JSON file with an array of people to load.")
  Path seedFile;

  @Option(names = "--api-key", description = "Accepted X-Encharge-Token (default: any).")
  String apiKey;

  @Option(names = "--latency-ms", defaultValue = "0", description = "Added latency per request (default ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(names = "--error-rate", defaultValue = "0", description = "Share of requests answered 503, 0..1.")
  double errorRate;

  @Option(names = "--rate-limit-rate", defaultValue = "0", description = "Share of requests answered 429, 0..1.")
  double rateLimitRate;

  @Option(names = "--retry-after", defaultValue = "1", description = "Retry-After seconds of 429 answers (default ${DEFAULT-VALUE}).")
  int retryAfterSeconds;

  @Override
  public Integer call() throws Exception {
    SimulatedContacts people = SimulatedContacts.generate(contacts, randomSeed);
    if (seedFile != null) {
      people.loadFile(seedFile);
    }
    Vertx vertx = Vertx.vertx();
    EnchargeSimulator simulator = new EnchargeSimulator(
        new SimulatorOptions(port, apiKey, latencyMs, errorRate, rateLimitRate, retryAfterSeconds), people);
    vertx.deployVerticle(simulator).await();
    System.out.println("Encharge simulator on http://127.0.0.1:" + simulator.actualPort() + "/v1 with "
        + people.size() + " contacts");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().await();
      stopped.countDown();
    }, "simulator-shutdown"));
    stopped.await();
    return 0;
  }
}
