package encharge.gateway;

import encharge.gateway.config.ConfigException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar encharge-gateway.jar [serve | demo | simulate-encharge]}: serve is the default.
 */
@Command(name = "encharge-gateway", mixinStandardHelpOptions = true, version = "encharge-gateway 0.1.0",
    description = "Receives Encharge webhooks (WP Fusion URLs) and keeps users in PostgreSQL.",
    subcommands = {ServeCommand.class, DemoCommand.class, SimulateEnchargeCommand.class})
public final class Main implements Callable<Integer> {

  public static void main(String[] args) {
    selectLogFormat();
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
      if (failure instanceof ConfigException) {
        System.err.println("configuration error: " + failure.getMessage());
        return 2;
      }
      System.err.println("encharge-gateway could not start: " + describe(failure));
      return 1;
    });
    int exit = commandLine.execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  @Override
  public Integer call() throws Exception {
    return new ServeCommand().call();
  }

  private static String describe(Throwable failure) {
    String message = Gateway.rootMessage(failure);
    if (message.contains("epg-lock")) {
      return "its DATA_DIR is in use by another gateway process (" + message + ")";
    }
    return message;
  }

  /** LOG_FORMAT=json: one JSON object per line. Must run before the first logger is made. */
  private static void selectLogFormat() {
    String format = System.getProperty("LOG_FORMAT", System.getenv("LOG_FORMAT"));
    if ("json".equalsIgnoreCase(format) && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
  }

  /** One Vertx for the process, with Prometheus metrics on. */
  static Vertx newVertx() {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true))
        .setJvmMetricsEnabled(true)
        .setEnabled(true);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory())
        .build();
  }
}
