package org.segmentdsl.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.booleanField;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.days;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.geoField;
import static org.segmentdsl.dsl.Conditions.inSegment;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.stringField;
import static org.segmentdsl.dsl.Conditions.tag;
import static org.segmentdsl.dsl.Conditions.tagContains;
import static org.segmentdsl.dsl.Conditions.tagEndsWith;
import static org.segmentdsl.dsl.Conditions.tagStartsWith;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.FieldType;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.dsl.Conditions;
import org.segmentdsl.reference.RandomSegments;

/**
 * {@code toString} of conditions and segments is the Java DSL expression that builds them (issue
 * 17): exact texts for every kind, operator, field type, window and escape, and a property test
 * that compiles the text of random conditions and segments with {@code javac} and checks that it
 * builds an equal value. Seeds as in the reference tests: {@code -Dsegment.seed=<long>} (or
 * {@code random}) and {@code -Dsegment.tries=<n>}; try {@code i} uses seed {@code base + i}.
 */
class ConditionToStringTest {
  private static final long DEFAULT_SEED = 0x5E6D_2026_1128L;
  private static final int DEFAULT_TRIES = 40;
  /** Random conditions of {@link #edgy} per try, besides those of {@link RandomSegments}. */
  private static final int EDGY_PER_TRY = 8;
  /** Methods per generated class. */
  private static final int PER_CLASS = 200;

  private static final Instant T1 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-28T09:30:00.123456Z");

  /** A condition and the text it must print as. */
  private record Example(Condition condition, String text) {}

  private static Example ex(Condition condition, String text) {
    return new Example(condition, text);
  }

  private static List<Example> examples() {
    List<Example> e = new ArrayList<>();
    // the issue's example
    e.add(ex(all(tag("interest-crm"), not(tag("status-customer")), field("country").eq("US"),
            numberField("company_size").gte(50), dateField("signup_date").inLast(days(30)),
            list("newsletter").subscribed(),
            event("email_click").where(prop("campaign").ignoringCase().startsWith("crm"))
                .atLeast(2).inLast(Duration.ofDays(14)),
            deal(all(field("stage").eq("Qualified"), numberField("value").gte(1000))),
            account(field("industry").eq("SaaS")), inSegment("customers")),
        "all(tag(\"interest-crm\"), not(tag(\"status-customer\")), field(\"country\").eq(\"US\"),"
            + " numberField(\"company_size\").gte(50),"
            + " dateField(\"signup_date\").inLast(days(30)), list(\"newsletter\").subscribed(),"
            + " event(\"email_click\").where(prop(\"campaign\").ignoringCase()"
            + ".startsWith(\"crm\")).atLeast(2).inLast(Duration.ofDays(14)),"
            + " deal(all(field(\"stage\").eq(\"Qualified\"), numberField(\"value\").gte(1000))),"
            + " account(field(\"industry\").eq(\"SaaS\")), inSegment(\"customers\"))"));
    // groups and labels
    e.add(ex(all(), "all()"));
    e.add(ex(any(), "any()"));
    e.add(ex(all().withLabel("everyone"), "all().withLabel(\"everyone\")"));
    e.add(ex(any(tag("a"), any(tag("b")).withLabel("")).withLabel("outer"),
        "any(tag(\"a\"), any(tag(\"b\")).withLabel(\"\")).withLabel(\"outer\")"));
    e.add(ex(not(not(tag("a")).withLabel("n")), "not(not(tag(\"a\")).withLabel(\"n\"))"));
    // tags
    e.add(ex(tag("a").ignoringCase(), "tag(\"a\").ignoringCase()"));
    e.add(ex(tagStartsWith("interest-").ignoringCase().withLabel("interests"),
        "tagStartsWith(\"interest-\").ignoringCase().withLabel(\"interests\")"));
    e.add(ex(tagEndsWith("-2026"), "tagEndsWith(\"-2026\")"));
    e.add(ex(tagContains("crm"), "tagContains(\"crm\")"));
    // lists
    e.add(ex(list("newsletter").unsubscribed(), "list(\"newsletter\").unsubscribed()"));
    e.add(ex(list("newsletter").bounced(), "list(\"newsletter\").bounced()"));
    e.add(ex(list("newsletter").unconfirmed(), "list(\"newsletter\").unconfirmed()"));
    e.add(ex(list("newsletter").anyStatus().withLabel("on it"),
        "list(\"newsletter\").anyStatus().withLabel(\"on it\")"));
    e.add(ex(list("n").status(ListStatus.SUBSCRIBED), "list(\"n\").subscribed()"));
    // string fields
    e.add(ex(stringField("country").ignoringCase().neq("us"),
        "field(\"country\").ignoringCase().neq(\"us\")"));
    e.add(ex(field("country").eq(""), "field(\"country\").eq(\"\")"));
    e.add(ex(field("plan").in("pro", "business"), "field(\"plan\").in(\"pro\", \"business\")"));
    e.add(ex(field("plan").ignoringCase().notIn(List.of("free")),
        "field(\"plan\").ignoringCase().notIn(\"free\")"));
    e.add(ex(field("email").contains("@"), "field(\"email\").contains(\"@\")"));
    e.add(ex(field("email").notContains("test"), "field(\"email\").notContains(\"test\")"));
    e.add(ex(field("email").ignoringCase().startsWith("info"),
        "field(\"email\").ignoringCase().startsWith(\"info\")"));
    e.add(ex(field("email").ignoringCase().endsWith("@acme.com").withLabel("acme"),
        "field(\"email\").ignoringCase().endsWith(\"@acme.com\").withLabel(\"acme\")"));
    e.add(ex(field("email").isSet(), "field(\"email\").isSet()"));
    e.add(ex(numberField("size").isNotSet(), "field(\"size\").isNotSet()"));
    e.add(ex(field("code").ignoringCase().eq("2026-01-01"),
        "field(\"code\").ignoringCase().eq(\"2026-01-01\")"));
    // numbers
    e.add(ex(numberField("n").eq(-0.0), "numberField(\"n\").eq(0)"));
    e.add(ex(numberField("n").neq(2.5), "numberField(\"n\").neq(2.5)"));
    e.add(ex(numberField("n").gt(-3), "numberField(\"n\").gt(-3)"));
    e.add(ex(numberField("n").lt(3e9), "numberField(\"n\").lt(3.0E9)"));
    e.add(ex(numberField("n").lte(0.1), "numberField(\"n\").lte(0.1)"));
    e.add(ex(numberField("n").between(-1.5, 1e20), "numberField(\"n\").between(-1.5, 1.0E20)"));
    e.add(ex(numberField("n").in(1, 2.5, Double.MIN_VALUE),
        "numberField(\"n\").in(1, 2.5, 4.9E-324)"));
    e.add(ex(numberField("n").notIn(Integer.MAX_VALUE, Integer.MIN_VALUE, -Double.MAX_VALUE),
        "numberField(\"n\").notIn(2147483647, -2.147483648E9, -1.7976931348623157E308)"));
    // dates
    e.add(ex(dateField("d").eq(LocalDate.of(2026, 11, 1)),
        "dateField(\"d\").eq(LocalDate.of(2026, 11, 1))"));
    e.add(ex(dateField("d").neq(LocalDate.of(10000, 1, 1)),
        "dateField(\"d\").neq(LocalDate.of(10000, 1, 1))"));
    e.add(ex(dateField("d").gte(LocalDate.of(-44, 3, 15)),
        "dateField(\"d\").gte(LocalDate.of(-44, 3, 15))"));
    e.add(ex(dateField("d").between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)),
        "dateField(\"d\").between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))"));
    e.add(ex(dateField("d").olderThan(Period.ofWeeks(2)), "dateField(\"d\").olderThan(days(14))"));
    e.add(ex(dateField("d").inNext(days(7)), "dateField(\"d\").inNext(days(7))"));
    e.add(ex(dateField("birthday").anniversary(), "dateField(\"birthday\").anniversary()"));
    // datetimes: a whole number of days is a date field's span, a date bound a date field's
    e.add(ex(datetimeField("t").inLast(Duration.ofDays(90)),
        "dateField(\"t\").inLast(days(90))"));
    e.add(ex(datetimeField("t").inLast(Duration.ofHours(12)),
        "datetimeField(\"t\").inLast(Duration.ofHours(12))"));
    e.add(ex(datetimeField("t").olderThan(Duration.ofMinutes(90)),
        "datetimeField(\"t\").olderThan(Duration.parse(\"PT1H30M\"))"));
    e.add(ex(datetimeField("t").inNext(Duration.ofSeconds(86_401)),
        "datetimeField(\"t\").inNext(Duration.parse(\"P1DT1S\"))"));
    e.add(ex(datetimeField("t").inNext(Duration.ofSeconds(59)),
        "datetimeField(\"t\").inNext(Duration.ofSeconds(59))"));
    e.add(ex(datetimeField("t").gte(T1),
        "datetimeField(\"t\").gte(Instant.parse(\"2026-11-01T00:00:00Z\"))"));
    e.add(ex(datetimeField("t").eq(T2),
        "datetimeField(\"t\").eq(Instant.parse(\"2026-11-28T09:30:00.123456Z\"))"));
    e.add(ex(datetimeField("t").lt(LocalDate.of(2026, 12, 1)),
        "dateField(\"t\").lt(LocalDate.of(2026, 12, 1))"));
    e.add(ex(datetimeField("t").between(T1, T2),
        "datetimeField(\"t\").between(Instant.parse(\"2026-11-01T00:00:00Z\"),"
            + " Instant.parse(\"2026-11-28T09:30:00.123456Z\"))"));
    // booleans and geo
    e.add(ex(booleanField("vip").isTrue(), "booleanField(\"vip\").eq(true)"));
    e.add(ex(booleanField("vip").neq(false), "booleanField(\"vip\").neq(false)"));
    e.add(ex(geoField("location").withinKm(40.71, -74.0, 50),
        "geoField(\"location\").withinKm(40.71, -74, 50)"));
    e.add(ex(geoField("location").withinMiles(-0.0, 151.2093, 12.5),
        "geoField(\"location\").withinMiles(0, 151.2093, 12.5)"));
    // events
    e.add(ex(event("email_open"), "event(\"email_open\")"));
    e.add(ex(event("email_open").never().inLast(Duration.ofDays(90)),
        "event(\"email_open\").never().inLast(Duration.ofDays(90))"));
    e.add(ex(event("page_view").inLast(days(14)).withLabel("recent"),
        "event(\"page_view\").inLast(Duration.ofDays(14)).withLabel(\"recent\")"));
    e.add(ex(event("purchase").where(prop("amount").gte(100), prop("currency").eq("USD"),
            prop("gift").eq(true), prop("qty").eq(2.5), prop("n").in(1, 2), prop("c").notIn("a"),
            prop("x").isNotSet(), prop("y").isSet(), prop("z").between(1, 9.5),
            prop("code").neq(false), prop("s").neq("x"), prop("k").in("a", "b"))
            .atLeast(1).atMost(3).between(T1, T2),
        "event(\"purchase\").where(prop(\"amount\").gte(100), prop(\"currency\").eq(\"USD\"),"
            + " prop(\"gift\").eq(true), prop(\"qty\").eq(2.5), prop(\"n\").in(1, 2),"
            + " prop(\"c\").notIn(\"a\"), prop(\"x\").isNotSet(), prop(\"y\").isSet(),"
            + " prop(\"z\").between(1, 9.5), prop(\"code\").neq(false), prop(\"s\").neq(\"x\"),"
            + " prop(\"k\").in(\"a\", \"b\")).atLeast(1).atMost(3)"
            + ".between(Instant.parse(\"2026-11-01T00:00:00Z\"),"
            + " Instant.parse(\"2026-11-28T09:30:00.123456Z\"))"));
    e.add(ex(event("e").where(prop("url").ignoringCase().contains("/pricing"),
            prop("u").notContains("x"), prop("u").endsWith("y"), prop("n").lt(0), prop("n").gt(1),
            prop("n").lte(-1), prop("n").notIn(3)).atLeast(0).never(),
        "event(\"e\").where(prop(\"url\").ignoringCase().contains(\"/pricing\"),"
            + " prop(\"u\").notContains(\"x\"), prop(\"u\").endsWith(\"y\"), prop(\"n\").lt(0),"
            + " prop(\"n\").gt(1), prop(\"n\").lte(-1), prop(\"n\").notIn(3)).atLeast(0).never()"));
    e.add(ex(event("e").since(LocalDate.of(2026, 11, 1)),
        "event(\"e\").since(LocalDate.of(2026, 11, 1))"));
    e.add(ex(event("e").since(T1), "event(\"e\").since(Instant.parse(\"2026-11-01T00:00:00Z\"))"));
    e.add(ex(event("e").before(LocalDate.of(2026, 11, 1)),
        "event(\"e\").before(LocalDate.of(2026, 11, 1))"));
    e.add(ex(event("e").before(T2),
        "event(\"e\").before(Instant.parse(\"2026-11-28T09:30:00.123456Z\"))"));
    e.add(ex(event("e").between(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)),
        "event(\"e\").between(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1))"));
    e.add(ex(event("e").inLast(Duration.ofMinutes(90)),
        "event(\"e\").inLast(Duration.parse(\"PT1H30M\"))"));
    // deals, accounts, references
    e.add(ex(deal(any(field("stage").eq("Won"), not(numberField("value").lt(10))))
            .withLabel("won"),
        "deal(any(field(\"stage\").eq(\"Won\"), not(numberField(\"value\").lt(10))))"
            + ".withLabel(\"won\")"));
    e.add(ex(account(not(field("industry").eq("SaaS"))).withLabel("non-saas"),
        "account(not(field(\"industry\").eq(\"SaaS\"))).withLabel(\"non-saas\")"));
    e.add(ex(inSegment("customers").withLabel("c"), "inSegment(\"customers\").withLabel(\"c\")"));
    // escapes: quotes, backslashes, control characters, unpaired surrogates; pairs stay as they are
    e.add(ex(tag("say \"hi\" \\ a\\u0041 \n\r\t\b\f \u0000\u001f\u007f\u0085 \ud800 é 😀 \u2028")
            .withLabel("line 1\nline 2"),
        "tag(\"say \\\"hi\\\" \\\\ a\\\\u0041 \\n\\r\\t\\b\\f \\u0000\\u001f\\u007f\\u0085 \\ud800"
            + " é 😀 \u2028\").withLabel(\"line 1\\nline 2\")"));
    e.add(ex(field("a\"b").in("\\", "\n"), "field(\"a\\\"b\").in(\"\\\\\", \"\\n\")"));
    // javac 17 misreads a backslash right after an escaped unpaired high surrogate (when a u
    // follows it), so the printer writes that backslash \134; so must this source
    e.add(ex(tag("\ud800" + "\\u0041 \udbff" + "\\\\"),
        "tag(\"\\ud800\\134u0041 \\udbff\\134\\\\\")"));
    // no DSL form: the record's constructor, or the part's
    e.add(ex(new FieldCondition("d", FieldOperator.IN_LAST, new Operand.Span(TimeSpan.parse("P1W")),
            false, null),
        "new FieldCondition(\"d\", FieldOperator.IN_LAST,"
            + " new Operand.Span(TimeSpan.parse(\"P1W\")), false, null)"));
    e.add(ex(new FieldCondition("t", FieldOperator.OLDER_THAN,
            new Operand.Span(TimeSpan.parse("PT90M")), false, "l"),
        "new FieldCondition(\"t\", FieldOperator.OLDER_THAN,"
            + " new Operand.Span(TimeSpan.parse(\"PT90M\")), false, \"l\")"));
    e.add(ex(new FieldCondition("t", FieldOperator.GT,
            new Operand.Single(new Literal.Text("2026-11-01T09:30+02:00")), false, "offset"),
        "new FieldCondition(\"t\", FieldOperator.GT,"
            + " new Operand.Single(new Literal.Text(\"2026-11-01T09:30+02:00\")), false,"
            + " \"offset\")"));
    e.add(ex(new FieldCondition("t", FieldOperator.BETWEEN, new Operand.Range(
            new Literal.Text("2026-11-01"), new Literal.Text("2026-11-01T12:00:00Z"))),
        "new FieldCondition(\"t\", FieldOperator.BETWEEN, new Operand.Range("
            + "new Literal.Text(\"2026-11-01\"), new Literal.Text(\"2026-11-01T12:00:00Z\")),"
            + " false, null)"));
    e.add(ex(new FieldCondition("n", FieldOperator.IN,
            new Operand.Values(List.of(Literal.of(1), Literal.of(2.5))), true, null),
        "new FieldCondition(\"n\", FieldOperator.IN, new Operand.Values(java.util.List.of("
            + "new Literal.Number(1), new Literal.Number(2.5))), true, null)"));
    e.add(ex(new FieldCondition("b", FieldOperator.EQ, new Operand.Single(Literal.of(true)), true,
            null),
        "new FieldCondition(\"b\", FieldOperator.EQ, new Operand.Single(new Literal.Bool(true)),"
            + " true, null)"));
    e.add(ex(event("e").within(new EventWindow.Last(TimeSpan.parse("P1W2D"))).withLabel("l"),
        "event(\"e\").within(new EventWindow.Last(TimeSpan.parse(\"P1W2D\"))).withLabel(\"l\")"));
    e.add(ex(event("e").within(new EventWindow.Range(new Literal.Text("2026-11-01"),
            new Literal.Text("2026-11-02T00:00:00Z"))),
        "event(\"e\").within(new EventWindow.Range(new Literal.Text(\"2026-11-01\"),"
            + " new Literal.Text(\"2026-11-02T00:00:00Z\")))"));
    e.add(ex(event("e").within(new EventWindow.Range(null,
            new Literal.Text("2026-11-02T00:00:00.5+01:00"))),
        "event(\"e\").within(new EventWindow.Range(null,"
            + " new Literal.Text(\"2026-11-02T00:00:00.5+01:00\")))"));
    e.add(ex(event("e").where(new PropertyFilter("flag", PropertyFilter.Op.IN,
            new Operand.Values(List.of(Literal.of(true), Literal.of(false))), false)),
        "event(\"e\").where(new PropertyFilter(\"flag\", PropertyFilter.Op.IN,"
            + " new Operand.Values(java.util.List.of(new Literal.Bool(true),"
            + " new Literal.Bool(false))), false))"));
    return e;
  }

  @Test
  void everyKindOperatorAndFormPrintsAsItsDsl() {
    for (Example e : examples()) {
      assertThat(e.condition().toString()).isEqualTo(e.text());
    }
  }

  @Test
  void propertyFiltersPrintAsTheirDsl() {
    assertThat(prop("url").ignoringCase().contains("/pricing").toString())
        .isEqualTo("prop(\"url\").ignoringCase().contains(\"/pricing\")");
    assertThat(prop("amount").between(0.5, 100).toString())
        .isEqualTo("prop(\"amount\").between(0.5, 100)");
  }

  @Test
  void segmentsPrintAsTheirBuilder() {
    assertThat(Segment.of(tag("a")).toString()).isEqualTo("Segment.of(tag(\"a\"))");
    assertThat(Segment.builder().name("Leads").where(tag("a")).build().toString())
        .isEqualTo("Segment.builder().name(\"Leads\").where(tag(\"a\")).build()");
    Segment full = Segment.builder().id("engaged-leads").name("Engaged \"Leads\"")
        .description("two\nlines").where(all(tag("a"), not(inSegment("customers"))))
        .metadata("x-team", "{\"team\":\"growth\"}").metadata("x-a", "1").build();
    assertThat(full.toString()).isEqualTo("Segment.builder().id(\"engaged-leads\")"
        + ".name(\"Engaged \\\"Leads\\\"\").description(\"two\\nlines\")"
        + ".where(all(tag(\"a\"), not(inSegment(\"customers\"))))"
        + ".metadata(\"x-a\", \"1\").metadata(\"x-team\", \"{\\\"team\\\":\\\"growth\\\"}\")"
        + ".build()");
  }

  @Test
  void indexAndSnapshotPrintTheirSizeAndVersion() {
    ContactIndex index = ContactIndex.create(
        Schema.builder().contactField("country", FieldType.STRING).build());
    assertThat(index.toString()).isEqualTo("ContactIndex[contacts=0, version=0]");
    assertThat(index.snapshot().toString()).isEqualTo("IndexSnapshot[contacts=0, version=0]");
    index.update(b -> b.upsert(Contact.builder("a").field("country", "US").build())
        .upsert(Contact.builder("b").build()));
    index.update(b -> b.upsert(Contact.builder("c").build()));
    assertThat(index.toString()).isEqualTo("ContactIndex[contacts=3, version=2]");
    assertThat(index.snapshot().toString()).isEqualTo("IndexSnapshot[contacts=3, version=2]");
  }

  // ---------------------------------------------------------------- property: javac round trip

  /** A value to print, compile and compare, and the seed it came from. */
  private record Case(long seed, Object value) {}

  @Test
  void printedConditionsAndSegmentsCompileBackToEqualValues(@TempDir Path dir) throws Exception {
    long base = baseSeed();
    int tries = Integer.getInteger("segment.tries", DEFAULT_TRIES);
    List<Case> cases = new ArrayList<>();
    for (Example e : examples()) {
      cases.add(new Case(-1, e.condition()));
    }
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      SplittableRandom rnd = new SplittableRandom(~seed);
      for (Segment s : RandomSegments.of(seed)) {
        cases.add(new Case(seed, s.condition()));
        cases.add(new Case(seed, decorate(s, rnd)));
      }
      for (int i = 0; i < EDGY_PER_TRY; i++) {
        cases.add(new Case(seed, tree(rnd, 0)));
      }
    }
    List<String> texts = new ArrayList<>();
    for (Case c : cases) {
      String text;
      try {
        text = c.value().toString();
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(what(c) + ": toString threw", e);
      }
      assertThat(text.lines().count()).as("%s: one line: %s", what(c), text).isEqualTo(1);
      texts.add(text);
    }
    ClassLoader loader = compile(dir, texts, cases);
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Class<?> g = loader.loadClass("G" + i / PER_CLASS);
      Method m = g.getMethod("c" + i);
      Object back;
      try {
        back = m.invoke(null);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(what(c) + ": the printed text throws: " + texts.get(i), e);
      }
      assertThat(back).as("%s: %s", what(c), texts.get(i)).isEqualTo(c.value());
    }
  }

  private static String what(Case c) {
    return c.seed() < 0 ? "example" : "seed " + c.seed() + " (replay: -Dtest="
        + ConditionToStringTest.class.getSimpleName() + " -Dsegment.seed=" + c.seed()
        + " -Dsegment.tries=1)";
  }

  private static long baseSeed() {
    String s = System.getProperty("segment.seed");
    if (s == null || s.isBlank()) {
      return DEFAULT_SEED;
    }
    return s.equals("random") ? System.nanoTime() : Long.decode(s.trim());
  }

  /**
   * Compiles {@code static Object c<i>() { return <text i>; }} for every text, {@value #PER_CLASS}
   * methods a class, in one javac run, and loads the classes.
   */
  private static ClassLoader compile(Path dir, List<String> texts, List<Case> cases)
      throws Exception {
    // the tests run in the module org.segmentdsl.core, which does not require java.compiler
    ConditionToStringTest.class.getModule().addReads(
        ModuleLayer.boot().findModule("java.compiler").orElseThrow());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK's compiler").isNotNull();
    List<JavaFileObject> units = new ArrayList<>();
    for (int from = 0; from < texts.size(); from += PER_CLASS) {
      String name = "G" + from / PER_CLASS;
      StringBuilder src = new StringBuilder();
      src.append("import static org.segmentdsl.dsl.Conditions.*;\n")
          .append("import java.time.*;\n")
          .append("import org.segmentdsl.condition.*;\n")
          .append("import org.segmentdsl.Segment;\n")
          .append("public class ").append(name).append(" {\n");
      for (int i = from; i < Math.min(texts.size(), from + PER_CLASS); i++) {
        src.append("  public static Object c").append(i).append("() { return ")
            .append(texts.get(i)).append("; }\n");
      }
      String code = src.append("}\n").toString();
      units.add(new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
          JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return code;
        }
      });
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(dir.toFile()));
      List<String> options = List.of("-classpath", classPath(), "-proc:none", "-g:none",
          "-implicit:none", "-nowarn", "-Xlint:none", "-encoding", "UTF-8");
      boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
      if (!ok) {
        StringBuilder sb = new StringBuilder("the printed text does not compile:");
        Pattern method = Pattern.compile("static Object c(\\d+)\\(");
        int shown = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          if (d.getKind() != Diagnostic.Kind.ERROR || shown++ == 10) {
            continue;
          }
          String line = d.getSource().getCharContent(true).toString().lines()
              .skip(d.getLineNumber() - 1).findFirst().orElse("");
          Matcher m = method.matcher(line);
          String at = m.find() ? what(cases.get(Integer.parseInt(m.group(1)))) : "?";
          sb.append("\n").append(at).append(": ").append(d.getMessage(Locale.ROOT))
              .append("\n  ").append(line);
        }
        throw new AssertionError(sb.toString());
      }
    }
    return new URLClassLoader(new URL[] {dir.toUri().toURL()},
        ConditionToStringTest.class.getClassLoader());
  }

  /** The test's class path and module path, and where the DSL's classes are. */
  private static String classPath() throws Exception {
    Set<String> entries = new LinkedHashSet<>();
    for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
      String value = System.getProperty(property);
      if (value != null) {
        for (String e : value.split(Pattern.quote(File.pathSeparator))) {
          if (!e.isBlank()) {
            entries.add(e);
          }
        }
      }
    }
    entries.add(Path.of(Conditions.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI()).toString());
    return String.join(File.pathSeparator, entries);
  }

  // ---------------------------------------------------------------- random values

  /** Pieces of strings: what must be escaped, what must not, and what looks like an escape. */
  private static final String[] PIECES = {"a", "Crm", "-", " ", "2026-01-01", "\"", "\\", "\n",
      "\r", "\t", "\b", "\f", "\u0000", "\u001f", "\u007f", "\u0085", "\ud800", "\udfff", "😀",
      "é", "\\u0041", "\\n", "\\\"", "/", "'", "\u2028", "%s", "*/", "//", "{}"};

  private static final double[] NUMBERS = {0.0, -0.0, 1, -1, 0.1, 2.5, 1e15, 1e16, 1e20,
      2147483647.0, 2147483648.0, -2147483648.0, -2147483649.0, Double.MIN_VALUE,
      -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Math.PI, 1e-300, Math.nextUp(1.0),
      9007199254740993.0, 4.35};

  private static String text(SplittableRandom rnd, int maxPieces) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + rnd.nextInt(maxPieces);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[rnd.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static String label(SplittableRandom rnd) {
    return rnd.nextInt(4) == 0 ? text(rnd, 4) : null;
  }

  private static double number(SplittableRandom rnd) {
    switch (rnd.nextInt(6)) {
      case 0:
        return NUMBERS[rnd.nextInt(NUMBERS.length)];
      case 1:
        return rnd.nextInt(2001) - 1000;
      case 2:
        return Math.round(rnd.nextDouble() * 1e6) / 100.0;
      case 3: {
        double d = Double.longBitsToDouble(rnd.nextLong());
        return Double.isFinite(d) ? d : 1.5;
      }
      case 4:
        return (double) rnd.nextLong();
      default:
        return rnd.nextDouble() * 1e6 - 5e5;
    }
  }

  private static Instant instant(SplittableRandom rnd) {
    Instant i = T1.plusSeconds(rnd.nextLong(-3_000_000_000L, 3_000_000_000L));
    switch (rnd.nextInt(4)) {
      case 0:
        return i.plusNanos(rnd.nextInt(1_000_000) * 1000L);
      case 1:
        return i.plusNanos(rnd.nextInt(1_000_000_000));
      case 2:
        return rnd.nextBoolean() ? Instant.parse("+10000-01-01T00:00:00Z")
            : Instant.parse("-5000-06-30T23:59:59.999Z");
      default:
        return i;
    }
  }

  /** A date or an instant as text: canonical, with an offset, or in lower case. */
  private static Literal.Text temporal(SplittableRandom rnd) {
    switch (rnd.nextInt(5)) {
      case 0:
        return new Literal.Text(T1.atOffset(ZoneOffset.UTC).toLocalDate()
            .plusDays(rnd.nextInt(-80_000, 80_000)).toString());
      case 1:
        return new Literal.Text(instant(rnd).toString());
      case 2:
        return new Literal.Text(
            instant(rnd).atOffset(ZoneOffset.ofHoursMinutes(rnd.nextInt(-12, 15), 0)).toString());
      case 3:
        return new Literal.Text(instant(rnd).toString().toLowerCase(Locale.ROOT));
      default:
        return new Literal.Text(rnd.nextBoolean() ? "+10000-01-01" : "-0044-03-15");
    }
  }

  private static Literal scalar(SplittableRandom rnd, int kind) {
    switch (kind) {
      case 0:
        return new Literal.Text(rnd.nextInt(5) == 0 ? "" : text(rnd, 3));
      case 1:
        return new Literal.Number(number(rnd));
      case 2:
        return new Literal.Bool(rnd.nextBoolean());
      default:
        return temporal(rnd);
    }
  }

  private static TimeSpan span(SplittableRandom rnd) {
    while (true) {
      try {
        switch (rnd.nextInt(4)) {
          case 0:
            return TimeSpan.ofDays(1 + rnd.nextInt(400));
          case 1:
            return TimeSpan.of(Duration.ofSeconds(1 + rnd.nextLong(86_400L * 400)));
          case 2:
            return new TimeSpan(rnd.nextInt(3), rnd.nextInt(10), rnd.nextInt(30),
                rnd.nextInt(100), rnd.nextInt(100));
          default:
            return rnd.nextBoolean() ? TimeSpan.ofDays(36_500) : TimeSpan.parse("PT1S");
        }
      } catch (IllegalArgumentException zero) {
        // draw again
      }
    }
  }

  private static <T> T pick(SplittableRandom rnd, T[] values) {
    return values[rnd.nextInt(values.length)];
  }

  /** A valid field condition of any operator, operand and ignoreCase. */
  private static FieldCondition fieldCondition(SplittableRandom rnd) {
    while (true) {
      FieldOperator op = pick(rnd, FieldOperator.values());
      Operand operand = switch (op.shape()) {
        case NONE -> Operand.None.INSTANCE;
        case SINGLE -> new Operand.Single(scalar(rnd, rnd.nextInt(4)));
        case VALUES -> {
          int kind = rnd.nextInt(4);
          List<Literal> values = new ArrayList<>();
          for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            values.add(kind == 3 ? temporal(rnd) : scalar(rnd, kind));
          }
          yield new Operand.Values(values);
        }
        case RANGE -> {
          int kind = rnd.nextInt(2);
          Literal lo = kind == 0 ? scalar(rnd, 1) : temporal(rnd);
          Literal hi = kind == 0 ? scalar(rnd, 1) : temporal(rnd);
          yield rnd.nextBoolean() ? new Operand.Range(lo, hi) : new Operand.Range(hi, lo);
        }
        case SPAN -> new Operand.Span(span(rnd));
        case CIRCLE -> new Operand.Circle(rnd.nextDouble(-90, 90), rnd.nextBoolean() ? -0.0
            : rnd.nextDouble(-180, 180), Math.abs(number(rnd)) + Double.MIN_VALUE,
            rnd.nextBoolean() ? Operand.DistanceUnit.KM : Operand.DistanceUnit.MILES);
      };
      try {
        return new FieldCondition(text(rnd, 2), op, operand,
            op.allowsIgnoreCase() && rnd.nextBoolean(), label(rnd));
      } catch (IllegalArgumentException refused) {
        // draw again
      }
    }
  }

  private static PropertyFilter propertyFilter(SplittableRandom rnd) {
    while (true) {
      PropertyFilter.Op op = pick(rnd, PropertyFilter.Op.values());
      Operand operand = switch (op.shape()) {
        case NONE -> Operand.None.INSTANCE;
        case SINGLE -> new Operand.Single(scalar(rnd, rnd.nextInt(3)));
        case VALUES -> {
          int kind = rnd.nextInt(3);
          List<Literal> values = new ArrayList<>();
          for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            values.add(scalar(rnd, kind));
          }
          yield new Operand.Values(values);
        }
        default -> {
          Literal a = scalar(rnd, 1);
          Literal b = scalar(rnd, 1);
          yield ((Literal.Number) a).value() <= ((Literal.Number) b).value()
              ? new Operand.Range(a, b) : new Operand.Range(b, a);
        }
      };
      try {
        return new PropertyFilter(text(rnd, 2), op, operand, op.isPattern() && rnd.nextBoolean());
      } catch (IllegalArgumentException refused) {
        // draw again
      }
    }
  }

  private static EventWindow window(SplittableRandom rnd) {
    while (true) {
      switch (rnd.nextInt(3)) {
        case 0:
          return null;
        case 1:
          return new EventWindow.Last(span(rnd));
        default:
          Literal.Text from = rnd.nextInt(4) == 0 ? null : temporal(rnd);
          Literal.Text to = rnd.nextInt(4) == 0 ? null : temporal(rnd);
          try {
            return new EventWindow.Range(from, to);
          } catch (IllegalArgumentException refused) {
            try {
              return new EventWindow.Range(to, from);
            } catch (IllegalArgumentException again) {
              // draw again
            }
          }
      }
    }
  }

  private static EventCondition eventCondition(SplittableRandom rnd) {
    List<PropertyFilter> filters = new ArrayList<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      filters.add(propertyFilter(rnd));
    }
    Integer atLeast = rnd.nextBoolean() ? null : rnd.nextInt(4);
    Integer atMost = rnd.nextBoolean() ? null : (atLeast == null ? 0 : atLeast) + rnd.nextInt(3);
    return new EventCondition(text(rnd, 2), filters, atLeast, atMost, window(rnd), label(rnd));
  }

  private static String segmentId(SplittableRandom rnd) {
    String first = "abcdefghijklmnopqrstuvwxyz0123456789";
    String rest = first + "._-";
    StringBuilder sb = new StringBuilder().append(first.charAt(rnd.nextInt(first.length())));
    for (int i = rnd.nextInt(12); i > 0; i--) {
      sb.append(rest.charAt(rnd.nextInt(rest.length())));
    }
    return sb.toString();
  }

  private static Condition leaf(SplittableRandom rnd) {
    switch (rnd.nextInt(6)) {
      case 0:
        return new TagCondition(text(rnd, 3), pick(rnd, TagCondition.Op.values()),
            rnd.nextBoolean(), label(rnd));
      case 1:
        return new ListCondition(text(rnd, 3),
            rnd.nextInt(5) == 0 ? null : pick(rnd, ListStatus.values()), label(rnd));
      case 2:
      case 3:
        return fieldCondition(rnd);
      case 4:
        return eventCondition(rnd);
      default:
        return new SegmentReference(segmentId(rnd), label(rnd));
    }
  }

  /** A random tree of every kind, up to 4 levels of groups. */
  private static Condition tree(SplittableRandom rnd, int depth) {
    if (depth >= 4 || rnd.nextInt(100) < 45) {
      return leaf(rnd);
    }
    switch (rnd.nextInt(5)) {
      case 0:
        return new All(children(rnd, depth, false), label(rnd));
      case 1:
        return new Any(children(rnd, depth, false), label(rnd));
      case 2:
        return new Not(tree(rnd, depth + 1), label(rnd));
      case 3:
        return new DealCondition(inner(rnd, depth + 1), label(rnd));
      default:
        return new AccountCondition(inner(rnd, depth + 1), label(rnd));
    }
  }

  private static List<Condition> children(SplittableRandom rnd, int depth, boolean inner) {
    List<Condition> children = new ArrayList<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      children.add(inner ? inner(rnd, depth + 1) : tree(rnd, depth + 1));
    }
    return children;
  }

  /** What deal and account conditions hold: all, any, not and field conditions. */
  private static Condition inner(SplittableRandom rnd, int depth) {
    if (depth >= 4 || rnd.nextInt(100) < 50) {
      return fieldCondition(rnd);
    }
    switch (rnd.nextInt(3)) {
      case 0:
        return new All(children(rnd, depth, true), label(rnd));
      case 1:
        return new Any(children(rnd, depth, true), label(rnd));
      default:
        return new Not(inner(rnd, depth + 1), label(rnd));
    }
  }

  /** The segment with some of an id, a name, a description and metadata set or changed. */
  private static Segment decorate(Segment s, SplittableRandom rnd) {
    Segment.Builder b = Segment.builder().where(s.condition());
    if (rnd.nextBoolean()) {
      b.id(segmentId(rnd));
    } else if (s.id() != null) {
      b.id(s.id());
    }
    if (rnd.nextBoolean()) {
      b.name(text(rnd, 4));
    }
    if (rnd.nextBoolean()) {
      b.description(text(rnd, 8));
    }
    for (int i = rnd.nextInt(3); i > 0; i--) {
      b.metadata("x-" + text(rnd, 2), text(rnd, 3));
    }
    return b.build();
  }
}
