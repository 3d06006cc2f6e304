package org.segmentdsl.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.condition.TimeSpan;
import org.segmentdsl.eval.ConditionChecker;
import org.segmentdsl.reference.RandomSegments;

/**
 * Saved segments survive the snapshot codec exactly (every condition kind, operator, operand,
 * value, window, label and header field), version 1's bytes stay what they are, and damaged or
 * hostile bytes are refused with an {@link IllegalArgumentException}, never another exception, a
 * hang or an exhausted stack.
 */
class SegmentCodecTest {
  /** Seed of the first try of the property test; try {@code i} uses {@code BASE_SEED + i}. */
  private static final long BASE_SEED = 0x5E6D_C0DEL;
  private static final int TRIES = 300;

  private static final Literal US = new Literal.Text("US");
  private static final TagCondition TAG = new TagCondition("interest-crm");

  // ---------------------------------------------------------------- helpers

  /** Round trips {@code s}, checks it comes back equal and encodes to the same bytes again. */
  private static Segment roundTrip(Segment s) {
    byte[] bytes = SegmentCodec.encode(s);
    Segment back = SegmentCodec.decode(bytes);
    assertThat(back).as("round trip of %s", s).isEqualTo(s);
    assertThat(SegmentCodec.encode(back)).as("encoding of %s", s).isEqualTo(bytes);
    return back;
  }

  private static Condition roundTrip(Condition c) {
    return roundTrip(Segment.of(c)).condition();
  }

  private static FieldCondition field(String name, FieldOperator op, Operand operand) {
    return new FieldCondition(name, op, operand, false, null);
  }

  private static Operand.Single single(Literal value) {
    return new Operand.Single(value);
  }

  private static Literal.Number number(double d) {
    return new Literal.Number(d);
  }

  private static Literal.Text text(String s) {
    return new Literal.Text(s);
  }

  private static Condition nots(int n, Condition leaf) {
    Condition c = leaf;
    for (int i = 0; i < n; i++) {
      c = new Not(c);
    }
    return c;
  }

  /** Bytes written by hand: the header of a segment without id, name and description. */
  private static ByteArrayOutputStream header() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {1, 0, 0, 0});
    return out;
  }

  /** The bytes of {@code tag("a")} without a label. */
  private static final byte[] TAG_A = {4, 0, 1, 'a', 1, 0};

  /** Checks that {@code bytes} are refused with an IllegalArgumentException naming a byte. */
  private static void assertRefused(byte[] bytes, String messagePart) {
    assertThatThrownBy(() -> SegmentCodec.decode(bytes))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at byte ")
        .hasMessageContaining(messagePart);
  }

  /**
   * A segment with every condition kind, labels, UTF-16 oddities, every operand shape and value
   * type, an event with filters, bounds and a window, and metadata.
   */
  static Segment rich() {
    return Segment.builder()
        .id("engaged-crm.leads_2")
        .name("Engaged \ud83d\ude00 \udc00")
        .description("line 1\nline 2\u0000")
        .metadata("x-owner", "{\"team\":\"growth\"}")
        .metadata("x-\ud800", "[1,2]")
        .where(new All(List.of(
            new Any(List.of(TAG, new TagCondition("Int", TagCondition.Op.STARTS_WITH, true,
                "lbl \ud800")), "group"),
            new Not(new ListCondition("newsletter", ListStatus.SUBSCRIBED, null)),
            new ListCondition("beta", null, "any status"),
            new FieldCondition("country", FieldOperator.IN,
                new Operand.Values(List.of(US, text("us"))), true, null),
            field("score", FieldOperator.BETWEEN, new Operand.Range(number(-1.5), number(1e300))),
            field("seen", FieldOperator.GT,
                single(text("2026-11-28T09:30:00.123456789+05:45"))),
            field("born", FieldOperator.IN_LAST, new Operand.Span(new TimeSpan(1, 2, 0, 0, 0))),
            field("home", FieldOperator.WITHIN,
                new Operand.Circle(40.71, -74, 50.5, Operand.DistanceUnit.MILES)),
            field("vip", FieldOperator.EQ, single(new Literal.Bool(true))),
            new EventCondition("email_click", List.of(
                new PropertyFilter("campaign", PropertyFilter.Op.CONTAINS, single(text("Sale")),
                    true),
                new PropertyFilter("amount", PropertyFilter.Op.BETWEEN,
                    new Operand.Range(number(10), number(20)), false),
                new PropertyFilter("n", PropertyFilter.Op.IS_SET, Operand.None.INSTANCE, false)),
                1, 3, new EventWindow.Range(text("2026-01-01"), text("2026-02-01T00:00:00Z")),
                "clicked"),
            new SegmentReference("engaged-leads"),
            new DealCondition(new All(List.of(field("stage", FieldOperator.EQ, single(text("Won"))),
                new Not(field("value", FieldOperator.LT, single(number(100))))))),
            new AccountCondition(field("industry", FieldOperator.EQ, single(text("SaaS"))),
                "acct")), "everything"))
        .build();
  }

  // ---------------------------------------------------------------- format

  @Test
  void encodingStartsWithCodecVersionOne() {
    assertThat(SegmentCodec.encode(Segment.of(TAG))[0]).isEqualTo((byte) 1);
    assertThat(SegmentCodec.VERSION).isEqualTo(1);
  }

  @Test
  void limitsAreTheFormatsAsTheCheckerHasThem() {
    assertThat(SegmentCodec.MAX_DEPTH).isEqualTo(ConditionChecker.MAX_DEPTH);
    assertThat(SegmentCodec.MAX_CONDITIONS).isEqualTo(ConditionChecker.MAX_CONDITIONS);
  }

  /** Version 1's bytes, written out by hand: later versions of the library must read these. */
  @Test
  void versionOneBytesStayTheSame() {
    Segment small = new Segment("a", null, null, new Not(new TagCondition("x")),
        new TreeMap<>(Map.of("x-a", "1")));
    String smallHex = "01" + "0261" + "00" + "00" // version, id "a", no name, no description
        + "03" + "00" // not, no label
        + "04" + "00" + "0178" + "01" + "00" // tag, no label, "x", eq, case-sensitive
        + "01" + "03782d61" + "0131"; // one metadata entry: "x-a" -> "1"
    assertThat(HexFormat.of().formatHex(SegmentCodec.encode(small))).isEqualTo(smallHex);
    assertThat(SegmentCodec.decode(HexFormat.of().parseHex(smallHex))).isEqualTo(small);

    Segment mixed = Segment.of(new All(List.of(
        field("n", FieldOperator.BETWEEN, new Operand.Range(number(1.5), number(2))),
        new EventCondition("e", List.of(new PropertyFilter("p", PropertyFilter.Op.EQ,
            single(new Literal.Bool(true)), false)), 2, null,
            new EventWindow.Last(TimeSpan.ofDays(1)), null))));
    String mixedHex = "01" + "00" + "00" + "00"
        + "01" + "00" + "02" // all, no label, two children
        + "06" + "00" + "016e" + "09" // field, no label, "n", between
        + "04" + "02" + "000000000000f83f" + "02" + "0000000000000040" // range 1.5 2.0
        + "00" // case-sensitive
        + "07" + "00" + "0165" + "01" // event, no label, "e", one filter
        + "0170" + "01" + "02" + "03" + "01" + "00" // "p" eq single true, case-sensitive
        + "03" + "00" // atLeast 2, no atMost
        + "01" + "0001000000" // last: 0 weeks 1 day 0 hours 0 minutes 0 seconds
        + "00"; // no metadata
    assertThat(HexFormat.of().formatHex(SegmentCodec.encode(mixed))).isEqualTo(mixedHex);
    assertThat(SegmentCodec.decode(HexFormat.of().parseHex(mixedHex))).isEqualTo(mixed);
  }

  // ---------------------------------------------------------------- segments

  @Test
  void headerFieldsMayAllBeNull() {
    Segment back = roundTrip(Segment.of(TAG));
    assertThat(back.id()).isNull();
    assertThat(back.name()).isNull();
    assertThat(back.description()).isNull();
    assertThat(back.metadata()).isEmpty();
  }

  @Test
  void headerFieldsKeepEveryCharacterUpToTheirLimits() {
    roundTrip(new Segment("a", "", "", TAG));
    roundTrip(new Segment("0" + "z._-".repeat(31) + "abc", "\ud800".repeat(200),
        "\udfff\ud800\u0000\uffff".repeat(1000), TAG));
  }

  @Test
  void metadataKeepsEveryKeyAndJsonText() {
    Segment s = Segment.builder().where(TAG)
        .metadata("x-owner", "{\"team\":\"growth\",\"n\":[1,2.5e300,null]}")
        .metadata("x-", "")
        .metadata("x-b", "\"\ud83d\ude00\"")
        .metadata("x-\udbff", "x".repeat(5000))
        .build();
    assertThat(roundTrip(s).metadata()).containsExactlyEntriesOf(s.metadata());
  }

  @Test
  void aSegmentWithEveryKindRoundTrips() {
    roundTrip(rich());
  }

  // ---------------------------------------------------------------- condition kinds

  @Test
  void allAndAnyKeepTheirChildrenInOrderAndMayBeEmpty() {
    roundTrip(new All(List.of()));
    roundTrip(new Any(List.of()));
    roundTrip(
        new All(List.of(new TagCondition("b"), new TagCondition("a"), new TagCondition("b"))));
    roundTrip(new Any(List.of(new TagCondition("b"), new All(List.of()), new TagCondition("a"))));
  }

  @Test
  void notRoundTrips() {
    roundTrip(new Not(TAG));
    roundTrip(new Not(new Not(TAG)));
  }

  @ParameterizedTest
  @EnumSource(TagCondition.Op.class)
  void tagConditionsOfEveryOperatorRoundTrip(TagCondition.Op op) {
    roundTrip(new TagCondition("Interest-\ud800", op, false, null));
    roundTrip(new TagCondition("x".repeat(1024), op, true, null));
  }

  @ParameterizedTest
  @EnumSource(ListStatus.class)
  void listConditionsOfEveryStatusRoundTrip(ListStatus status) {
    roundTrip(new ListCondition("newsletter", status, null));
  }

  @Test
  void listConditionOfAnyStatusRoundTrips() {
    assertThat(((ListCondition) roundTrip(new ListCondition("newsletter", null, null))).status())
        .isNull();
  }

  @Test
  void segmentReferencesRoundTrip() {
    roundTrip(new SegmentReference("engaged-leads"));
    roundTrip(new SegmentReference("0" + "a".repeat(127)));
  }

  @Test
  void dealAndAccountConditionsKeepTheirTrees() {
    Condition where = new Any(List.of(field("stage", FieldOperator.EQ, single(text("Won"))),
        new Not(new All(List.of(field("value", FieldOperator.GTE, single(number(1000))))))));
    roundTrip(new DealCondition(where));
    roundTrip(new AccountCondition(where));
    roundTrip(new Not(new DealCondition(new Not(where), "deals")));
  }

  @Test
  void labelsOnEveryKindRoundTrip() {
    for (String label : List.of("", "VIP \ud83d\ude00", "\udc00", "x".repeat(200))) {
      Condition f = field("a", FieldOperator.IS_SET, Operand.None.INSTANCE).withLabel(label);
      List<Condition> all = List.of(new All(List.of(TAG), label), new Any(List.of(), label),
          new Not(TAG, label), TAG.withLabel(label),
          new ListCondition("l", null, label), f,
          new EventCondition("e").withLabel(label), new SegmentReference("s", label),
          new DealCondition(f, label), new AccountCondition(f, label));
      for (Condition c : all) {
        assertThat(roundTrip(c).label()).isEqualTo(label);
      }
    }
  }

  // ---------------------------------------------------------------- field operators and operands

  /** Operands that fit {@code op}, of every value type it takes. */
  private static List<Operand> operandsFor(FieldOperator op) {
    List<Literal> scalars = List.of(US, text(""), number(-0.5), new Literal.Bool(false),
        new Literal.Bool(true), text("2026-02-29"), text("2026-11-28T09:30:00.000000001Z"));
    List<Literal> ordered = List.of(number(Double.MIN_VALUE), number(-Double.MAX_VALUE),
        text("2026-01-31"), text("2026-11-28T09:30:00.123456Z"), text("1969-12-31T23:59:59-11:00"));
    return switch (op.shape()) {
      case NONE -> List.of(Operand.None.INSTANCE);
      case SINGLE -> switch (op) {
        case EQ, NEQ -> scalars.stream().<Operand>map(Operand.Single::new).toList();
        case GT, GTE, LT, LTE -> ordered.stream().<Operand>map(Operand.Single::new).toList();
        default -> List.of(single(text("a")), single(text("\ud800")),
            single(text("x".repeat(1024))));
      };
      case VALUES -> List.of(new Operand.Values(List.of(US)),
          new Operand.Values(List.of(text("a"), text(""), text("\udfff"))),
          new Operand.Values(List.of(number(1), number(0.1), number(9007199254740993.0))),
          new Operand.Values(Collections.nCopies(Operand.MAX_VALUES, number(7))));
      case RANGE -> List.of(new Operand.Range(number(-1), number(1)),
          new Operand.Range(number(2), number(2)),
          new Operand.Range(text("2026-01-01"), text("2026-12-31")),
          new Operand.Range(text("2026-01-01T00:00:00.5Z"), text("2026-01-01T00:00:00.500001Z")),
          new Operand.Range(text("2026-01-02"), text("2026-01-01T23:00:00-05:00")));
      case SPAN -> List.of(new Operand.Span(TimeSpan.ofDays(30)),
          new Operand.Span(TimeSpan.parse("P1W2DT3H4M5S")),
          new Operand.Span(TimeSpan.parse("PT1S")));
      case CIRCLE -> List.of(new Operand.Circle(40.71, -74.0, 50, Operand.DistanceUnit.KM),
          new Operand.Circle(-90, 180, Double.MIN_VALUE, Operand.DistanceUnit.MILES),
          new Operand.Circle(90, -180, 20015.1, Operand.DistanceUnit.KM));
    };
  }

  @ParameterizedTest
  @EnumSource(FieldOperator.class)
  void fieldConditionsOfEveryOperatorRoundTrip(FieldOperator op) {
    for (Operand operand : operandsFor(op)) {
      roundTrip(new FieldCondition("f", op, operand, false, null));
      if (op.allowsIgnoreCase()) {
        roundTrip(new FieldCondition("f", op, operand, true, "ci"));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Operand.DistanceUnit.class)
  void circlesOfEveryUnitKeepTheirExactDoubles(Operand.DistanceUnit unit) {
    Operand.Circle c = new Operand.Circle(Math.nextUp(-90.0), Math.nextDown(180.0),
        Math.nextUp(0.1), unit);
    FieldCondition back = (FieldCondition) roundTrip(field("home", FieldOperator.WITHIN, c));
    Operand.Circle d = (Operand.Circle) back.operand();
    assertThat(Double.doubleToRawLongBits(d.lat())).isEqualTo(Double.doubleToRawLongBits(c.lat()));
    assertThat(Double.doubleToRawLongBits(d.lon())).isEqualTo(Double.doubleToRawLongBits(c.lon()));
    assertThat(d.radius()).isEqualTo(c.radius());
    // -0.0 is stored as 0.0 by the record, and so written
    roundTrip(field("home", FieldOperator.WITHIN, new Operand.Circle(-0.0, -0.0, 1, unit)));
  }

  // ---------------------------------------------------------------- values

  @Test
  void stringValuesKeepEveryUtf16Unit() {
    for (String s : List.of("", "a", "\u0000", "\u007f", "\u0080", "\u3fff", "\u4000", "\uffff",
        "\ud800", "\udfff", "\udfff\ud800", "\ud83d\ude00", "日本語", "x".repeat(1024))) {
      Literal back = ((Operand.Single) ((FieldCondition) roundTrip(
          field("f", FieldOperator.EQ, single(text(s))))).operand()).value();
      assertThat(((Literal.Text) back).value()).isEqualTo(s);
    }
  }

  @Test
  void numbersKeepTheirExactBits() {
    for (double d : new double[] {0.0, -0.0, 1.0, -1.0, 0.1, 0.30000000000000004,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, 9007199254740993.0, Math.nextUp(1.0), 1e-300, 123456.789}) {
      Literal.Number n = number(d);
      Literal back = ((Operand.Single) ((FieldCondition) roundTrip(
          field("f", FieldOperator.EQ, single(n)))).operand()).value();
      assertThat(Double.doubleToRawLongBits(((Literal.Number) back).value()))
          .as("%s", d).isEqualTo(Double.doubleToRawLongBits(n.value()));
    }
  }

  @Test
  void booleansRoundTrip() {
    roundTrip(field("vip", FieldOperator.EQ, single(new Literal.Bool(true))));
    roundTrip(field("vip", FieldOperator.NEQ, single(new Literal.Bool(false))));
  }

  @Test
  void datesAndDatetimesKeepTheirTextToTheNanosecond() {
    for (String s : List.of("2026-01-31", "0001-01-01", "9999-12-31", "2026-11-28T09:30:00Z",
        "2026-11-28T09:30:00.123456Z", "2026-11-28T09:30:00.123456789Z",
        "2026-11-28T09:30:00.100+05:45", "2026-11-28T09:30-11:00")) {
      roundTrip(field("d", FieldOperator.GTE, single(text(s))));
    }
  }

  @Test
  void timeSpansOfEveryPartRoundTrip() {
    for (TimeSpan span : List.of(new TimeSpan(1, 0, 0, 0, 0), new TimeSpan(0, 1, 0, 0, 0),
        new TimeSpan(0, 0, 1, 0, 0), new TimeSpan(0, 0, 0, 1, 0), new TimeSpan(0, 0, 0, 0, 1),
        new TimeSpan(1, 2, 3, 4, 5), new TimeSpan(0, 0, 24, 0, 0), TimeSpan.ofDays(36_500),
        new TimeSpan(0, 0, 0, 0, TimeSpan.MAX_SECONDS), new TimeSpan(5214, 2, 0, 0, 0))) {
      roundTrip(field("d", FieldOperator.OLDER_THAN, new Operand.Span(span)));
      roundTrip(new EventCondition("e").within(new EventWindow.Last(span)));
    }
  }

  // ---------------------------------------------------------------- events

  @Test
  void eventBoundsOfEveryFormRoundTrip() {
    EventCondition e = new EventCondition("email_open");
    roundTrip(e);
    roundTrip(e.atLeast(0));
    roundTrip(e.atLeast(3));
    roundTrip(e.never());
    roundTrip(e.atMost(2));
    roundTrip(e.atLeast(2).atMost(2));
    roundTrip(e.atLeast(0).atMost(Integer.MAX_VALUE));
    roundTrip(e.atLeast(Integer.MAX_VALUE));
  }

  @Test
  void eventWindowsOfEveryKindRoundTrip() {
    EventCondition e = new EventCondition("page.visit");
    List<EventWindow> windows = List.of(new EventWindow.Last(TimeSpan.parse("P14D")),
        new EventWindow.Last(TimeSpan.parse("PT90M")),
        new EventWindow.Range(text("2026-01-01"), null),
        new EventWindow.Range(null, text("2026-11-28T09:30:00.123456789Z")),
        new EventWindow.Range(text("2026-01-01"), text("2026-01-02")),
        new EventWindow.Range(text("2026-01-01T00:00:00.000001Z"),
            text("2026-01-01T00:00:00.000002+00:00")),
        new EventWindow.Range(text("2026-01-02"), text("2026-01-01T12:00:00+14:00")));
    roundTrip(e);
    for (EventWindow w : windows) {
      assertThat(((EventCondition) roundTrip(e.within(w))).window()).isEqualTo(w);
    }
  }

  /** Operands that fit a property filter's {@code op}. */
  private static List<Operand> operandsFor(PropertyFilter.Op op) {
    return switch (op.shape()) {
      case NONE -> List.of(Operand.None.INSTANCE);
      case VALUES -> List.of(new Operand.Values(List.of(text("a"), text(""))),
          new Operand.Values(List.of(number(1), number(-0.0))),
          new Operand.Values(List.of(new Literal.Bool(true), new Literal.Bool(false))));
      case RANGE -> List.of(new Operand.Range(number(1), number(1)),
          new Operand.Range(number(-Double.MAX_VALUE), number(Double.MAX_VALUE)));
      default -> op.isPattern() ? List.of(single(text("Sale")), single(text("\ud800")))
          : op == PropertyFilter.Op.EQ || op == PropertyFilter.Op.NEQ
              ? List.of(single(text("")), single(number(2.5)), single(new Literal.Bool(true)))
              : List.of(single(number(100)), single(number(-1e-300)));
    };
  }

  @ParameterizedTest
  @EnumSource(PropertyFilter.Op.class)
  void propertyFiltersOfEveryOperatorRoundTrip(PropertyFilter.Op op) {
    List<PropertyFilter> filters = new ArrayList<>();
    for (Operand operand : operandsFor(op)) {
      filters.add(new PropertyFilter("campaign", op, operand, false));
      if (op.isPattern()) {
        filters.add(new PropertyFilter("url", op, operand, true));
      }
    }
    for (PropertyFilter f : filters) {
      roundTrip(new EventCondition("email_click").where(f));
    }
    roundTrip(new EventCondition("email_click", filters, 1, null, null, "all filters"));
  }

  // ---------------------------------------------------------------- random segments

  /** A string of random UTF-16 units (surrogates alone, too), mostly ASCII. */
  private static String randomString(SplittableRandom rnd, int maxLength) {
    char[] chars = new char[rnd.nextInt(maxLength + 1)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = rnd.nextInt(4) == 0 ? (char) rnd.nextInt(0x10000) : (char) (32 + rnd.nextInt(95));
    }
    return new String(chars);
  }

  /** {@code s} with a random name, description and metadata (or none), from {@code rnd}. */
  private static Segment decorate(Segment s, SplittableRandom rnd) {
    TreeMap<String, String> metadata = new TreeMap<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      metadata.put("x-" + randomString(rnd, 10), randomString(rnd, 300));
    }
    return new Segment(s.id(), rnd.nextBoolean() ? null : randomString(rnd, 200),
        rnd.nextBoolean() ? null : randomString(rnd, rnd.nextInt(10) == 0 ? 4000 : 100),
        s.condition(), metadata);
  }

  @Test
  void randomSegmentsRoundTripExactly() {
    int segments = 0;
    for (int t = 0; t < TRIES; t++) {
      long seed = BASE_SEED + t;
      SplittableRandom rnd = new SplittableRandom(~seed);
      for (Segment generated : RandomSegments.of(seed)) {
        Segment s = decorate(generated, rnd);
        byte[] bytes;
        Segment back;
        try {
          bytes = SegmentCodec.encode(s);
          back = SegmentCodec.decode(bytes);
        } catch (RuntimeException e) {
          throw new AssertionError("seed " + seed + ": " + e + "\nsegment: " + s, e);
        }
        assertThat(back).as("seed %d: round trip of %s", seed, s).isEqualTo(s);
        assertThat(SegmentCodec.encode(back)).as("seed %d: re-encoding of %s", seed, s)
            .isEqualTo(bytes);
        segments++;
      }
    }
    assertThat(segments).isGreaterThan(TRIES * 3);
  }

  // ---------------------------------------------------------------- damaged bytes

  /** Decodes {@code bytes}: refused with an IllegalArgumentException, or a canonical segment. */
  private static void decodesOrIsRefused(byte[] bytes, String what) {
    Segment s;
    try {
      s = SegmentCodec.decode(bytes);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).as(what).contains("at byte ");
      return;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": " + e + "\nbytes: " + HexFormat.of().formatHex(bytes), e);
    }
    assertThat(SegmentCodec.encode(s)).as("%s: decoded %s, which encodes otherwise", what, s)
        .isEqualTo(bytes);
  }

  private static List<Segment> damageSamples() {
    List<Segment> samples = new ArrayList<>();
    samples.add(rich());
    samples.add(Segment.of(TAG));
    for (long seed = 1; seed <= 3; seed++) {
      List<Segment> random = RandomSegments.of(BASE_SEED - seed);
      samples.add(random.get(random.size() - 3)); // the deep mixed tree
    }
    return samples;
  }

  @Test
  void truncatedBytesAreRefusedAtEveryLength() {
    for (Segment s : damageSamples()) {
      byte[] bytes = SegmentCodec.encode(s);
      for (int n = 0; n < bytes.length; n++) {
        byte[] cut = Arrays.copyOf(bytes, n);
        assertThatThrownBy(() -> SegmentCodec.decode(cut)).as("%d of %d bytes of %s", n,
            bytes.length, s).isExactlyInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void everySingleBitFlipIsRefusedOrDecodesToAValidSegment() {
    for (Segment s : damageSamples()) {
      byte[] bytes = SegmentCodec.encode(s);
      for (int bit = 0; bit < bytes.length * 8; bit++) {
        byte[] flipped = bytes.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        decodesOrIsRefused(flipped, "bit " + bit + " of " + s);
      }
    }
  }

  @Test
  void randomBytesAreRefusedOrDecodeToAValidSegment() {
    SplittableRandom rnd = new SplittableRandom(BASE_SEED);
    byte[] rich = SegmentCodec.encode(rich());
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes;
      if (rnd.nextBoolean()) {
        bytes = new byte[1 + rnd.nextInt(64)];
        rnd.nextBytes(bytes);
        bytes[0] = 1;
      } else { // a valid encoding with a few bytes changed
        bytes = rich.clone();
        for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
          bytes[rnd.nextInt(bytes.length)] = (byte) rnd.nextInt(256);
        }
      }
      decodesOrIsRefused(bytes, "random bytes " + i);
    }
  }

  // ---------------------------------------------------------------- limits and hostile bytes

  @Test
  void nestingUpToTheFormatsDepthRoundTripsAndOneLevelMoreIsRefused() {
    roundTrip(nots(SegmentCodec.MAX_DEPTH, TAG));
    roundTrip(new DealCondition(nots(SegmentCodec.MAX_DEPTH - 1,
        field("a", FieldOperator.IS_SET, Operand.None.INSTANCE))));
    Condition tooDeep = nots(SegmentCodec.MAX_DEPTH + 1, TAG);
    assertThatThrownBy(() -> SegmentCodec.encode(Segment.of(tooDeep)))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deeper than 32");
    assertThatThrownBy(() -> SegmentCodec.encode(Segment.of(new All(List.of(tooDeep)))))
        .isExactlyInstanceOf(IllegalArgumentException.class);
    // the same tree written by hand: one more not in front of a valid depth-32 encoding
    byte[] valid = SegmentCodec.encode(Segment.of(nots(SegmentCodec.MAX_DEPTH, TAG)));
    ByteArrayOutputStream out = header();
    out.writeBytes(new byte[] {3, 0});
    out.write(valid, 4, valid.length - 4);
    assertRefused(out.toByteArray(), "deeper than 32 levels");
  }

  @Test
  void nestingBombsAreRefused() {
    ByteArrayOutputStream nots = header();
    ByteArrayOutputStream alls = header();
    for (int i = 0; i < 10_000; i++) {
      nots.writeBytes(new byte[] {3, 0});
      alls.writeBytes(new byte[] {1, 0, 1});
    }
    for (ByteArrayOutputStream out : List.of(nots, alls)) {
      out.writeBytes(TAG_A);
      out.write(0);
      assertRefused(out.toByteArray(), "deeper than 32 levels");
    }
    // built in Java, such a tree cannot be encoded either (and overflows no stack trying)
    assertThatThrownBy(() -> SegmentCodec.encode(Segment.of(nots(10_000, TAG))))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFormatsNumberOfConditionsRoundTripsAndOneMoreIsRefused() {
    List<Condition> tags = Collections.nCopies(SegmentCodec.MAX_CONDITIONS - 1, TAG);
    roundTrip(new All(tags));
    List<Condition> tooMany = Collections.nCopies(SegmentCodec.MAX_CONDITIONS, TAG);
    assertThatThrownBy(() -> SegmentCodec.encode(Segment.of(new All(tooMany))))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 10000 conditions");
    ByteArrayOutputStream out = header();
    out.writeBytes(new byte[] {1, 0, (byte) 0x90, 0x4e}); // all of 10,000 children
    for (int i = 0; i < SegmentCodec.MAX_CONDITIONS; i++) {
      out.writeBytes(TAG_A);
    }
    out.write(0);
    assertRefused(out.toByteArray(), "more than 10000 conditions");
  }

  @Test
  void hugeDeclaredCountsAreRefusedBeforeAnythingIsAllocated() {
    byte[] maxVarint = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}; // 2^63 - 1
    byte[] twoGiga = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}; // 2^31
    for (byte[] count : List.of(maxVarint, twoGiga)) {
      ByteArrayOutputStream children = header();
      children.writeBytes(new byte[] {1, 0});
      children.writeBytes(count);
      assertRefused(children.toByteArray(), "number of children");

      ByteArrayOutputStream name = new ByteArrayOutputStream();
      name.writeBytes(new byte[] {1, 0});
      name.writeBytes(count);
      assertRefused(name.toByteArray(), "segment name's length");

      ByteArrayOutputStream pattern = header();
      pattern.writeBytes(new byte[] {4, 0});
      pattern.writeBytes(count);
      assertRefused(pattern.toByteArray(), "tag pattern's length");

      ByteArrayOutputStream values = header();
      values.writeBytes(new byte[] {6, 0, 1, 'f', 3, 3});
      values.writeBytes(count);
      assertRefused(values.toByteArray(), "number of values");

      ByteArrayOutputStream filters = header();
      filters.writeBytes(new byte[] {7, 0, 1, 'e'});
      filters.writeBytes(count);
      assertRefused(filters.toByteArray(), "number of property filters");

      ByteArrayOutputStream metadata = header();
      metadata.writeBytes(TAG_A);
      metadata.writeBytes(count);
      assertRefused(metadata.toByteArray(), "number of metadata entries");
    }
  }

  @Test
  void moreValuesThanAnInTakesAreRefused() {
    ByteArrayOutputStream out = header();
    out.writeBytes(new byte[] {6, 0, 1, 'f', 3, 3, (byte) 0x91, 0x4e}); // in, 10,001 values
    for (int i = 0; i <= Operand.MAX_VALUES; i++) {
      out.writeBytes(new byte[] {2, 0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f}); // 1.0
    }
    out.writeBytes(new byte[] {0, 0});
    assertRefused(out.toByteArray(), "more than the limit 10000");
  }

  // ---------------------------------------------------------------- malformed bytes, one by one

  @Test
  void malformedBytesAreRefusedWithWhatAndWhere() {
    assertRefused(new byte[0], "at byte 0: the bytes end where the codec version should be");
    assertRefused(new byte[] {2, 0, 0, 0}, "at byte 0: codec version 2 is not supported");
    assertRefused(new byte[] {1, 0, 0, 0, 11, 0}, "at byte 4: unknown condition kind 11");
    assertRefused(new byte[] {1, 0, 0, 0, 0, 0}, "at byte 4: unknown condition kind 0");
    assertRefused(new byte[] {1, 0, 0, 0, 4, 0, 1, 'a', 1, 0, 0, 0},
        "at byte 11: 1 bytes follow the end of the segment");
    assertRefused(new byte[] {1, 0, 0, 0, 4, 0, 1, 'a', 5, 0, 0},
        "at byte 8: unknown tag operator");
    assertRefused(new byte[] {1, 0, 0, 0, 4, 0, 1, 'a', 1, 2, 0},
        "at byte 9: the tag ignoreCase is 2, not 0 or 1");
    assertRefused(new byte[] {1, 0, 0, 0, 5, 0, 1, 'l', 5, 0}, "at byte 8: unknown list status");
    // the records' own checks, at the offset where the record starts
    assertRefused(new byte[] {1, 0, 0, 0, 4, 0, 0, 1, 0, 0},
        "at byte 4: tag must not be empty");
    assertRefused(new byte[] {1, 3, 'A', 'b', 0, 0, 4, 0, 1, 'a', 1, 0, 0},
        "at byte 1: segment id \"Ab\" must match");
    assertRefused(new byte[] {1, 0, 0, 0, 8, 0, 1, 'A', 0},
        "at byte 4: segment: invalid segment id");
    assertRefused(new byte[] {1, 0, 0, 0, 9, 0, 4, 0, 1, 'a', 1, 0, 0},
        "at byte 4: deal conditions are built only from all, any, not and field");
    // varints: not in shortest form, longer than 9 bytes, a char past UTF-16
    assertRefused(new byte[] {1, (byte) 0x81, 0, 0, 0}, "at byte 1: the segment id's length is a"
        + " varint not in its shortest form");
    assertRefused(new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1}, "longer than 9 bytes");
    assertRefused(new byte[] {1, 2, (byte) 0x80, (byte) 0x80, 4, 0, 0, 4, 0, 1, 'a', 1, 0, 0},
        "at byte 2: a character of the segment id is 65536, not a UTF-16 unit");
    // metadata: keys in order, once, starting with x-
    byte[] tag = {1, 0, 0, 0, 4, 0, 1, 'a', 1, 0};
    assertRefused(concat(tag, new byte[] {2, 3, 'x', '-', 'b', 0, 3, 'x', '-', 'a', 0}),
        "at byte 16: metadata key \"x-a\" is not after \"x-b\"");
    assertRefused(concat(tag, new byte[] {2, 3, 'x', '-', 'a', 0, 3, 'x', '-', 'a', 0}),
        "is not after");
    assertRefused(concat(tag, new byte[] {1, 1, 'y', 0}),
        "at byte 11: metadata key \"y\" does not start with \"x-\"");
    // numbers: -0.0 is written 0.0; NaN and infinities are no numbers
    byte[] eq = {1, 0, 0, 0, 6, 0, 1, 'f', 1, 2, 2};
    assertRefused(concat(eq, new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 0x80, 0, 0}),
        "at byte 11: the number value is -0.0");
    assertRefused(concat(eq, new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xf8, 0x7f, 0, 0}),
        "at byte 10: value: number must be finite");
    assertRefused(concat(eq, new byte[] {0, 0, 0, 0}), "at byte 11: the bytes end inside the");
    // event bounds past an int, an unknown window
    byte[] event = {1, 0, 0, 0, 7, 0, 1, 'e', 0};
    assertRefused(concat(event, new byte[] {(byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80,
        0x08, 0, 0, 0}), "at byte 9: the atLeast is 2147483648, more than an int holds");
    assertRefused(concat(event, new byte[] {0, 0, 3, 0}), "at byte 11: unknown window kind 3");
    assertRefused(concat(event, new byte[] {3, 2, 0, 0}), "at byte 4: event: atLeast must not");
    assertRefused(concat(event, new byte[] {0, 0, 2, 0, 0, 0}),
        "at byte 11: window: a window needs from, to or both");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
