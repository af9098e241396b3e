package encharge.gateway.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import encharge.gateway.account.MailTemplates.RenderedMail;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The templates: placeholders, escaping, optional lines, editable files over built-in copies. */
@ExtendWith(VertxExtension.class)
class MailTemplatesTest {

  @Test
  void theBuiltInTemplatesAreTheEditableOnes() throws IOException {
    for (String name : List.of(MailTemplates.SUBJECT, MailTemplates.TEXT, MailTemplates.HTML)) {
      try (InputStream builtIn = MailTemplates.class.getResourceAsStream("/mail/" + name)) {
        assertEquals(Files.readString(Path.of("conf/mail", name)), new String(builtIn.readAllBytes(), StandardCharsets.UTF_8),
            name + ": the jar must carry conf/mail's templates as its built-in ones");
      }
    }
  }

  @Test
  void valuesAreFilledInAndEscapedInHtmlOnly(Vertx vertx) {
    MailTemplates templates = MailTemplates.load(vertx, "conf/mail").await();

    RenderedMail mail = templates.render(values("https://example.com/login"));

    assertEquals("Welcome to A & <B>: choose your password", mail.subject());
    assertTrue(mail.text().contains("Hello Ann,"), mail.text());
    assertTrue(mail.text().contains("at A & <B>."), mail.text());
    assertTrue(mail.text().contains("Your login name: ann<x>"), mail.text());
    assertTrue(mail.text().contains("for 72 hours"), mail.text());
    assertTrue(mail.text().contains("https://gw.example.com/account/set-password?token=abc_-1"), mail.text());
    assertTrue(mail.text().contains("Then log in at https://example.com/login"), mail.text());
    assertTrue(mail.html().contains("at A &amp; &lt;B&gt;."), mail.html());
    assertTrue(mail.html().contains("<strong>ann&lt;x&gt;</strong>"), mail.html());
    assertTrue(mail.html().contains("<a href=\"https://example.com/login\">"), mail.html());
    assertFalse(mail.html().contains("<B>"), mail.html());
  }

  @Test
  void aLineWithoutItsValueIsLeftOut(Vertx vertx) {
    MailTemplates templates = MailTemplates.load(vertx, "conf/mail").await();
    Map<String, String> values = values(null);
    values.put("first_name", "");

    RenderedMail mail = templates.render(values);

    assertFalse(mail.text().contains("log in at"), mail.text());
    assertFalse(mail.html().contains("log in at"), mail.html());
    assertFalse(mail.text().contains("Hello"), mail.text());
    assertTrue(mail.text().startsWith("An account has been created"), mail.text());
    assertTrue(mail.html().contains("</html>"), "the HTML stays whole: " + mail.html());
  }

  @Test
  void aMissingFileFallsBackToTheBuiltInOne(Vertx vertx, @TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve(MailTemplates.SUBJECT), "Hi {{login}} from {{site_name}} {{unknown}}\nsecond line\n");

    RenderedMail mail = MailTemplates.load(vertx, folder.toString()).await().render(values(null));

    assertEquals("Hi ann<x> from A & <B> {{unknown}} second line", mail.subject(), "one line; unknown names kept");
    assertTrue(mail.text().contains("Your login name: ann<x>"), "the built-in text: " + mail.text());
  }

  private static Map<String, String> values(String loginUrl) {
    Map<String, String> values = new HashMap<>();
    values.put("site_name", "A & <B>");
    values.put("login", "ann<x>");
    values.put("first_name", "Ann");
    values.put("display_name", "Ann A.");
    values.put("login_url", loginUrl);
    values.put("set_password_url", "https://gw.example.com/account/set-password?token=abc_-1");
    values.put("link_lifetime_hours", "72");
    return values;
  }
}
