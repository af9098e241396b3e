package encharge.gateway.bus;

import java.util.Locale;
import java.util.Optional;

/** The {@code wpf_action} of a webhook URL. */
public enum WebhookAction {
  UPDATE("update"),
  UPDATE_TAGS("update_tags"),
  ADD("add"),
  TEST("test");

  private final String wireName;

  WebhookAction(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in URLs, answers ({@code data.method}) and the webhook log. */
  public String wireName() {
    return wireName;
  }

  /** Case-insensitive; {@code add_user} is an alias of {@code add}. */
  public static Optional<WebhookAction> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String name = value.trim().toLowerCase(Locale.ROOT);
    if (name.equals("add_user")) {
      return Optional.of(ADD);
    }
    for (WebhookAction action : values()) {
      if (action.wireName.equals(name)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }
}
