package encharge.gateway.bus;

/** Asks the users verticle for the stored webhook access key, generating it on first start. */
public record AccessKeyRequest() {
}
