package encharge.gateway.config;

/** Bad configuration: start-up stops with this one line, which names the setting. */
public class ConfigException extends RuntimeException {

  private final String setting;

  public ConfigException(String setting, String problem) {
    super(setting + ": " + problem, null, false, false);
    this.setting = setting;
  }

  public String setting() {
    return setting;
  }
}
