package encharge.gateway.bus;

import java.time.Instant;
import java.util.Map;

/**
 * Write fields of one person ({@code POST /people}), e.g. the generated password. Values may be
 * secret: they are never logged.
 */
public record WriteContactFields(String requestId, String contactId, Map<String, String> fields,
    Instant deadline) {

  public WriteContactFields {
    fields = Map.copyOf(fields);
  }

  @Override
  public String toString() {
    return "WriteContactFields[requestId=" + requestId + ", contactId=" + contactId + ", fields="
        + fields.keySet() + "]";
  }
}
