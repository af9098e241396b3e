package encharge.gateway.bus;

/** @param generated true only on the start that created it: the one start that shows it. */
public record AccessKey(String value, boolean generated) {

  @Override
  public String toString() {
    return "AccessKey[generated=" + generated + "]";
  }
}
