package org.segmentdsl.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segmentdsl.examples.LiveMailer.Sent;

/** The live mailer's story: what the mailer does, and when, as the example's Javadoc tells. */
class LiveMailerTest {

  @Test
  void theMailerActsOnEveryEntryAndExitAtTheRightTime() throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Sent> sent = LiveMailer.play(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(sent).containsExactly(
        sent("2026-12-01T08:10:00Z", "send a cart reminder to", "ben"),
        sent("2026-12-01T08:30:00Z", "stop nudging", "ana"),
        sent("2026-12-01T11:00:00Z", "cancel the cart reminder of", "ben"),
        sent("2026-12-02T10:00:00Z", "send a nudge to", "ben"),
        sent("2026-12-02T10:15:00Z", "stop nudging", "ben"),
        sent("2026-12-04T09:00:00Z", "send a nudge to", "ana"));
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("registered; quiet new leads now: [ana]")
        .doesNotContain("resynchronise");
  }

  private static Sent sent(String at, String action, String contact) {
    return new Sent(Instant.parse(at), action, contact);
  }
}
