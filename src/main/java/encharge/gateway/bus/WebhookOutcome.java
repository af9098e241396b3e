package encharge.gateway.bus;

import java.util.List;

/** The successful answer to one webhook: {@code data.user_id}, {@code data.method}, ... */
public record WebhookOutcome(long userId, WebhookAction method, boolean created, List<String> warnings) {

  public WebhookOutcome {
    warnings = List.copyOf(warnings);
  }
}
