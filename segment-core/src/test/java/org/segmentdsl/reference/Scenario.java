package org.segmentdsl.reference;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.segmentdsl.Contact;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.condition.TimeSpan;

/**
 * One random world for property tests, all drawn from one seeded {@link SplittableRandom}: a
 * schema with several fields of each type under random names, small value vocabularies clustered
 * so that conditions hit (mixed-case strings and {@code ""}, {@code -0.0} and duplicates, dates
 * around today and 29 February, datetimes at window edges to the microsecond, points near the
 * poles and the antimeridian), evaluation contexts in several zones, and generators of contacts,
 * field values and condition trees that use every operator with values that fit the field.
 */
final class Scenario {
  static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("America/New_York"),
      ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Pacific/Pago_Pago"),
      ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("Europe/London"),
      ZoneId.of("America/Santiago"), ZoneId.of("America/Havana"));

  private static final List<String> STRINGS = List.of("", "a", "A", "ab", "Ab", "aB", "AB", "abc",
      "ABC", "b", "ba", "bab", "US", "us", "Us", "uS", "\u0130", "i", "I", "\u0131", "\u00df", "SS",
      "ss", "\u00c9", "\u00e9", "a b", " a", "a ", "x-y", "crm", "CRM", "interest-crm");

  private static final List<String> TAGS = List.of("interest-crm", "Interest-CRM", "interest-erp",
      "status-customer", "status-lead", "a", "A", "ab", "b", "x", "\u0130", "i", "crm", "CRM",
      "vip", "VIP-1");

  private static final List<String> LISTS = List.of("newsletter", "Newsletter", "promo", "beta");

  private static final List<Double> NUMBERS = List.of(-0.0, 0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.0,
      3.0, 42.0, 100.0, -100.0, 1e-300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE,
      Math.nextUp(1.0), Math.nextDown(1.0), 1e15, 9007199254740993.0, Double.MAX_VALUE,
      -Double.MAX_VALUE, 0.1, 0.30000000000000004, 123456.789);

  private static final double[][] CENTRES = {{0, 0}, {0, 179.99}, {0, -179.99}, {0, 180},
      {0, -180}, {89.999, 0}, {-89.999, 45}, {90, 0}, {-90, 0}, {40.71, -74.0}, {51.5, -0.12},
      {-33.87, 151.21}, {64.1, -21.9}, {-16.5, 179.9}, {71.0, -179.5}};

  private static final double[] RADII_KM = {1e-6, 0.5, 1, 10, 50, 111.2, 500, 2000, 10007.5,
      20015.1, 25000};

  private static final List<TimeSpan> DATE_SPANS = List.of(TimeSpan.ofDays(1), TimeSpan.ofDays(2),
      new TimeSpan(1, 0, 0, 0, 0), TimeSpan.ofDays(7), new TimeSpan(1, 1, 0, 0, 0),
      TimeSpan.ofDays(29), TimeSpan.ofDays(30), TimeSpan.ofDays(31), TimeSpan.ofDays(365),
      new TimeSpan(52, 1, 0, 0, 0), TimeSpan.ofDays(36500));

  private static final List<TimeSpan> TIME_SPANS = List.of(TimeSpan.parse("PT1S"),
      TimeSpan.parse("PT1M"), TimeSpan.parse("PT1H"), TimeSpan.parse("PT12H"),
      TimeSpan.parse("P1D"), TimeSpan.parse("P1DT6H"), TimeSpan.parse("P1W"),
      TimeSpan.parse("P2W"), TimeSpan.parse("P1W2D"), TimeSpan.parse("P30D"),
      TimeSpan.parse("PT90M"), TimeSpan.parse("PT86400S"), TimeSpan.parse("P36500D"));

  private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(2),
      ZoneOffset.ofHours(-5), ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(14),
      ZoneOffset.ofHours(-11), ZoneOffset.ofHoursMinutes(5, 45));

  private static final String NAME_START = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
  private static final String NAME_REST = NAME_START + "0123456789.-";

  final SplittableRandom rnd;
  final Coverage coverage;
  final Schema schema;
  final Map<FieldType, List<String>> fieldsByType = new EnumMap<>(FieldType.class);
  final List<String> strings;
  final List<String> tags;
  final List<Double> numbers;
  final List<LocalDate> allDates = new ArrayList<>();
  final List<LocalDate> dates;
  final List<Instant> allInstants = new ArrayList<>();
  final List<Instant> instants;
  final List<GeoPoint> points;
  /** Centre and point pairs where the haversine is ill-conditioned: {lat, lon, lat, lon}. */
  final List<double[]> hardPairs = new ArrayList<>();
  final List<EvaluationContext> contexts = new ArrayList<>();

  Scenario(SplittableRandom rnd, Coverage coverage) {
    this.rnd = rnd;
    this.coverage = coverage;
    this.schema = randomSchema();
    this.strings = sample(STRINGS, 6 + rnd.nextInt(8));
    this.tags = sample(TAGS, 5 + rnd.nextInt(7));
    this.numbers = sample(NUMBERS, 6 + rnd.nextInt(10));
    Instant base = baseNow();
    int n = 2 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      Instant now = i == 0 ? base : base.plus(nowOffset());
      contexts.add(EvaluationContext.of(now, pick(ZONES)));
    }
    buildDates();
    this.dates = sample(allDates, 10 + rnd.nextInt(20));
    buildInstants();
    this.instants = sample(allInstants, 15 + rnd.nextInt(30));
    this.points = new ArrayList<>();
    int np = 8 + rnd.nextInt(20);
    for (int i = 0; i < np; i++) {
      points.add(randomPoint());
    }
    addHardPairs();
  }

  /**
   * Near-antipodal pairs (the haversine's asin is taken of almost 1) and a quarter circle on the
   * equator (the longitude half-width's asin is taken of almost 1); the points join the
   * vocabulary, and circles through them test the edge of the bounding-box prefilter.
   */
  private void addHardPairs() {
    hardPairs.add(new double[] {0, 0, 0, 89.99999924622719});
    hardPairs.add(
        new double[] {-90, -9.74349504330841E-7, 89.99999500000322, 0.026644068215186858});
    for (int i = 0; i < 3; i++) {
      GeoPoint c = pick(points);
      double tiny = Math.pow(10, -5 - rnd.nextInt(5));
      double lat = Math.max(-90, Math.min(90, -c.lat() + (rnd.nextBoolean() ? tiny : -tiny)));
      double lon = c.lon() + 180 + (rnd.nextBoolean() ? tiny : -tiny);
      while (lon > 180) {
        lon -= 360;
      }
      hardPairs.add(new double[] {c.lat(), c.lon(), lat, lon});
    }
    double q = 90 - Math.pow(10, -6 - rnd.nextInt(4)) * rnd.nextDouble();
    hardPairs.add(new double[] {0, 0, 0, rnd.nextBoolean() ? q : -q});
    for (double[] pair : hardPairs) {
      points.add(new GeoPoint(pair[2], pair[3]));
    }
  }

  // ---------------------------------------------------------------- helpers

  <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  boolean chance(int percent) {
    return rnd.nextInt(100) < percent;
  }

  private <T> List<T> sample(List<T> from, int n) {
    List<T> copy = new ArrayList<>(from);
    List<T> out = new ArrayList<>();
    while (out.size() < n && !copy.isEmpty()) {
      out.add(copy.remove(rnd.nextInt(copy.size())));
    }
    return out;
  }

  private String randomName() {
    StringBuilder sb = new StringBuilder();
    sb.append(NAME_START.charAt(rnd.nextInt(NAME_START.length())));
    int len = rnd.nextInt(8);
    for (int i = 0; i < len; i++) {
      sb.append(NAME_REST.charAt(rnd.nextInt(NAME_REST.length())));
    }
    return sb.toString();
  }

  private Schema randomSchema() {
    Schema.Builder b = Schema.builder();
    Set<String> used = new LinkedHashSet<>();
    List<FieldType> order = new ArrayList<>();
    for (FieldType t : FieldType.values()) {
      int n = 2 + rnd.nextInt(2);
      for (int i = 0; i < n; i++) {
        order.add(t);
      }
    }
    while (!order.isEmpty()) {
      FieldType t = order.remove(rnd.nextInt(order.size()));
      String name;
      do {
        name = randomName();
      } while (!used.add(name));
      b.contactField(name, t);
      fieldsByType.computeIfAbsent(t, k -> new ArrayList<>()).add(name);
    }
    return b.build();
  }

  String fieldOf(FieldType type) {
    return pick(fieldsByType.get(type));
  }

  FieldType typeOf(String field) {
    return schema.contactFields().get(field);
  }

  // ---------------------------------------------------------------- time vocabulary

  private Instant baseNow() {
    switch (rnd.nextInt(12)) {
      case 0:
        return Instant.parse("2028-02-29T12:00:00Z");
      case 1:
        return Instant.parse("2027-02-28T20:00:00Z"); // 1 March in Kiritimati
      case 2:
        return Instant.parse("2100-02-28T12:00:00Z"); // not a leap year
      case 3:
        return Instant.parse("2024-02-29T03:00:00Z"); // 28 February in New York, leap year
      case 4:
        return Instant.parse("2026-03-08T07:00:00Z"); // New York springs forward
      case 5:
        return Instant.parse("2026-11-01T05:59:59.999999500Z"); // New York falls back
      case 6:
        return Instant.parse("2026-12-31T23:59:59.999999999Z");
      default: {
        long from = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2031-01-01T00:00:00Z").getEpochSecond();
        long s = from + rnd.nextLong(to - from);
        int kind = rnd.nextInt(3);
        long nanos = kind == 0 ? 0 : kind == 1 ? rnd.nextInt(1_000_000) * 1000L
            : rnd.nextInt(1_000_000_000);
        return Instant.ofEpochSecond(s, nanos);
      }
    }
  }

  private Duration nowOffset() {
    switch (rnd.nextInt(9)) {
      case 0:
        return Duration.ZERO;
      case 1:
        return Duration.ofNanos(rnd.nextBoolean() ? 1 : -1);
      case 2:
        return Duration.ofNanos(rnd.nextBoolean() ? 999 : -999);
      case 3:
        return Duration.ofNanos(rnd.nextBoolean() ? 1000 : -1000);
      case 4:
        return Duration.ofSeconds(rnd.nextBoolean() ? 1 : -1);
      case 5:
        return Duration.ofHours(rnd.nextBoolean() ? 1 : -1);
      case 6:
        return Duration.ofHours(rnd.nextBoolean() ? 11 : -11);
      case 7:
        return Duration.ofDays(rnd.nextBoolean() ? 1 : -1);
      default:
        return Duration.ofSeconds(rnd.nextLong(-3 * 86_400, 3 * 86_400));
    }
  }

  private void buildDates() {
    Set<LocalDate> all = new LinkedHashSet<>();
    int[] offsets = {-366, -365, -31, -30, -29, -8, -7, -6, -2, -1, 0, 1, 2, 6, 7, 8, 29, 30, 31,
        365, 36499, 36500, -36500};
    for (EvaluationContext c : contexts) {
      LocalDate today = c.today();
      for (int o : offsets) {
        all.add(today.plusDays(o));
      }
      for (int y : new int[] {1970, 2000, 2023, 2024, 2030}) {
        all.add(today.withYear(y));
        all.add(today.plusDays(1).withYear(y));
        all.add(today.minusDays(1).withYear(y));
      }
    }
    for (int y : new int[] {2000, 2024, 2028}) {
      all.add(LocalDate.of(y, 2, 28));
      all.add(LocalDate.of(y, 2, 29));
      all.add(LocalDate.of(y, 3, 1));
    }
    for (int y : new int[] {2023, 2025, 2100}) {
      all.add(LocalDate.of(y, 2, 28));
      all.add(LocalDate.of(y, 3, 1));
    }
    all.add(LocalDate.of(1, 1, 1));
    all.add(LocalDate.of(1969, 12, 31));
    all.add(LocalDate.of(1970, 1, 1));
    all.add(LocalDate.of(9999, 12, 31));
    all.removeIf(d -> d.getYear() < 1 || d.getYear() > 9999);
    allDates.addAll(all);
  }

  private static Instant micros(Instant i) {
    return i.truncatedTo(ChronoUnit.MICROS);
  }

  private void addEdges(Set<Instant> out, Instant x) {
    out.add(x);
    Instant m = micros(x);
    out.add(m);
    out.add(m.plusNanos(1000));
    out.add(m.minusNanos(1000));
  }

  private void buildInstants() {
    Set<Instant> all = new LinkedHashSet<>();
    for (EvaluationContext c : contexts) {
      addEdges(all, c.now());
      for (TimeSpan s : TIME_SPANS) {
        addEdges(all, c.now().minus(s.toDuration()));
        addEdges(all, c.now().plus(s.toDuration()));
      }
      LocalDate today = c.today();
      for (int d = -2; d <= 2; d++) {
        for (EvaluationContext z : contexts) {
          addEdges(all, today.plusDays(d).atStartOfDay(z.zone()).toInstant());
        }
      }
      for (int i = 0; i < 5; i++) {
        all.add(micros(c.now().plusSeconds(rnd.nextLong(-40 * 86_400, 40 * 86_400))
            .plusNanos(rnd.nextInt(1_000_000_000))));
      }
    }
    all.add(Instant.EPOCH);
    all.add(Instant.EPOCH.minusNanos(1000));
    allInstants.addAll(all);
  }

  // ---------------------------------------------------------------- values

  private GeoPoint randomPoint() {
    double[] c = CENTRES[rnd.nextInt(CENTRES.length)];
    if (chance(20)) {
      return new GeoPoint(c[0], c[1]);
    }
    double lat = c[0] + jitter();
    double lon = c[1] + jitter();
    lat = Math.max(-90, Math.min(90, lat));
    if (lon > 180) {
      lon -= 360;
    } else if (lon < -180) {
      lon += 360;
    }
    return new GeoPoint(lat, lon);
  }

  private double jitter() {
    return (rnd.nextDouble() * 2 - 1) * Math.pow(10, -rnd.nextInt(7));
  }

  /** A value for a contact's field, from the vocabulary, in one of the Java forms of its type. */
  Object value(String field) {
    switch (typeOf(field)) {
      case STRING:
        return pick(strings);
      case NUMBER:
        return boxNumber(pick(numbers));
      case DATE:
        return pick(dates);
      case DATETIME: {
        Instant i = pick(instants);
        if (chance(10)) {
          i = i.plusNanos(rnd.nextInt(1000)); // the index keeps microseconds
        }
        switch (rnd.nextInt(6)) {
          case 0:
            return i.atOffset(pick(OFFSETS));
          case 1:
            return i.atZone(pick(ZONES));
          default:
            return i;
        }
      }
      case BOOLEAN:
        return rnd.nextBoolean();
      case GEO:
        return pick(points);
      default:
        throw new IllegalStateException();
    }
  }

  private Object boxNumber(double d) {
    int k = rnd.nextInt(12);
    boolean integral = d == Math.rint(d) && Math.abs(d) < 1e9
        && Double.doubleToRawLongBits(d) != Double.doubleToRawLongBits(-0.0);
    if (integral) {
      switch (k) {
        case 0:
          return (int) d;
        case 1:
          return (long) d;
        case 2:
          return BigDecimal.valueOf((long) d);
        case 3:
          return BigInteger.valueOf((long) d);
        case 4:
          return new AtomicLong((long) d); // FieldType: NUMBER takes any Number
        case 5:
          if (d == (short) d) {
            return (short) d;
          }
          break;
        default:
          break;
      }
    }
    if (k == 6 && (float) d == d) {
      return (float) d;
    }
    if (k == 7) {
      return new BigDecimal(d);
    }
    return d;
  }

  /** A contact with random tags, lists and fields from the vocabularies. */
  Contact contact(String id) {
    Contact.Builder b = Contact.builder(id);
    int nt = rnd.nextInt(5);
    for (int i = 0; i < nt; i++) {
      b.tags(pick(tags));
    }
    for (String l : LISTS) {
      if (chance(35)) {
        b.list(l, pick(List.of(ListStatus.values())));
      }
    }
    int setPercent = 40 + rnd.nextInt(55);
    for (String f : schema.contactFields().keySet()) {
      if (chance(setPercent)) {
        b.field(f, value(f));
      }
    }
    return b.build();
  }

  String tagName() {
    return chance(90) ? pick(tags) : pick(TAGS);
  }

  String listName() {
    return pick(LISTS);
  }

  ListStatus status() {
    return pick(List.of(ListStatus.values()));
  }

  EvaluationContext context() {
    if (chance(80)) {
      return pick(contexts);
    }
    return EvaluationContext.of(pick(contexts).now(), pick(ZONES));
  }

  // ---------------------------------------------------------------- conditions

  /** A condition tree with a chain of at least {@code minDepth} nested groups. */
  Condition condition(int minDepth) {
    coverage.note("tree depth >= 4");
    return node(0, minDepth);
  }

  private Condition node(int depth, int mustReach) {
    if (mustReach > 0 || (depth < 7 && chance(28))) {
      return group(depth, mustReach);
    }
    return leaf();
  }

  private String label() {
    return chance(5) ? "label " + rnd.nextInt(100) : null;
  }

  private Condition group(int depth, int mustReach) {
    int kind = rnd.nextInt(3);
    if (kind == 2) {
      coverage.note("group not");
      return new Not(node(depth + 1, Math.max(0, mustReach - 1)), label());
    }
    int n = mustReach > 0 ? 1 + rnd.nextInt(3) : chance(15) ? 0 : 1 + rnd.nextInt(3);
    int deep = rnd.nextInt(Math.max(1, n));
    List<Condition> children = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      children.add(node(depth + 1, i == deep ? Math.max(0, mustReach - 1) : 0));
    }
    String name = kind == 0 ? "all" : "any";
    coverage.note("group " + name);
    if (n == 0) {
      coverage.note("group " + name + " empty");
    }
    return kind == 0 ? new All(children, label()) : new Any(children, label());
  }

  Condition leaf() {
    int k = rnd.nextInt(100);
    if (k < 14) {
      return tagLeaf();
    }
    if (k < 24) {
      return listLeaf();
    }
    return fieldLeaf();
  }

  private Condition tagLeaf() {
    TagCondition.Op op = pick(List.of(TagCondition.Op.values()));
    boolean ic = rnd.nextBoolean();
    String pattern = op == TagCondition.Op.EQ ? caseVariant(tagName()) : pattern(tagName());
    coverage.tag(op, ic);
    return new TagCondition(pattern, op, ic, label());
  }

  private Condition listLeaf() {
    ListStatus s = chance(25) ? null : status();
    coverage.list(s);
    return new ListCondition(chance(90) ? listName() : "unknown-list", s, label());
  }

  private Condition fieldLeaf() {
    FieldOperator op = pick(List.of(FieldOperator.values()));
    List<FieldType> types = new ArrayList<>();
    for (FieldType t : FieldType.values()) {
      if (op.appliesTo(t)) {
        types.add(t);
      }
    }
    FieldType type = pick(types);
    String field = fieldOf(type);
    boolean ic = type == FieldType.STRING && op.allowsIgnoreCase() && rnd.nextBoolean();
    coverage.field(op, type);
    if (ic) {
      coverage.note("string ignoreCase");
    }
    return new FieldCondition(field, op, operand(op, type), ic, label());
  }

  private Operand operand(FieldOperator op, FieldType type) {
    switch (op.shape()) {
      case NONE:
        return Operand.None.INSTANCE;
      case SINGLE:
        if (op == FieldOperator.CONTAINS || op == FieldOperator.NOT_CONTAINS
            || op == FieldOperator.STARTS_WITH || op == FieldOperator.ENDS_WITH) {
          return new Operand.Single(new Literal.Text(pattern(pick(strings))));
        }
        return new Operand.Single(literal(type));
      case VALUES: {
        int n = 1 + rnd.nextInt(chance(20) ? 8 : 3);
        if (n > 1) {
          coverage.note("in several values");
        }
        List<Literal> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          values.add(literal(type));
        }
        return new Operand.Values(values);
      }
      case RANGE:
        return range(type);
      case SPAN:
        return new Operand.Span(type == FieldType.DATE ? pick(DATE_SPANS) : pick(TIME_SPANS));
      case CIRCLE:
        return circle();
      default:
        throw new IllegalStateException(op.shape().toString());
    }
  }

  private String caseVariant(String s) {
    switch (rnd.nextInt(6)) {
      case 0:
        return s.toUpperCase(Locale.ROOT).isEmpty() ? s : s.toUpperCase(Locale.ROOT);
      case 1:
        return s.toLowerCase(Locale.ROOT).isEmpty() ? s : s.toLowerCase(Locale.ROOT);
      default:
        return s;
    }
  }

  /** A non-empty pattern: mostly a piece of a word of the vocabulary. */
  private String pattern(String word) {
    if (word.isEmpty() || chance(8)) {
      word = chance(50) ? "zz" : "a";
    }
    String p = word;
    if (chance(60)) {
      int from = rnd.nextInt(word.length());
      int to = from + 1 + rnd.nextInt(word.length() - from);
      p = word.substring(from, to);
    }
    p = caseVariant(p);
    return p.isEmpty() ? "a" : p;
  }

  private Literal literal(FieldType type) {
    switch (type) {
      case STRING: {
        String s = chance(80) ? pick(strings) : pick(STRINGS);
        return new Literal.Text(chance(25) ? caseVariant(s) : s);
      }
      case NUMBER: {
        double d = chance(85) ? pick(numbers) : pick(NUMBERS);
        if (chance(10)) {
          d = rnd.nextBoolean() ? Math.nextUp(d) : Math.nextDown(d);
          if (!Double.isFinite(d)) {
            d = 0.0;
          }
        }
        if (Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(-0.0)) {
          coverage.note("number -0.0 literal");
        }
        return new Literal.Number(d);
      }
      case DATE:
        return new Literal.Text((chance(85) ? pick(dates) : pick(allDates)).toString());
      case DATETIME:
        return datetimeLiteral(rnd.nextInt(100) < 20);
      case BOOLEAN:
        return new Literal.Bool(rnd.nextBoolean());
      default:
        throw new IllegalStateException(type.toString());
    }
  }

  private Literal datetimeLiteral(boolean bareDate) {
    if (bareDate) {
      coverage.note("datetime bare date");
      return new Literal.Text((chance(85) ? pick(dates) : pick(allDates)).toString());
    }
    Instant i = chance(85) ? pick(instants) : pick(allInstants);
    if (chance(50)) {
      return new Literal.Text(i.toString());
    }
    coverage.note("datetime offset");
    OffsetDateTime odt = i.atOffset(pick(OFFSETS));
    return new Literal.Text(odt.toString());
  }

  /** The instant a datetime literal stands for if bare dates were read in UTC (ordering only). */
  private static Instant roughInstant(Literal l) {
    String s = ((Literal.Text) l).value();
    if (s.length() == 10) {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return OffsetDateTime.parse(s).toInstant();
  }

  private Operand range(FieldType type) {
    if (type == FieldType.DATETIME && chance(30)) {
      return zoneDependentRange();
    }
    Literal lo = literal(type);
    Literal hi = chance(20) ? lo : literal(type);
    if (lo.equals(hi)) {
      coverage.note("between lo == hi");
    }
    switch (type) {
      case NUMBER:
        if (((Literal.Number) lo).value() > ((Literal.Number) hi).value()) {
          return new Operand.Range(hi, lo);
        }
        return new Operand.Range(lo, hi);
      case DATE:
        if (LocalDate.parse(((Literal.Text) lo).value())
            .isAfter(LocalDate.parse(((Literal.Text) hi).value()))) {
          return new Operand.Range(hi, lo);
        }
        return new Operand.Range(lo, hi);
      case DATETIME: {
        boolean loDate = ((Literal.Text) lo).value().length() == 10;
        boolean hiDate = ((Literal.Text) hi).value().length() == 10;
        if (loDate != hiDate) {
          coverage.note("datetime between mixed forms");
          if (chance(25)) {
            return new Operand.Range(lo, hi); // may be lo > hi in some zones: an error there
          }
        }
        if (roughInstant(lo).isAfter(roughInstant(hi))) {
          return new Operand.Range(hi, lo);
        }
        return new Operand.Range(lo, hi);
      }
      default:
        throw new IllegalStateException(type.toString());
    }
  }

  /**
   * A bare date and an instant within a day of that date's midnight somewhere: whether {@code lo
   * <= hi} holds depends on the zone the bare date is read in (an error where it does not).
   */
  private Operand zoneDependentRange() {
    coverage.note("datetime between mixed forms");
    LocalDate d = pick(dates);
    if (d.getYear() >= 9999 || d.getYear() <= 1) {
      d = contexts.get(0).today(); // the instant must stay within four-digit years
    }
    Instant midnight = d.atStartOfDay(pick(ZONES)).toInstant();
    Instant i = midnight.plusSeconds(rnd.nextLong(-86_400, 86_400));
    if (chance(30)) {
      i = midnight.plusNanos(rnd.nextBoolean() ? 1000 : -1000);
    }
    Literal date = new Literal.Text(d.toString());
    Literal instant =
        new Literal.Text(chance(50) ? i.toString() : i.atOffset(pick(OFFSETS)).toString());
    return rnd.nextBoolean() ? new Operand.Range(date, instant) : new Operand.Range(instant, date);
  }

  private Operand circle() {
    double lat;
    double lon;
    int k = rnd.nextInt(10);
    if (k < 4) {
      double[] c = CENTRES[rnd.nextInt(CENTRES.length)];
      lat = c[0];
      lon = c[1];
    } else if (k < 8) {
      GeoPoint p = pick(points);
      lat = p.lat();
      lon = p.lon();
    } else {
      lat = rnd.nextDouble() * 180 - 90;
      lon = rnd.nextDouble() * 360 - 180;
    }
    double km = RADII_KM[rnd.nextInt(RADII_KM.length)];
    if (chance(10)) {
      double[] pair = pick(hardPairs);
      lat = pair[0];
      lon = pair[1];
      km = ReferenceEvaluator.haversineKm(lat, lon, pair[2], pair[3]);
      coverage.note("within ill-conditioned edge");
    } else if (chance(40)) {
      GeoPoint p = pick(points);
      double d = ReferenceEvaluator.haversineKm(lat, lon, p.lat(), p.lon());
      if (d > 0) {
        km = d;
        coverage.note("within exact radius");
      }
    }
    if (chance(30)) {
      coverage.note("within miles");
      double miles = km / ReferenceEvaluator.MILE_KM;
      if (chance(30)) {
        miles = rnd.nextBoolean() ? Math.nextUp(miles) : Math.nextDown(miles);
      }
      return new Operand.Circle(lat, lon, miles, Operand.DistanceUnit.MILES);
    }
    coverage.note("within km");
    if (chance(20)) {
      km = rnd.nextBoolean() ? Math.nextUp(km) : Math.nextDown(km);
    }
    return new Operand.Circle(lat, lon, km, Operand.DistanceUnit.KM);
  }
}
