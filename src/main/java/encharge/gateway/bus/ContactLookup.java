package encharge.gateway.bus;

/** The answer to {@link FetchContact}: {@code contact} is null when Encharge does not know the id. */
public record ContactLookup(EnchargeContact contact) {

  public boolean found() {
    return contact != null;
  }
}
