package encharge.gateway.encharge;

import encharge.gateway.bus.Addresses;
import encharge.gateway.bus.BusCodecs;
import encharge.gateway.bus.ContactLookup;
import encharge.gateway.bus.FetchContact;
import encharge.gateway.bus.GatewayException;
import encharge.gateway.bus.WriteContactFields;
import encharge.gateway.config.EnchargeSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Serves the Encharge API to the other verticles over the event bus. Deployed in
 * {@link EnchargeSettings#instances()} instances; its config is {@link EnchargeSettings#toJson()}.
 */
public class EnchargeApiVerticle extends VerticleBase {

  private EnchargeClient client;

  @Override
  public Future<?> start() {
    BusCodecs.register(vertx);
    client = new EnchargeClient(vertx, EnchargeSettings.fromJson(config()));
    // local consumers: the messages are records with local-only codecs
    MessageConsumer<FetchContact> fetches =
        vertx.eventBus().localConsumer(Addresses.ENCHARGE_FETCH_CONTACT, this::fetchContact);
    MessageConsumer<WriteContactFields> writes =
        vertx.eventBus().localConsumer(Addresses.ENCHARGE_WRITE_FIELDS, this::writeFields);
    return Future.join(fetches.completion(), writes.completion());
  }

  @Override
  public Future<?> stop() {
    return client == null ? Future.succeededFuture() : client.close();
  }

  private void fetchContact(Message<FetchContact> message) {
    FetchContact fetch = message.body();
    client.fetchContact(fetch.requestId(), fetch.contactId(), fetch.deadline())
        .onSuccess(contact -> message.reply(new ContactLookup(contact)))
        .onFailure(failure -> GatewayException.failReply(message, failure));
  }

  private void writeFields(Message<WriteContactFields> message) {
    WriteContactFields write = message.body();
    client.writeFields(write.requestId(), write.contactId(), write.fields(), write.deadline())
        .onSuccess(written -> message.reply(Boolean.TRUE))
        .onFailure(failure -> GatewayException.failReply(message, failure));
  }
}
