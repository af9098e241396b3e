package encharge.gateway.encharge;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Made-up but plausible Encharge people for the simulator; the same seed gives the same people. */
final class SamplePeople {

  private static final String[] FIRST_NAMES = {
      "Olivia", "Liam", "Emma", "Noah", "Ava", "Oliver", "Sophia", "Elijah", "Isabella", "James",
      "Mia", "William", "Amelia", "Benjamin", "Harper", "Lucas", "Evelyn", "Henry", "Abigail", "Alexander",
      "Emily", "Daniel", "Ella", "Mateo", "Chloe", "Sebastian", "Grace", "Jack", "Zoe", "Owen",
      "Nora", "Samuel", "Lily", "David", "Hannah", "Joseph", "Aria", "Leo", "Layla", "Wyatt",
      "Priya", "Arjun", "Yuki", "Hiroshi", "Fatima", "Omar", "Ingrid", "Lars", "Chiara", "Marco"};

  private static final String[] LAST_NAMES = {
      "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
      "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
      "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
      "Walker", "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Patel", "Kim", "Schmidt",
      "Rossi", "Novak", "Kowalski", "Tanaka", "Haddad", "Larsen", "Dubois", "Silva", "Murphy", "O'Brien"};

  private static final String[] DOMAINS = {
      "example.com", "example.org", "example.net", "mail.example.com", "inbox.example.org"};

  private static final String[] COMPANIES = {
      "Acme Corp", "Globex", "Initech", "Umbrella Analytics", "Stark Consulting", "Wayne Logistics",
      "Hooli", "Pied Piper", "Vandelay Industries", "Soylent Foods", "Wonka Confectionery",
      "Tyrell Systems", "Cyberdyne Labs", "Oceanic Travel", "Gringotts Finance"};

  /** Each tag with the chance a person carries it. */
  private static final String[] TAGS = {"customer", "newsletter", "vip", "trial", "Import to WordPress", "webinar"};
  private static final double[] TAG_CHANCES = {0.4, 0.5, 0.1, 0.2, 0.3, 0.15};

  private SamplePeople() {
  }

  static List<JsonObject> generate(int n, long seed) {
    Random random = new Random(seed);
    Set<String> emails = new HashSet<>();
    Instant now = Instant.now();
    List<JsonObject> people = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String first = pick(random, FIRST_NAMES);
      String last = pick(random, LAST_NAMES);
      JsonObject person = new JsonObject()
          .put("id", uuid(random).toString())
          .put("email", uniqueEmail(random, first, last, emails))
          .put("firstName", first)
          .put("lastName", last)
          .put("name", first + " " + last)
          .put("tags", tags(random))
          .put("createdAt", now.minus(1 + random.nextInt(730), ChronoUnit.DAYS).toString())
          .put("phone", String.format(Locale.ROOT, "+1 %03d-555-%04d", 201 + random.nextInt(780),
              100 + random.nextInt(100)));
      if (random.nextDouble() < 0.8) {
        person.put("company", pick(random, COMPANIES));
      }
      people.add(person);
    }
    return people;
  }

  private static String uniqueEmail(Random random, String first, String last, Set<String> taken) {
    String local = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
    String domain = pick(random, DOMAINS);
    String email = local + "@" + domain;
    for (int suffix = 2; !taken.add(email); suffix++) {
      email = local + suffix + "@" + domain;
    }
    return email;
  }

  private static String tags(Random random) {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < TAGS.length; i++) {
      if (random.nextDouble() < TAG_CHANCES[i]) {
        tags.add(TAGS[i]);
      }
    }
    return String.join(", ", tags);
  }

  /** A version 4 UUID drawn from the seeded generator, so that ids repeat with the seed. */
  private static UUID uuid(Random random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
