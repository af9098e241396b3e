package encharge.gateway.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The welcome mail's subject, plain-text and HTML templates: files of the templates folder that a
 * user may edit, else the built-in copies in the jar. The language is plain {@code {{name}}}
 * replacement; a line holding a placeholder without a value (no login URL, no first name) is left
 * out, so optional lines need no conditionals.
 */
final class MailTemplates {

  static final Set<String> PLACEHOLDERS = Set.of("site_name", "login", "first_name", "display_name",
      "login_url", "set_password_url", "link_lifetime_hours");
  static final String SUBJECT = "welcome.subject";
  static final String TEXT = "welcome.txt";
  static final String HTML = "welcome.html";

  private static final Logger LOG = LoggerFactory.getLogger(MailTemplates.class);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
  private static final String BUILT_IN = "/mail/";

  /** A rendered welcome mail. */
  record RenderedMail(String subject, String text, String html) {
  }

  private final String subject;
  private final String text;
  private final String html;

  MailTemplates(String subject, String text, String html) {
    this.subject = subject;
    this.text = text;
    this.html = html;
  }

  /** Reads the three templates once, on a worker: {@code folder/NAME}, else the built-in one. */
  static Future<MailTemplates> load(Vertx vertx, String folder) {
    return vertx.executeBlocking(() -> {
      List<String> builtIn = new ArrayList<>();
      String subject = read(folder, SUBJECT, builtIn);
      String text = read(folder, TEXT, builtIn);
      String html = read(folder, HTML, builtIn);
      LOG.atInfo().addKeyValue("folder", folder).addKeyValue("builtIn", builtIn)
          .log("welcome mail templates loaded");
      return new MailTemplates(subject, text, html);
    });
  }

  /** @param values placeholder name -> value; null or empty values drop their line */
  RenderedMail render(Map<String, String> values) {
    // a subject is one line: no header folding tricks from a value holding a line break
    String renderedSubject = fill(subject, values, false).strip().replaceAll("[\\r\\n]+", " ");
    return new RenderedMail(renderedSubject, fill(text, values, false).strip() + "\n",
        fill(html, values, true).strip() + "\n");
  }

  private static String fill(String template, Map<String, String> values, boolean escapeHtml) {
    StringBuilder out = new StringBuilder(template.length() + 256);
    for (String line : template.split("\n", -1)) {
      String filled = fillLine(line, values, escapeHtml);
      if (filled != null) {
        out.append(filled).append('\n');
      }
    }
    return out.toString();
  }

  /** The line with its placeholders replaced; null when one of them has no value. */
  private static String fillLine(String line, Map<String, String> values, boolean escapeHtml) {
    Matcher matcher = PLACEHOLDER.matcher(line);
    StringBuilder out = new StringBuilder(line.length() + 64);
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!PLACEHOLDERS.contains(name)) {
        // left as written, so that whoever edits the template sees the typo in a test mail
        matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
        continue;
      }
      String value = values.get(name);
      if (value == null || value.isBlank()) {
        return null;
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(escapeHtml ? Html.escape(value) : value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String read(String folder, String name, List<String> builtIn) {
    try {
      Path file = folder == null ? null : Path.of(folder, name);
      if (file != null && Files.isRegularFile(file)) {
        return normalize(Files.readString(file, StandardCharsets.UTF_8));
      }
      builtIn.add(name);
      try (InputStream in = MailTemplates.class.getResourceAsStream(BUILT_IN + name)) {
        if (in == null) {
          throw new IllegalStateException("the built-in mail template " + name + " is missing from the jar");
        }
        return normalize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the mail template " + name, e);
    }
  }

  private static String normalize(String template) {
    return template.replace("\r\n", "\n");
  }
}
