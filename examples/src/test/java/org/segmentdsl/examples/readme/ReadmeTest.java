package org.segmentdsl.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactExplanation;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.LiveSegment;
import org.segmentdsl.LiveSegments;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.SegmentOverlap;
import org.segmentdsl.SegmentReport;
import org.segmentdsl.SegmentResult;
import org.segmentdsl.TagAudit;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.examples.LeadNurturing;

/**
 * The README's Java runs as written: every {@code java} block of {@code README.md} is found word
 * for word (up to indentation) in this package's sources, which the build compiles, and this test
 * runs each of them and checks what it gives, the tour's printed output against the README's.
 */
class ReadmeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path SOURCES =
      Path.of("src/main/java/org/segmentdsl/examples/readme").toAbsolutePath();
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```$");

  /** The blocks of the README in a language, in order. */
  private static List<String> blocks(String language) throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> blocks = new ArrayList<>();
    Matcher m = FENCE.matcher(readme);
    while (m.find()) {
      if (m.group(1).equals(language)) {
        blocks.add(m.group(2));
      }
    }
    return blocks;
  }

  private static List<String> trimmedLines(String text) {
    return text.lines().map(String::strip).toList();
  }

  @Test
  void everyJavaBlockOfTheReadmeIsInTheTestedSources() throws IOException {
    List<List<String>> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        sources.add(trimmedLines(Files.readString(f)));
      }
    }
    List<String> blocks = blocks("java");
    assertThat(blocks).as("java blocks in README.md").hasSizeGreaterThanOrEqualTo(10);
    for (String block : blocks) {
      List<String> lines = trimmedLines(block);
      assertThat(sources.stream().anyMatch(source -> java.util.Collections.indexOfSubList(
          source, lines) >= 0))
          .as("README block not found word for word in %s:%n%s", SOURCES, block)
          .isTrue();
    }
  }

  @Test
  void theTourPrintsWhatTheReadmeShows() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      Tour.main(new String[0]);
    } finally {
      System.setOut(out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    assertThat(blocks("text")).as("the README shows the tour's output").contains(printed);
  }

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("America/New_York");

  private Schema schema;
  private ContactIndex index;
  private EvaluationContext ctx;

  /** The tour's state: its schema and its two contacts. */
  @BeforeEach
  void tourIndex() {
    schema = Schema.builder()
        .contactField("country", FieldType.STRING)
        .contactField("company_size", FieldType.NUMBER)
        .contactField("signup_source", FieldType.STRING)
        .contactField("signup_date", FieldType.DATE)
        .contactField("renewal_date", FieldType.DATE)
        .contactField("birthday", FieldType.DATE)
        .contactField("last_login", FieldType.DATETIME)
        .contactField("vip", FieldType.BOOLEAN)
        .contactField("location", FieldType.GEO)
        .dealField("stage", FieldType.STRING)
        .dealField("pipeline", FieldType.STRING)
        .dealField("value", FieldType.NUMBER)
        .accountField("industry", FieldType.STRING)
        .accountField("employees", FieldType.NUMBER)
        .build();
    index = ContactIndex.create(schema);
    index.update(batch -> batch
        .upsert(Contact.builder("c-1001").tags("interest-crm").field("country", "US").build())
        .upsert(Contact.builder("c-1002").tags("interest-crm", "status-customer").build()));
    ctx = EvaluationContext.of(NOW, ZONE);
  }

  private List<String> ids(Condition condition) {
    return index.evaluate(Segment.of(condition), ctx).ids();
  }

  @Test
  void events() {
    List<Condition> c = Snippets.events(index);
    assertThat(ids(c.get(0))).isEmpty(); // one click, not two
    assertThat(ids(c.get(1))).containsExactly("c-1001", "c-1002"); // no one opened
    assertThat(ids(c.get(2))).containsExactly("c-1001"); // checkout 16 hours before NOW
    assertThat(ids(c.get(3))).isEmpty(); // no webinar
    index.update(b -> b.record(Event.of("c-1002", "webinar_attended",
        LocalDate.of(2026, 11, 30).atStartOfDay(ZONE).toInstant().minusSeconds(1),
        java.util.Map.of("topic", "The CRM Hour"))));
    assertThat(ids(c.get(3))).containsExactly("c-1002");
  }

  @Test
  void useCases() {
    List<Condition> c = Snippets.useCases();
    assertThat(c).hasSize(7);
    for (Condition condition : c) {
      ids(condition); // valid against the tour's schema
    }
    assertThat(ids(c.get(1))).containsExactly("c-1002");
    assertThat(ids(c.get(2))).containsExactly("c-1001");
  }

  @Test
  void dealsAndAccounts() {
    List<Condition> c = Snippets.dealsAndAccounts(index);
    assertThat(ids(c.get(0))).containsExactly("c-1001");
    assertThat(ids(c.get(1))).containsExactly("c-1001");
  }

  @Test
  void references() {
    Segment leads = Segment.builder().id("engaged-crm-leads").where(tag("interest-crm")).build();
    assertThat(Snippets.references(index, leads, ctx).ids()).containsExactly("c-1001");
  }

  @Test
  void json() throws IOException {
    List<Segment> s = Snippets.json(ROOT.resolve("examples/segments/nurture-crm.json"), schema,
        SegmentRegistry.empty());
    assertThat(s).containsOnly(LeadNurturing.SEGMENT);
  }

  @Test
  void snapshot(@TempDir Path dir) throws IOException {
    Snippets.eventBuffer(index);
    Segment visited = Segment.of(event("page_visit"));
    SegmentRegistry saved = SegmentRegistry.of(Segment.builder().id("v").where(tag("x")).build());
    ContactIndex restored = Snippets.snapshot(index, saved, dir.resolve("contacts.snapshot"));
    assertThat(restored).isNotNull().isNotSameAs(index);
    assertThat(restored.evaluate(visited, ctx).ids()).containsExactly("c-1002");
  }

  @Test
  void insight() {
    Segment leads = Segment.of(all(tag("interest-crm"), not(tag("status-customer"))));
    Segment customers = Segment.of(tag("status-customer"));
    SegmentRegistry saved = SegmentRegistry.of(
        Segment.builder().id("leads").where(leads.condition()).build());
    List<Object> r = Snippets.insight(index, leads, customers, saved, ctx);
    ContactExplanation why = (ContactExplanation) r.get(0);
    assertThat(why.member()).isTrue();
    assertThat(why.root().children()).extracting(ContactExplanation.Node::match)
        .containsExactly(true, true);
    assertThat((List<?>) r.get(1)).isEmpty();
    assertThat(((TagAudit) r.get(2)).tags()).extracting(TagAudit.Entry::tag,
        TagAudit.Entry::count).containsExactly(tuple("interest-crm", 2),
        tuple("status-customer", 1));
    assertThat(((SegmentOverlap) r.get(3)).pairs().get(0).both()).isZero();
    assertThat(((SegmentReport) r.get(4)).count()).isEqualTo(1);

    Segment typo = Segment.of(all(tag("interst-crm"), field("country").eq("us")));
    List<Object> wrong = Snippets.insight(index, typo, customers, saved, ctx);
    assertThat(((ContactExplanation) wrong.get(0)).member()).isFalse();
    assertThat((List<?>) wrong.get(1)).extracting(Object::toString).containsExactly(
        "/where/all/0: unknown-tag: no contact carries the tag \"interst-crm\"; did you mean "
            + "\"interest-crm\"?",
        "/where/all/1: unknown-value: no contact has \"us\" in field \"country\", but \"US\" "
            + "exists (they differ in letter case or spaces)",
        "/where: empty: the segment matches no contact now (of 2)");
  }

  @Test
  void cancellation() {
    SegmentResult result = Snippets.cancellation(index, Segment.of(tag("status-customer")), NOW);
    assertThat(result).isNotNull();
    assertThat(result.ids()).containsExactly("c-1002");
  }

  @Test
  void live() throws InterruptedException {
    List<String> mail = new CopyOnWriteArrayList<>();
    index.update(b -> b.record(Event.of("c-1002", "checkout_started",
        Instant.now().minus(Duration.ofHours(2)))));
    try (LiveSegments live = Snippets.live(index, SegmentRegistry.empty(), new Snippets.Mailer() {
      @Override
      public void scheduleCartReminder(String contactId) {
        mail.add("remind " + contactId);
      }

      @Override
      public void cancelCartReminder(String contactId) {
        mail.add("cancel " + contactId);
      }

      @Override
      public void reconcileCartReminders(List<String> members) {
        mail.add("reconcile " + members);
      }
    })) {
      LiveSegment carts = live.segments().get(0);
      assertThat(carts.members().ids()).containsExactly("c-1002"); // c-1001's is too recent
      // a minute ago: the live segments' now is when they were built or last ticked
      index.update(b -> b.record(Event.of("c-1002", "purchase", Instant.now().minusSeconds(60))));
      assertThat(live.awaitDelivered(Duration.ofSeconds(30))).isTrue();
      assertThat(mail).containsExactly("cancel c-1002");
    }
  }
}
