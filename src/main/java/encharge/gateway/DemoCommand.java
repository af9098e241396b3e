package encharge.gateway;

import encharge.gateway.config.GatewayConfig;
import encharge.gateway.encharge.EnchargeSimulator;
import encharge.gateway.encharge.SimulatedContacts;
import encharge.gateway.encharge.SimulatorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The gateway with zero set-up: embedded PostgreSQL under DATA_DIR/demo, the Encharge simulator
 * seeded with sample contacts, and curl commands to paste.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Serve with embedded PostgreSQL and a built-in Encharge simulator; prints curl commands to try.")
final class DemoCommand implements Callable<Integer> {

  static final String DEMO_API_KEY = "demo-encharge-api-key";
  static final String DEMO_ADMIN_TOKEN = "demo-admin-token";
  static final String DEMO_PASSWORD_FIELD = "wpPassword";

  @Option(names = "--contacts", defaultValue = "25", description = "Sample contacts in the simulator (default ${DEFAULT-VALUE}).")
  int contacts;

  @Option(names = "--simulator-port", defaultValue = "0", description = "Simulator port (default: any free port).")
  int simulatorPort;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Main.newVertx();
    SimulatedContacts people = SimulatedContacts.generate(contacts, 42);
    EnchargeSimulator simulator = new EnchargeSimulator(
        new SimulatorOptions(simulatorPort, DEMO_API_KEY, 0, 0, 0, 1), people);
    vertx.deployVerticle(simulator).await();
    String simulatorUrl = "http://127.0.0.1:" + simulator.actualPort() + "/v1";

    JsonObject raw = GatewayConfig.loadRaw(vertx).await()
        .put("ENCHARGE_API_URL", simulatorUrl)
        .put("ENCHARGE_API_KEY", DEMO_API_KEY);
    if (raw.getValue("ADMIN_TOKEN") == null) {
      raw.put("ADMIN_TOKEN", DEMO_ADMIN_TOKEN);
    }
    if (raw.getValue("RETURN_PASSWORD_FIELD") == null) {
      raw.put("RETURN_PASSWORD_FIELD", DEMO_PASSWORD_FIELD);
    }
    GatewayConfig config = GatewayConfig.from(raw);
    ServeCommand.GatewayProcess process = new ServeCommand.GatewayProcess(vertx);
    process.start(config, Path.of(config.database().dataDir(), "demo"));
    printCurls(process.gateway(), simulatorUrl, people.all());
    process.awaitShutdown();
    return 0;
  }

  private static void printCurls(Gateway gateway, String simulatorUrl, List<JsonObject> people) {
    String base = "http://localhost:" + gateway.port();
    String key = gateway.accessKey().value();
    String admin = gateway.config().http().adminToken();
    JsonObject person = people.get(0);
    String id = person.getString("id");
    String body = "'{\"id\": \"" + id + "\"}'";
    String json = "-H 'Content-Type: application/json'";
    System.out.println();
    System.out.println("encharge-gateway demo is up on " + base + " (Ctrl+C stops it)");
    System.out.println("  Encharge simulator: " + simulatorUrl + " (" + people.size() + " sample contacts, API key "
        + DEMO_API_KEY + ")");
    System.out.println("  webhook access key: " + key);
    System.out.println();
    System.out.println("# 1. Encharge fires the webhook for " + person.getString("firstName") + " "
        + person.getString("lastName") + " <" + person.getString("email") + ">: create the user");
    System.out.println("curl -s -X POST '" + base + "/?wpf_action=add&role=customer&access_key=" + key + "' " + json
        + " -d " + body);
    System.out.println();
    System.out.println("# 2. the contact's tags change in Encharge (here: the simulator)");
    System.out.println("curl -s -X POST '" + simulatorUrl + "/people' -H 'X-Encharge-Token: " + DEMO_API_KEY + "' " + json
        + " -d '[{\"id\": \"" + id + "\", \"tags\": \"vip, Import to WordPress\"}]'");
    System.out.println();
    System.out.println("# 3. an update_tags webhook brings the new tags over");
    System.out.println("curl -s -X POST '" + base + "/?wpf_action=update_tags&access_key=" + key + "' " + json
        + " -d " + body);
    System.out.println();
    System.out.println("# 4. look at the user and its webhook log");
    System.out.println("curl -s -H 'Authorization: Bearer " + admin + "' '" + base + "/api/users?contact_id=" + id + "'");
    System.out.println("curl -s -H 'Authorization: Bearer " + admin + "' '" + base + "/api/webhooks?contact_id=" + id + "'");
    System.out.println();
    JsonObject second = people.get(1);
    String field = gateway.config().sync().returnPasswordField();
    System.out.println("# 5. return password: create " + second.getString("firstName") + "'s user with a welcome mail; the generated");
    System.out.println("#    password is written to the contact's '" + field + "' field in Encharge (recorded, not sent, without SMTP_HOST)");
    System.out.println("curl -s -X POST '" + base + "/?wpf_action=add&send_notification=true&access_key=" + key + "' " + json
        + " -d '{\"id\": \"" + second.getString("id") + "\"}'");
    System.out.println("curl -s -H 'X-Encharge-Token: " + DEMO_API_KEY + "' '" + simulatorUrl + "/people?people%5B0%5D%5Bid%5D="
        + second.getString("id") + "'");
    System.out.println();
    System.out.println("# more: health and metrics");
    System.out.println("curl -s " + base + "/health/ready ; curl -s " + base + "/metrics | head");
    System.out.println();
  }
}
