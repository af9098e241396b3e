package encharge.gateway.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Passwords accepted, tokens made, retry delays: the small rules of the account part. */
class AccountRulesTest {

  @Test
  void aPasswordHasEightCharactersAndFitsBcrypt() {
    assertNull(PasswordRule.problem("12345678", "12345678"));
    assertNull(PasswordRule.problem("ééééèèèè", "ééééèèèè"), "characters, not bytes, count for the minimum");
    assertNotNull(PasswordRule.problem("1234567", "1234567"));
    assertNotNull(PasswordRule.problem(null, null));
    assertNull(PasswordRule.problem("a".repeat(72), "a".repeat(72)));
    assertNotNull(PasswordRule.problem("a".repeat(73), "a".repeat(73)));
    assertNotNull(PasswordRule.problem("12345678", "12345679"));
  }

  @Test
  void tokensAreLongRandomAndStoredAsTheirSha256() {
    String token = PasswordTokens.newToken();
    assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
    assertNotEquals(token, PasswordTokens.newToken());
    assertEquals(MailTestSupport.sha256(token), PasswordTokens.hash(token));
    assertEquals(64, PasswordTokens.hash(token).length());
  }

  @Test
  void retryDelaysDoubleWithJitterUpToAnHour() {
    for (int i = 0; i < 100; i++) {
      long first = WelcomeMailSender.retryDelayMs(1_000, 1);
      assertTrue(first >= 500 && first <= 1_000, "first: " + first);
      long fourth = WelcomeMailSender.retryDelayMs(1_000, 4);
      assertTrue(fourth >= 4_000 && fourth <= 8_000, "fourth: " + fourth);
      long late = WelcomeMailSender.retryDelayMs(30_000, 60);
      assertTrue(late >= 1_800_000 && late <= 3_600_000, "capped at an hour: " + late);
    }
  }
}
