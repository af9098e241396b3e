package encharge.gateway.bus;

/**
 * Why a webhook (or an admin call) failed. One enum for the whole gateway: verticles fail bus
 * messages with {@link #ordinal()} as the failure code and the HTTP layer maps it back to the
 * status and machine code of CONTRACT.md §2.
 */
public enum FailureCode {
  INVALID_ACTION(400, "invalid_action", 0),
  INVALID_ACCESS_KEY(403, "invalid_access_key", 0),
  MISSING_CONTACT_ID(400, "missing_contact_id", 0),
  INVALID_JSON(400, "invalid_json", 0),
  PAYLOAD_TOO_LARGE(413, "payload_too_large", 0),
  /** Not a delivery failure: WP Fusion answers 200 too, so Encharge does not retry. */
  NO_MATCHING_USER(200, "no_matching_user", 0),
  CONTACT_HAS_NO_EMAIL(422, "contact_has_no_email", 0),
  /** {@code update}/{@code update_tags} for a contact that Encharge does not know. */
  CONTACT_NOT_FOUND(422, "contact_not_found", 0),
  ENCHARGE_UNAVAILABLE(502, "encharge_unavailable", 30),
  ENCHARGE_UNAUTHORIZED(502, "encharge_unauthorized", 0),
  STORAGE_UNAVAILABLE(503, "storage_unavailable", 5),
  OVERLOADED(503, "overloaded", 1),
  TIMEOUT(504, "timeout", 0),
  /** Admin API: missing or wrong bearer token. */
  UNAUTHORIZED(401, "unauthorized", 0),
  /** Admin API: no such record, or the admin API is off. */
  NOT_FOUND(404, "not_found", 0),
  /** Admin API: a malformed query parameter. */
  INVALID_REQUEST(400, "invalid_request", 0),
  INTERNAL_ERROR(500, "internal_error", 0);

  private final int httpStatus;
  private final String code;
  private final int retryAfterSeconds;

  FailureCode(int httpStatus, String code, int retryAfterSeconds) {
    this.httpStatus = httpStatus;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The machine code of the JSON answer, e.g. {@code invalid_access_key}. */
  public String code() {
    return code;
  }

  /** Seconds for the {@code Retry-After} header; 0 when the answer carries none. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static FailureCode fromOrdinal(int ordinal) {
    FailureCode[] all = values();
    return ordinal >= 0 && ordinal < all.length ? all[ordinal] : INTERNAL_ERROR;
  }
}
